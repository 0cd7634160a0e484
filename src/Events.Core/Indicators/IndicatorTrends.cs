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
        var events = db.Events.Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Completed);
        if (scope is not null) events = events.Where(e => scope.Contains(e.OrganizationId));
        if (kind is { } k) events = events.Where(e => e.Kind == k);
        var work = await YearFigures.LoadAsync(db, year, events, clock.GetUtcNow().UtcDateTime, ct);

        // Sessions by their own local start; an event in the month of its first held session; people as each event's figures put them.
        var held = work.Held.ToList();
        var meetings = held.GroupBy(s => s.EventId).Select(g => g.Min(s => s.LocalStart).Month).CountBy(m => m).ToDictionary();
        var byMonth = held.CountBy(s => s.LocalStart.Month).ToDictionary();
        var splits = ParticipantSplits.Empty();
        foreach (var f in work.Figures.Values) splits.AddFrom(f.Splits);
        var people = Enumerable.Range(1, 12).ToDictionary(m => m, m => splits.ByMonth[m - 1]);

        return Enumerable.Range(1, 12)
            .Select(m => new MonthFigures(m, meetings.GetValueOrDefault(m), byMonth.GetValueOrDefault(m), people.GetValueOrDefault(m)))
            .ToList();
    }
}
