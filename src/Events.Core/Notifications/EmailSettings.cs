namespace Events.Core.Notifications;

public enum EmailDelivery { Pickup, Smtp }

/// <summary>The <c>Email</c> section.</summary>
public sealed class EmailSettings
{
    /// <summary>Pickup (default): .eml files in <see cref="PickupFolder"/>; Smtp: MailKit to <see cref="Smtp"/>.</summary>
    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;
    public string? PickupFolder { get; set; }
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Sender of every email when the organization has no mailbox of its own.</summary>
    public string From { get; set; } = "Events <no-reply@events.local>";

    /// <summary>Parallel SMTP connections of one dispatcher.</summary>
    public int Connections { get; set; } = 4;
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often an idle dispatcher looks for work (it is also woken when mail is queued).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";
    public string? From { get; set; }
}

/// <summary>Where links in emails point (<c>App:PublicBaseUrl</c>).</summary>
public sealed class PublicUrls(string baseUrl)
{
    public string Base { get; } = baseUrl.TrimEnd('/');
    public string Manage(string token) => $"{Base}/r/{token}";
    public string Event(int eventId) => $"{Base}/events/{eventId}";
}
