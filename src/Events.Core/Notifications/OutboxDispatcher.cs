using System.Net.Sockets;
using Events.Core.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Events.Core.Notifications;

/// <summary>
/// Sends what the outbox holds. Each message is first claimed by one dispatcher with a conditional
/// update (several app instances may share a database), then sent over several SMTP connections,
/// each reused for many messages. Transient failures (4xx, network) are retried with exponential
/// backoff; permanent ones (5xx) are recorded. A dispatcher that dies leaves its claims to expire.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<EventsDbContext> dbFactory, EmailSettings settings, OutboxSignal signal, TimeProvider clock,
    ILogger<OutboxDispatcher> log, PickupFolder pickup) : BackgroundService
{
    private readonly string _instance = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 100);

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);
    private const int Batch = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Outbox dispatch failed; retrying shortly.");
            }
            try { await signal.WaitAsync(settings.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and sends one batch; returns how many messages it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var claimed = await ClaimAsync(ct);
        if (claimed.Count == 0) return 0;
        if (settings.Delivery == EmailDelivery.Pickup)
        {
            foreach (var m in claimed)
            {
                byte[] bytes;
                try
                {
                    bytes = m.MimeBytes();
                    await ReadAsync(bytes, ct); // the same check as before SMTP: a file nobody can open is not "sent"
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A message that cannot be read fails alone; the rest of the batch goes on.
                    await MarkFailedAsync(m, e.Message, permanent: true, ct);
                    continue;
                }
                try
                {
                    await pickup.WriteAsync(m.Id, bytes, ct);
                }
                catch (IOException e)
                {
                    await MarkFailedAsync(m, e.Message, permanent: false, ct);
                    continue;
                }
                await MarkSentAsync([m.Id], ct);
            }
            return claimed.Count;
        }

        // One connection per group of recipients: a person's messages keep their order (REQUEST before CANCEL).
        var connections = Math.Clamp(settings.Connections, 1, 16);
        var queues = claimed.GroupBy(m => (StringComparer.OrdinalIgnoreCase.GetHashCode(m.To) & int.MaxValue) % connections)
            .Select(g => new Queue<OutboxMessage>(g.OrderBy(m => m.Id)));
        await Task.WhenAll(queues.Select(q => SendAllAsync(q, ct)));
        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now) || (m.Status == OutboxStatus.Sending && m.LockedUntilUtc < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        // The same condition again in the update: a message another dispatcher claimed meanwhile is not taken twice.
        await db.Outbox
            .Where(m => candidates.Contains(m.Id)
                        && ((m.Status == OutboxStatus.Queued && m.NextAttemptUtc <= now) || (m.Status == OutboxStatus.Sending && m.LockedUntilUtc < now)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, _instance)
                .SetProperty(m => m.LockedUntilUtc, now + ClaimFor), ct);
        return await db.Outbox.AsNoTracking().Where(m => m.LockedBy == _instance && m.Status == OutboxStatus.Sending && candidates.Contains(m.Id))
            .OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task SendAllAsync(Queue<OutboxMessage> queue, CancellationToken ct)
    {
        using var client = new SmtpClient();
        // Sent ids are recorded in small groups: at most this many could be sent twice after a crash.
        var sent = new List<long>();
        try
        {
            while (true)
            {
                OutboxMessage? next;
                lock (queue) { if (!queue.TryDequeue(out next)) break; }
                MimeMessage message;
                try
                {
                    message = await ReadAsync(next.MimeBytes(), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Stored bytes that do not decompress or parse will never send: this one fails, the others go on.
                    await MarkFailedAsync(next, e.Message, permanent: true, ct);
                    continue;
                }
                try
                {
                    if (!client.IsConnected)
                    {
                        await ConnectAsync(client, ct);
                        if (!string.IsNullOrEmpty(settings.Smtp.Username)) await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", ct);
                    }
                    await client.SendAsync(message, ct);
                    sent.Add(next.Id);
                }
                catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
                {
                    await MarkFailedAsync(next, $"{(int)e.StatusCode} {e.Message}", permanent: true, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Network, protocol, TLS or anything unforeseen: retried later with backoff, attempts counted.
                    await MarkFailedAsync(next, e.Message, permanent: false, ct);
                    // After anything but a command error the connection is not trustworthy: start a new one.
                    if (e is not SmtpCommandException && client.IsConnected)
                    {
                        try { await client.DisconnectAsync(false, ct); } catch (Exception) { /* already broken */ }
                    }
                }
                if (sent.Count >= 50)
                {
                    // Outside the send's error handling: a database hiccup here must not mark a delivered message as failed.
                    try
                    {
                        await MarkSentAsync(sent, ct);
                        sent.Clear();
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        log.LogWarning(e, "Recording {Count} sent emails failed; trying again.", sent.Count);
                    }
                }
            }
        }
        finally
        {
            // Whatever ended the loop, what went out is recorded, so it is not sent again when the claim expires.
            if (sent.Count > 0) await MarkSentAsync(sent, CancellationToken.None);
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(true, ct); } catch (Exception) { /* the server went away */ }
        }
    }

    private static async Task<MimeMessage> ReadAsync(byte[] mime, CancellationToken ct)
    {
        using var stream = new MemoryStream(mime);
        var message = await MimeMessage.LoadAsync(stream, ct);
        if (message.To.Mailboxes.FirstOrDefault() is null) throw new FormatException("The stored message has no recipient.");
        return message;
    }

    /// <summary>
    /// Nagle's algorithm holds back each small SMTP command until the previous reply is acknowledged
    /// (≈40 ms per message); a socket with NoDelay sends them at once.
    /// </summary>
    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, ct);
            await client.ConnectAsync(socket, settings.Smtp.Host, settings.Smtp.Port, ParseSecurity(settings.Smtp.Security), ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions ParseSecurity(string value) =>
        Enum.TryParse<SecureSocketOptions>(value, ignoreCase: true, out var option) ? option : SecureSocketOptions.Auto;

    private async Task MarkSentAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(m => ids.Contains(m.Id) && m.LockedBy == _instance).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentUtc, now)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LockedUntilUtc, (DateTime?)null), ct);
        await PurgeErasedAsync(db, ids, ct);
    }

    /// <summary>The last message to an erased person is kept only until it has gone out (or failed for good).</summary>
    private async Task PurgeErasedAsync(EventsDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var erased = db.Outbox.Where(m => ids.Contains(m.Id) && m.PurgeWhenSent && m.Status != OutboxStatus.Queued && m.Status != OutboxStatus.Sending);
        if (await Privacy.MailPurge.PurgeAsync(db, pickup, erased, ct) > 0) await Privacy.MailPurge.TruncateWriteAheadLogAsync(db, ct);
    }

    private async Task MarkFailedAsync(OutboxMessage message, string error, bool permanent, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attempts = message.Attempts + 1;
        var giveUp = permanent || attempts >= settings.MaxAttempts;
        var delay = TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));
        var next = clock.GetUtcNow().UtcDateTime + delay;
        var text = error.Length > 1000 ? error[..1000] : error;
        await db.Outbox.Where(m => m.Id == message.Id && m.LockedBy == _instance).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Queued)
            .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, text)
            .SetProperty(m => m.NextAttemptUtc, next).SetProperty(m => m.LockedUntilUtc, (DateTime?)null), ct);
        if (giveUp) await PurgeErasedAsync(db, [message.Id], ct);
        log.LogWarning("Email {Id} to {To} failed ({Attempt}): {Error}{Final}", message.Id, message.To, attempts, text, giveUp ? " — given up" : "");
    }
}

/// <summary>The embedded default: each email as an .eml file (App_Data/mail), readable on the Mailbox page.</summary>
public sealed class PickupFolder(string path)
{
    public string Path { get; } = path;

    public async Task WriteAsync(long outboxId, byte[] mime, CancellationToken ct)
    {
        Directory.CreateDirectory(Path);
        // Named by outbox id: a message sent twice after a crash overwrites itself instead of appearing twice.
        var file = FileOf(outboxId);
        var temp = file + ".tmp";
        await File.WriteAllBytesAsync(temp, mime, ct);
        File.Move(temp, file, overwrite: true);
    }

    public string FileOf(long outboxId) => System.IO.Path.Combine(Path, $"{outboxId:D10}.eml");

    /// <summary>Removes a message's file; nothing to do when the folder was never made (SMTP delivery, nothing sent yet).</summary>
    public void Delete(long outboxId)
    {
        if (Directory.Exists(Path)) File.Delete(FileOf(outboxId));
    }

    public int DeleteOlderThan(DateTime utc)
    {
        var old = Files().Where(f => f.LastWriteTimeUtc < utc).ToList();
        foreach (var f in old) f.Delete();
        return old.Count;
    }

    public IEnumerable<FileInfo> Files() =>
        Directory.Exists(Path) ? new DirectoryInfo(Path).EnumerateFiles("*.eml").OrderByDescending(f => f.Name) : [];
}
