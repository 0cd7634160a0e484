using Events.Core.Data;
using Events.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Events.Core.Privacy;

/// <summary>Sent and finally failed emails older than <see cref="PrivacySettings.SentMailRetentionDays"/> lose body, address and pickup file.</summary>
public sealed class SentMailRetention(IDbContextFactory<EventsDbContext> dbFactory, PickupFolder pickup, PrivacySettings settings, TimeProvider clock)
{
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-Math.Max(0, settings.SentMailRetentionDays));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purged = await MailPurge.PurgeAsync(db, pickup, db.Outbox.Where(m =>
            (m.Status == OutboxStatus.Sent && m.SentUtc < cutoff) || (m.Status == OutboxStatus.Failed && m.CreatedUtc < cutoff)), ct);
        // Files without a row (a database restored or reset) follow the same rule by their age.
        purged += pickup.DeleteOlderThan(cutoff);
        if (purged > 0) await MailPurge.TruncateWriteAheadLogAsync(db, ct);
        return purged;
    }
}

/// <summary>Runs <see cref="SentMailRetention"/> at start and every hour.</summary>
public sealed class SentMailRetentionWorker(SentMailRetention retention, ILogger<SentMailRetentionWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                var purged = await retention.RunOnceAsync(stoppingToken);
                if (purged > 0) log.LogInformation("Removed the bodies of {Count} emails past their retention.", purged);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Mail retention failed; next try in an hour.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
