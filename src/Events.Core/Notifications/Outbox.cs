using Events.Core.Data;
using MimeKit;

namespace Events.Core.Notifications;

/// <summary>Wakes the dispatcher when new mail is committed (it also polls, so a missed signal only delays).</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

public static class Outbox
{
    /// <summary>Adds a message to the context: it is stored by the caller's SaveChanges, in the caller's transaction.</summary>
    public static OutboxMessage Enqueue(EventsDbContext db, MimeMessage message, string kind, int? registrationId, DateTime nowUtc)
    {
        var row = Create(message, kind, registrationId, nowUtc);
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>The stored form of a message, built before a write transaction so the lock is held briefly.</summary>
    public static OutboxMessage Create(MimeMessage message, string kind, int? registrationId, DateTime nowUtc)
    {
        // 7-bit transfer encodings: the message survives any relay, whatever its Kyrgyz letters and emoji.
        message.Prepare(EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        var row = new OutboxMessage
        {
            To = message.To.Mailboxes.First().Address,
            Subject = (message.Subject ?? "").Length > 400 ? message.Subject![..400] : message.Subject ?? "",
            Mime = OutboxMessage.Pack(stream.GetBuffer().AsSpan(0, (int)stream.Length)),
            Kind = kind,
            RegistrationId = registrationId,
            CreatedUtc = nowUtc,
            NextAttemptUtc = nowUtc,
        };
        return row;
    }
}
