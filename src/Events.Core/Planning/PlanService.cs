using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Planning;

public sealed record TargetInput(EventKind Kind, int? OrganizationId, int Target);

/// <summary>One line of the plan: a target and what has been scheduled and held against it.</summary>
public sealed record PlanLine(EventKind Kind, int? OrganizationId, string? OrganizationName, int Target, int Scheduled, int Held)
{
    public double PercentHeld => Target == 0 ? 0 : Math.Round(100.0 * Held / Target, 2);
}

/// <summary>The communication plan's yearly targets and how far each is met.</summary>
public sealed class PlanService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The plan's standing targets (domain brief): six Online-Mekendesh editions a year, one thematic meeting in each embassy, …</summary>
    public static IEnumerable<TargetInput> DefaultTargets(int year, IEnumerable<int> embassyIds) =>
    [
        new(EventKind.OnlineMekendesh, null, 6),
        .. embassyIds.Select(id => new TargetInput(EventKind.EmbassyMeeting, id, 1)),
        new(EventKind.Contest, null, year % 2 == 1 ? 2 : 1), // Mykty Mekendesh and the journalist contest every two years (2023, 2025…)
        new(EventKind.Webinar, null, 4),
        new(EventKind.Course, null, 6),
        new(EventKind.Training, null, 3),
        new(EventKind.Innolab, null, 1),
        new(EventKind.Exhibition, null, 1),
        new(EventKind.Forum, null, 2),
    ];

    /// <summary>Gives a year the standing targets when it has none yet (first run, new year).</summary>
    public async Task EnsureDefaultTargetsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PlanTargets.AnyAsync(t => t.Year == year, ct)) return;
        var embassies = await db.Organizations.Where(o => o.Kind == OrganizationKind.Embassy).Select(o => o.Id).ToListAsync(ct);
        db.PlanTargets.AddRange(DefaultTargets(year, embassies).Select(t => new PlanTarget
            { Year = year, Kind = t.Kind, OrganizationId = t.OrganizationId, Target = t.Target }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Replaces the targets of a year (administrators).</summary>
    public async Task<IReadOnlyList<PlanTarget>> SetTargetsAsync(Actor actor, int year, IReadOnlyList<TargetInput> targets, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        var v = new Validator();
        v.When(year is < 2000 or > 2100, "year", "Validation_Range", 2000, 2100);
        v.When(targets.Count > 1000, "targets", "Validation_TooMany", 1000);
        for (var i = 0; i < targets.Count; i++)
        {
            v.When(!Enum.IsDefined(targets[i].Kind), $"[{i}].kind", "Validation_UnknownValue");
            v.When(targets[i].Target is < 0 or > 100_000, $"[{i}].target", "Validation_Range", 0, 100_000);
        }
        v.When(targets.GroupBy(t => (t.Kind, t.OrganizationId)).Any(g => g.Count() > 1), "targets", "Validation_DuplicateTarget");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orgIds = targets.Where(t => t.OrganizationId is not null).Select(t => t.OrganizationId!.Value).Distinct().ToList();
        v.When(orgIds.Count > 0 && await db.Organizations.CountAsync(o => orgIds.Contains(o.Id), ct) != orgIds.Count,
            "organizationId", "Validation_UnknownOrganization");
        v.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.PlanTargets.Where(t => t.Year == year).ExecuteDeleteAsync(ct);
        var rows = targets.Select(t => new PlanTarget { Year = year, Kind = t.Kind, OrganizationId = t.OrganizationId, Target = t.Target }).ToList();
        db.PlanTargets.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<PlanTarget>> TargetsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PlanTargets.AsNoTracking().Where(t => t.Year == year).OrderBy(t => t.Kind).ThenBy(t => t.OrganizationId).ToListAsync(ct);
    }

    /// <summary>
    /// Target vs. scheduled vs. held for a year. A session belongs to the year of its local start in its own
    /// zone; "scheduled" counts events not cancelled, "held" counts published or completed events with a
    /// session that is not cancelled and has ended.
    /// </summary>
    public async Task<IReadOnlyList<PlanLine>> ReportAsync(int year, string culture, int? organizationId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var targets = await db.PlanTargets.AsNoTracking().Include(t => t.Organization).Where(t => t.Year == year).ToListAsync(ct);
        // Local years differ from UTC years by at most 14 hours at either end.
        var from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-15);
        var to = new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(15);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.StartUtc >= from && s.StartUtc < to && s.Event!.Status != EventStatus.Cancelled)
            .Select(s => new { s.EventId, s.Event!.Kind, s.Event.OrganizationId, EventStatus = s.Event.Status, s.Status, s.StartUtc, s.EndUtc, s.TimeZone })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var inYear = sessions.Where(s => WallClock.ToLocal(s.StartUtc, s.TimeZone).Year == year).ToList();
        var scheduled = inYear.Where(s => s.Status == SessionStatus.Scheduled)
            .Select(s => (s.EventId, s.Kind, s.OrganizationId)).Distinct().ToList();
        var held = inYear.Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc <= now
                                     && s.EventStatus is EventStatus.Published or EventStatus.Completed)
            .Select(s => (s.EventId, s.Kind, s.OrganizationId)).Distinct().ToList();

        int Count(List<(int EventId, EventKind Kind, int OrganizationId)> set, PlanTarget t)
        {
            var org = t.OrganizationId ?? organizationId;
            return set.Count(x => x.Kind == t.Kind && (org is null || x.OrganizationId == org));
        }

        var lines = targets
            .Where(t => organizationId is null || t.OrganizationId == organizationId || t.OrganizationId is null)
            .Select(t => new PlanLine(t.Kind, t.OrganizationId, t.Organization?.DisplayName(culture), t.Target, Count(scheduled, t), Count(held, t)))
            .OrderBy(l => l.Kind).ThenBy(l => l.OrganizationName)
            .ToList();
        return lines;
    }
}
