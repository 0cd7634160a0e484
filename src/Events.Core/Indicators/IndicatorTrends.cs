using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Indicators;

/// <summary>
/// One month of the year: meetings held (an event counts in the month of its first held session of the year), held sessions (by their
/// own local start), participants (in the month of the first held session at which they counted). Each column sums to the document's total.
/// </summary>
public sealed record MonthFigures(int Month, int MeetingsHeld, int SessionsHeld, int Participants);

/// <summary>The dashboard's trend by month, with the document's meanings and access (<see cref="HeldWork"/>, <see cref="IndicatorService.ScopeAsync"/>).</summary>
public sealed class IndicatorTrends(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<MonthFigures>> MonthlyAsync(Actor actor, int year, int? organizationId, EventKind? kind, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100) throw ValidationFailedException.For("year", "Validation_Range", 2000, 2100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await IndicatorService.ScopeAsync(db, actor, organizationId, ct);
        var work = new HeldWork(db, year, scope, kind, clock.GetUtcNow().UtcDateTime);

        // A few thousand sessions a year: read, then counted here.
        var sessions = await work.Held.Select(s => new { s.EventId, s.Start }).ToListAsync(ct);
        var meetings = sessions.GroupBy(s => s.EventId).Select(g => g.Min(s => s.Start).Month).CountBy(m => m).ToDictionary();
        var byMonth = sessions.CountBy(s => s.Start.Month).ToDictionary();
        var people = await work.Counted().Where(x => x.FirstLocalStart != null).GroupBy(x => x.FirstLocalStart!.Value.Month)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        return Enumerable.Range(1, 12)
            .Select(m => new MonthFigures(m, meetings.GetValueOrDefault(m), byMonth.GetValueOrDefault(m), people.GetValueOrDefault(m)))
            .ToList();
    }
}
