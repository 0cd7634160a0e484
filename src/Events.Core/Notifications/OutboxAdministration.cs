using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Notifications;

public sealed record OutboxRow(long Id, string To, string Subject, string? Kind, OutboxStatus Status, int Attempts, DateTime CreatedUtc,
    DateTime? SentUtc, DateTime NextAttemptUtc, string? LastError);

/// <summary>What administrators see of the outbox, and the retry of failed messages.</summary>
public sealed class OutboxAdministration(IDbContextFactory<EventsDbContext> dbFactory, OutboxSignal signal, TimeProvider clock)
{
    public async Task<Page<OutboxRow>> ListAsync(Actor actor, OutboxStatus? status, string? search, int skip, int take, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Outbox.AsNoTracking();
        if (status is { } s) query = query.Where(m => m.Status == s);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(m => m.To.Contains(search.Trim()));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip(skip).Take(take)
            .Select(m => new OutboxRow(m.Id, m.To, m.Subject, m.Kind, m.Status, m.Attempts, m.CreatedUtc, m.SentUtc, m.NextAttemptUtc, m.LastError))
            .ToListAsync(ct);
        return new Page<OutboxRow>(rows, total);
    }

    public async Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(Actor actor, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    /// <summary>Puts failed messages back in the queue (all failed ones, or one).</summary>
    public async Task<int> RetryAsync(Actor actor, long? id = null, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // A purged message (past retention, or its person erased) has nothing left to send.
        var count = await db.Outbox.Where(m => m.Status == OutboxStatus.Failed && m.To != "" && (id == null || m.Id == id))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptUtc, now).SetProperty(m => m.LockedBy, (string?)null), ct);
        signal.Notify();
        return count;
    }
}
