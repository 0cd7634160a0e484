using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

public sealed record CoverageRow(int Id, int EventId, CoverageChannel Channel, int Reposts, long? Views, string? Url, DateTime RecordedUtc, string RecordedBy,
    string? RecordedByName);

/// <summary>Coverage of an event (reposts, views, links per channel) as its organizers record it: the plan's internet statistics.</summary>
public sealed class CoverageService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Records one count; not for a draft (nothing was shared yet). Cancelled and completed events may still be counted.</summary>
    public async Task<CoverageRow> AddAsync(Actor actor, int eventId, CoverageInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        input.Validate();
        if (e.Status == EventStatus.Draft) throw new RuleViolationException("Rule_EventNotPublished");
        var record = new CoverageRecord
        {
            EventId = eventId, Channel = input.Channel!.Value, Reposts = input.Reposts!.Value, Views = input.Views,
            Url = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim(), RecordedUtc = clock.GetUtcNow().UtcDateTime, RecordedBy = actor.UserId,
        };
        db.Coverage.Add(record);
        await db.SaveChangesAsync(ct);
        return (await RowsAsync(db, db.Coverage.Where(c => c.Id == record.Id), ct)).Single();
    }

    /// <summary>The event's records, newest first.</summary>
    public async Task<IReadOnlyList<CoverageRow>> ListAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        return await RowsAsync(db, db.Coverage.Where(c => c.EventId == eventId), ct);
    }

    public async Task DeleteAsync(Actor actor, int recordId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Coverage.FirstOrDefaultAsync(c => c.Id == recordId, ct) ?? throw new NotFoundException("coverage");
        await EngagementAccess.EnsureOrganizerAsync(db, actor, record.EventId, ct);
        db.Coverage.Remove(record);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<List<CoverageRow>> RowsAsync(EventsDbContext db, IQueryable<CoverageRecord> records, CancellationToken ct) =>
        await records.AsNoTracking().OrderByDescending(c => c.RecordedUtc).ThenByDescending(c => c.Id)
            .Select(c => new CoverageRow(c.Id, c.EventId, c.Channel, c.Reposts, c.Views, c.Url, c.RecordedUtc, c.RecordedBy,
                db.Users.Where(u => u.Id == c.RecordedBy).Select(u => u.FullName).FirstOrDefault()))
            .ToListAsync(ct);
}
