using System.Globalization;
using System.Net;
using System.Text;
using Events.Core.Localization;
using Events.Core.Scheduling;
using MimeKit;

namespace Events.Core.Notifications;

public enum MessageKind { Invitation, Cancellation, Waitlisted, Pending, Rejected, ManageLink, Reminder }

/// <summary>Everything an email about one registration needs, already in the registrant's language.</summary>
public sealed record RegistrationMail(
    MessageKind Kind,
    string ToName, string ToEmail, string Language, string? RecipientTimeZone, string? ManageToken, int? WaitlistPosition,
    string SessionUid, int Sequence, DateTime StartUtc, DateTime EndUtc, string TimeZone, SessionMode Mode, string? JoinUrl,
    string? Venue, string? Address, string? Label,
    int EventId, string EventTitle, string? EventDescription, string OrganizationName, string? OrganizationEmail, string? CheckInCode = null,
    IReadOnlyList<ProgramSession>? Program = null)
{
    /// <summary>An invitation to a session with a door (offline or hybrid) carries the check-in QR code.</summary>
    public bool CarriesCheckInCode => Kind == MessageKind.Invitation && Mode != SessionMode.Online && CheckInCode is { Length: > 0 };
}

/// <summary>One session of a program as every email about an enrolment lists it (the program is the whole course).</summary>
public sealed record ProgramSession(int Number, string? Label, DateTime StartUtc, DateTime EndUtc, string TimeZone, bool Cancelled, bool IsThisOne);

/// <summary>
/// Builds emails, and for invitations and cancellations an iTIP message (RFC 5546/6047) that Gmail,
/// Outlook and Apple Calendar accept: multipart/mixed → multipart/alternative (text/plain, text/html,
/// text/calendar; method=…) followed by the same calendar as invite.ics, and for sessions with a door the
/// check-in QR code as an image the HTML shows by Content-ID.
/// </summary>
public sealed class InvitationComposer(EmailSettings settings, PublicUrls urls, TimeProvider clock)
{
    public MimeMessage Compose(RegistrationMail mail)
    {
        var lang = mail.Language;
        var message = new MimeMessage();
        message.From.Add(Sender(mail));
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToEmail));
        message.Subject = Texts.Get($"Mail_{mail.Kind}_Subject", lang, mail.EventTitle, LocalStart(mail, mail.TimeZone));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Date = clock.GetUtcNow();

        var (text, html) = Body(mail);
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text },
            new TextPart("html") { Text = html },
        };
        var method = mail.Kind switch { MessageKind.Invitation => "REQUEST", MessageKind.Cancellation => "CANCEL", _ => null };
        if (method is null)
        {
            message.Body = alternative;
            return message;
        }

        var ics = Encoding.UTF8.GetBytes(Calendar(mail, method));
        var inline = new TextPart("calendar")
        {
            Content = new MimeContent(new MemoryStream(ics)),
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        inline.ContentType.Parameters.Add("method", method);
        inline.ContentType.Charset = "utf-8";
        alternative.Add(inline);

        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(ics)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" },
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invite.ics",
        };
        var mixed = new Multipart("mixed") { alternative, attachment };
        if (mail.CarriesCheckInCode)
        {
            mixed.Add(new MimePart("image", "png")
            {
                Content = new MimeContent(new MemoryStream(Registration.CheckInQr.Png(mail.CheckInCode!, 6))),
                ContentId = QrContentId,
                ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "checkin-qr.png" },
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }
        message.Body = mixed;
        return message;
    }

    public const string QrContentId = "checkin-qr@events";

    public string Calendar(RegistrationMail mail, string method)
    {
        var organizer = mail.OrganizationEmail ?? MailboxAddress.Parse(settings.Smtp.From ?? settings.From).Address;
        var cancel = method == "CANCEL";
        return Events.Core.Calendar.IcsWriter.Write(method,
        [
            new Events.Core.Calendar.IcsEvent(mail.SessionUid, mail.Sequence, clock.GetUtcNow().UtcDateTime, mail.StartUtc, mail.EndUtc, mail.TimeZone, cancel,
                mail.EventTitle + (mail.Label is { Length: > 0 } l && !int.TryParse(l, out _) ? $" ({l})" : ""), Description(mail), Location(mail),
                urls.Event(mail.EventId), new(mail.OrganizationName, organizer), new(mail.ToName, mail.ToEmail), cancel ? "DECLINED" : "ACCEPTED"),
        ], clock);
    }

    private MailboxAddress Sender(RegistrationMail mail)
    {
        var from = MailboxAddress.Parse(settings.Smtp.From ?? settings.From);
        return new MailboxAddress(mail.OrganizationName, from.Address);
    }

    private static string? Location(RegistrationMail mail) => mail.Mode switch
    {
        SessionMode.Online => mail.JoinUrl,
        _ => string.Join(", ", new[] { mail.Venue, mail.Address, mail.Mode == SessionMode.Hybrid ? mail.JoinUrl : null }.Where(x => !string.IsNullOrWhiteSpace(x))),
    };

    private string Description(RegistrationMail mail)
    {
        var lines = new List<string>();
        if (mail.JoinUrl is { Length: > 0 } join && mail.Mode != SessionMode.Offline) lines.Add(Texts.Get("Mail_JoinLink", mail.Language, join));
        if (mail.ManageToken is { } token) lines.Add(Texts.Get("Mail_ManageLink", mail.Language, urls.Manage(token)));
        lines.Add(Common.SafeMarkdown.ToPlainText(mail.EventDescription));
        return string.Join("\n\n", lines.Where(l => l.Length > 0));
    }

    private static string LocalStart(RegistrationMail mail, string zone)
    {
        var culture = Texts.Culture(mail.Language);
        var local = WallClock.ToLocal(mail.StartUtc, zone);
        return local.ToString(culture.DateTimeFormat.LongDatePattern + ", HH:mm", culture);
    }

    /// <summary>The whole program, each session in the person's zone when known (else its own), this email's session marked.</summary>
    private static string ProgramListing(RegistrationMail mail, IReadOnlyList<ProgramSession> program)
    {
        var lang = mail.Language;
        var culture = Texts.Culture(lang);
        var lines = new List<string> { Texts.Get("Mail_Program", lang, program.Count) };
        foreach (var s in program)
        {
            var zone = mail.RecipientTimeZone is { } z && Common.TimeZones.IsValidIana(z) ? z : s.TimeZone;
            var local = WallClock.ToLocal(s.StartUtc, zone);
            var line = $"{s.Number}. {local.ToString(culture.DateTimeFormat.LongDatePattern + ", HH:mm", culture)} ({zone})";
            if (s.Label is { Length: > 0 } label) line += " — " + label;
            if (s.Cancelled) line += " — " + Texts.Get("Mail_ProgramCancelled", lang);
            else if (s.IsThisOne && mail.Kind is MessageKind.Invitation or MessageKind.Cancellation) line += " ← " + Texts.Get("Mail_ProgramThisOne", lang);
            lines.Add(line);
        }
        return string.Join("\n", lines);
    }

    private (string Text, string Html) Body(RegistrationMail mail)
    {
        var lang = mail.Language;
        var paragraphs = new List<(string Text, string? Link)>
        {
            (Texts.Get("Mail_Greeting", lang, mail.ToName), null),
            (Texts.Get($"Mail_{mail.Kind}_Lead", lang, mail.EventTitle, mail.WaitlistPosition ?? 0), null),
            (Texts.Get("Mail_TimeInEventZone", lang, LocalStart(mail, mail.TimeZone), mail.TimeZone), null),
        };
        if (mail.RecipientTimeZone is { } zone && zone != mail.TimeZone && Common.TimeZones.IsValidIana(zone))
            paragraphs.Add((Texts.Get("Mail_TimeInYourZone", lang, LocalStart(mail, zone), zone), null));
        if (mail.Program is { Count: > 0 } program) paragraphs.Add((ProgramListing(mail, program), null));
        if (mail.Kind is MessageKind.Invitation or MessageKind.Reminder)
        {
            if (mail.JoinUrl is { Length: > 0 } join && mail.Mode != SessionMode.Offline) paragraphs.Add((Texts.Get("Mail_JoinLink", lang, join), join));
            if (mail.Mode != SessionMode.Online && Location(mail) is { Length: > 0 } place) paragraphs.Add((Texts.Get("Mail_Place", lang, place), null));
        }
        if (mail.CarriesCheckInCode) paragraphs.Add((Texts.Get("Mail_CheckInCode", lang, mail.CheckInCode!), null));
        if (mail.ManageToken is { } token) paragraphs.Add((Texts.Get("Mail_ManageLink", lang, urls.Manage(token)), urls.Manage(token)));
        paragraphs.Add((Texts.Get("Mail_Signature", lang, mail.OrganizationName), null));

        var text = string.Join("\n\n", paragraphs.Select(p => p.Text)) + "\n";
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:Arial,sans-serif;line-height:1.5\">");
        foreach (var (p, link) in paragraphs)
        {
            var encoded = WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal);
            if (link is not null) encoded = encoded.Replace(WebUtility.HtmlEncode(link), $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a>");
            html.Append("<p>").Append(encoded).Append("</p>");
            if (mail.CarriesCheckInCode && p.Contains(mail.CheckInCode!, StringComparison.Ordinal))
                html.Append($"<p><img src=\"cid:{QrContentId}\" alt=\"QR {mail.CheckInCode}\" width=\"180\" height=\"180\"></p>");
        }
        html.Append("</body></html>");
        return (text, html.ToString());
    }
}
