using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Indicators;

/// <summary>One activity (event kind) of the plan in a year: held meetings and sessions, people, coverage, against the target.</summary>
public sealed record ActivityFigures(EventKind Kind, int? Target, int MeetingsHeld, int SessionsHeld, int Registered, int Participants,
    int UniqueParticipants, int Reposts, long Views, double? PercentOfTarget);

public sealed record IndicatorTotals(int MeetingsHeld, int SessionsHeld, int Registered, int Participants, int UniqueParticipants, int Reposts, long Views,
    int Entries, int GrantsAwarded, decimal GrantsAmount, int StartupsDeveloped, int TrainingSessionsOnline, int TrainingSessionsOffline, int Trainees,
    int Webinars, int Exhibitions, int ForumsWithInvestmentTopic);

public sealed record QuestionIndicators(int Received, int Answered, double ResponseRate, double? MedianHoursToAnswer, double? P90HoursToAnswer);

public sealed record SurveyIndicators(int Responses, int AwareOfOpportunities, double? SatisfiedAverage, int Satisfied, int InvestingImportant);

/// <summary>Every participant count split four ways; each split sums to <see cref="IndicatorTotals.Participants"/>.</summary>
public sealed record ParticipantBreakdowns(IReadOnlyDictionary<string, int> Gender, IReadOnlyDictionary<string, int> AgeGroup,
    IReadOnlyDictionary<string, int> Country, IReadOnlyDictionary<string, int> HomeRegion);

/// <summary>The plan's indicators for a year (and optionally an organization), computed from the data — never typed in.</summary>
public sealed record IndicatorDocument(int Year, int? OrganizationId, IReadOnlyList<ActivityFigures> Activities, IndicatorTotals Totals,
    IReadOnlyDictionary<string, int> EntriesByContestKind, QuestionIndicators Questions, IReadOnlyDictionary<string, SurveyIndicators> Survey,
    ParticipantBreakdowns ParticipantsBy);

/// <summary>
/// Computes the indicators document of api-v1 ("Indicators document"). Meanings, in one place:
/// a session belongs to the year of its local start date in its own zone; "held" = not cancelled and ended, of a
/// published (or completed) event; <c>meetingsHeld</c> counts events with a held session (an edition with two options is one
/// meeting and two sessions); <c>registered</c> = confirmed registrations of the year's sessions (a program's through the
/// session they registered by); <c>participants</c> = registrations checked in at, or marked Present/Late in, a held session;
/// <c>uniqueParticipants</c> = their distinct normalized emails; breakdowns count the same registrations; coverage, questions
/// and surveys belong to the year of their event's first session; contest entries to the year of submission (UTC), awards to
/// the year they were made, start-ups to the year they were marked Final. Analysts and administrators read everything,
/// organizers the work of their organizations, nobody else.
/// </summary>
public sealed class IndicatorService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, IEnumerable<IIndicatorSource> sources)
{
    public static readonly string[] Genders = ["Female", "Male", "Other", "Undisclosed"];
    public static readonly string[] AgeGroups = ["Under30", "From30To45", "Over45", "Unknown"];

    public async Task<IndicatorDocument> ComputeAsync(Actor actor, int year, int? organizationId, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100) throw ValidationFailedException.For("year", "Validation_Range", 2000, 2100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await ScopeAsync(db, actor, organizationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = new DateTime(year, 1, 1);
        var to = from.AddYears(1);

        var events = db.Events.Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Completed);
        if (scope is not null) events = events.Where(e => scope.Contains(e.OrganizationId));

        // The year's sessions and their events, small sets read live; what needs the large tables (registrations, attendance)
        // comes from each event's stored figures, worked out again only for events changed since (EventFigures).
        var work = await YearFigures.LoadAsync(db, year, events, now, ct);
        var figures = work.Figures;
        var heldRows = work.Held.Select(s => new { Kind = work.KindOf(s.EventId), s.EventId, s.Mode, work.Events[s.EventId].InvestmentTopicOnAgenda }).ToList();

        var registered = figures.Values.GroupBy(f => work.KindOf(f.EventId)).ToDictionary(g => g.Key, g => g.Sum(f => f.Registered));
        var keysByKind = figures.Values.GroupBy(f => work.KindOf(f.EventId))
            .ToDictionary(g => g.Key, g => (Count: g.Sum(f => f.Participants), Keys: EventFigures.DistinctKeys(g.Select(f => f.People).ToList())));
        var people = keysByKind.ToDictionary(x => x.Key, x => (x.Value.Count, Unique: x.Value.Keys.Length));
        var uniqueAll = EventFigures.DistinctKeys(keysByKind.Values.Select(x => x.Keys)).Length;

        // Trainees: distinct people present or late at a held session of a training or course.
        var trainees = EventFigures.DistinctKeys(figures.Values.Where(f => work.KindOf(f.EventId) is EventKind.Training or EventKind.Course)
            .Select(f => f.MarkedPeople).ToList()).Length;
        var splits = ParticipantSplits.Empty();
        foreach (var f in figures.Values) splits.AddFrom(f.Splits);

        // Contests: entries by submission year, awards by the year they were made.
        var contests = db.Contests.AsQueryable();
        if (scope is not null) contests = contests.Where(c => scope.Contains(c.OrganizationId));
        var fromUtc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        var toUtc = DateTime.SpecifyKind(to, DateTimeKind.Utc);
        var entries = await db.ContestEntries.Where(x => x.Status == EntryStatus.Submitted && x.SubmittedUtc >= fromUtc && x.SubmittedUtc < toUtc)
            .Join(contests, x => x.ContestId, c => c.Id, (x, c) => c.Kind).GroupBy(k => k).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key.ToString(), x => x.Count, ct);
        var grants = await db.Awards.Where(a => a.GrantAmount != null && a.GrantAmount > 0 && a.AwardedUtc >= fromUtc && a.AwardedUtc < toUtc
                                                 && contests.Any(c => c.Id == a.ContestId))
            .Select(a => a.GrantAmount!.Value).ToListAsync(ct); // decimals are summed here: SQLite cannot sum them exactly
        var startups = await InnolabService.DevelopedStartups(db, year).Where(p => events.Any(e => e.Id == p.EventId)).CountAsync(ct);

        // The rest (coverage, questions, surveys) comes from the engagement features, on the year's events.
        var yearEvents = YearEvents(db, year, scope);
        var extra = new EngagementFigures();
        foreach (var source in sources) await source.AddAsync(db, yearEvents, extra, ct);

        var targets = await TargetsAsync(db, year, organizationId, scope, ct);
        var activities = Enum.GetValues<EventKind>().Select(kind =>
        {
            var rows = heldRows.Where(r => r.Kind == kind).ToList();
            var meetings = rows.Select(r => r.EventId).Distinct().Count();
            var p = people.GetValueOrDefault(kind);
            var target = targets.TryGetValue(kind, out var t) ? t : (int?)null;
            return new ActivityFigures(kind, target, meetings, rows.Count, registered.GetValueOrDefault(kind), p.Count, p.Unique,
                extra.Reposts.GetValueOrDefault(kind), extra.Views.GetValueOrDefault(kind),
                target is > 0 ? Math.Round(100.0 * meetings / target.Value, 2) : null);
        }).ToList();

        var trainingRows = heldRows.Where(r => r.Kind is EventKind.Training or EventKind.Course).ToList();
        var totals = new IndicatorTotals(
            activities.Sum(a => a.MeetingsHeld), activities.Sum(a => a.SessionsHeld), activities.Sum(a => a.Registered), activities.Sum(a => a.Participants),
            uniqueAll, activities.Sum(a => a.Reposts), activities.Sum(a => a.Views), entries.Values.Sum(), grants.Count, grants.Sum(), startups,
            trainingRows.Count(r => r.Mode == SessionMode.Online), trainingRows.Count(r => r.Mode != SessionMode.Online), trainees,
            Meetings(heldRows.Where(r => r.Kind == EventKind.Webinar).Select(r => r.EventId)),
            Meetings(heldRows.Where(r => r.Kind == EventKind.Exhibition).Select(r => r.EventId)),
            Meetings(heldRows.Where(r => r.Kind == EventKind.Forum && r.InvestmentTopicOnAgenda).Select(r => r.EventId)));

        var breakdowns = BreakdownsOf(splits);

        return new IndicatorDocument(year, organizationId, activities, totals, entries, extra.Questions ?? new QuestionIndicators(0, 0, 0, null, null),
            new Dictionary<string, SurveyIndicators>
            {
                ["Baseline"] = extra.Survey.GetValueOrDefault("Baseline") ?? new SurveyIndicators(0, 0, null, 0, 0),
                ["FollowUp"] = extra.Survey.GetValueOrDefault("FollowUp") ?? new SurveyIndicators(0, 0, null, 0, 0),
            }, breakdowns);
    }

    /// <summary>
    /// The participant splits of one kind of activity (the document's <see cref="IndicatorDocument.ParticipantsBy"/> covers all
    /// kinds): what the dashboard shows when a kind is chosen, so that its tables and the lists they lead to agree.
    /// </summary>
    public async Task<ParticipantBreakdowns> ParticipantsByAsync(Actor actor, int year, int? organizationId, EventKind kind, CancellationToken ct = default)
    {
        if (year is < 2000 or > 2100) throw ValidationFailedException.For("year", "Validation_Range", 2000, 2100);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await ScopeAsync(db, actor, organizationId, ct);
        var events = db.Events.Where(e => (e.Status == EventStatus.Published || e.Status == EventStatus.Completed) && e.Kind == kind);
        if (scope is not null) events = events.Where(e => scope.Contains(e.OrganizationId));
        var work = await YearFigures.LoadAsync(db, year, events, clock.GetUtcNow().UtcDateTime, ct);
        var splits = ParticipantSplits.Empty();
        foreach (var f in work.Figures.Values) splits.AddFrom(f.Splits);
        return BreakdownsOf(splits);
    }

    private static ParticipantBreakdowns BreakdownsOf(ParticipantSplits splits) => new(
        Genders.ToDictionary(g => g, g => splits.Gender.GetValueOrDefault(g)),
        AgeGroups.ToDictionary(a => a, a => splits.AgeGroup.GetValueOrDefault(a)),
        splits.Country.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Value),
        Enum.GetNames<HomeRegion>().Append("Unknown").ToDictionary(r => r, r => splits.HomeRegion.GetValueOrDefault(r)));

    /// <summary>
    /// The events whose coverage, questions and surveys belong to the year: published or completed, in the reader's scope, with their
    /// first scheduled session's local start in the year: the set the indicator sources and the M&E report's internet statistics
    /// and surveys count (the report tests check that part 2's sums equal the document's reposts and views).
    /// </summary>
    internal static IQueryable<Event> YearEvents(EventsDbContext db, int year, IReadOnlyCollection<int>? scope)
    {
        var from = new DateTime(year, 1, 1);
        var to = from.AddYears(1);
        var events = db.Events.Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Completed);
        if (scope is not null) events = events.Where(e => scope.Contains(e.OrganizationId));
        return events.Where(e => db.Sessions.Where(s => s.EventId == e.Id && s.Status == SessionStatus.Scheduled).Min(s => (DateTime?)s.Start) >= from
                                 && db.Sessions.Where(s => s.EventId == e.Id && s.Status == SessionStatus.Scheduled).Min(s => (DateTime?)s.Start) < to);
    }

    private static int Meetings(IEnumerable<int> eventIds) => eventIds.Distinct().Count();

    /// <summary>Age in the indicator's year: under 30, 30–45, over 45, unknown without a birth year.</summary>
    public static string AgeGroupOf(int year, int? birthYear) => birthYear is not { } b ? "Unknown"
        : (year - b) switch { < 30 => "Under30", <= 45 => "From30To45", _ => "Over45" };

    /// <summary>
    /// Targets of the year by kind. For one organization: its own targets. For the whole plan (or an organizer's organizations):
    /// a whole-plan target of the kind when there is one, else the sum of the organizations' targets (an embassy's yearly meeting is 1 each).
    /// </summary>
    private static async Task<Dictionary<EventKind, int>> TargetsAsync(EventsDbContext db, int year, int? organizationId, IReadOnlyCollection<int>? scope,
        CancellationToken ct)
    {
        var all = await db.PlanTargets.AsNoTracking().Where(t => t.Year == year).ToListAsync(ct);
        if (organizationId is { } org) return all.Where(t => t.OrganizationId == org).GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Sum(t => t.Target));
        var result = new Dictionary<EventKind, int>();
        foreach (var group in all.GroupBy(t => t.Kind))
        {
            var whole = group.Where(t => t.OrganizationId is null).ToList();
            if (scope is null && whole.Count > 0) result[group.Key] = whole.Sum(t => t.Target);
            else
            {
                var own = group.Where(t => t.OrganizationId is { } o && (scope is null || scope.Contains(o))).ToList();
                if (own.Count > 0) result[group.Key] = own.Sum(t => t.Target);
            }
        }
        return result;
    }

    /// <summary>
    /// Which organizations the reader may see: null = all (analysts, administrators); else the organizations they organize,
    /// narrowed to <paramref name="organizationId"/>. Anyone else, or an organization not theirs: 403.
    /// </summary>
    public static async Task<IReadOnlyCollection<int>?> ScopeAsync(EventsDbContext db, Actor actor, int? organizationId, CancellationToken ct)
    {
        if (organizationId is { } o && !await db.Organizations.AnyAsync(x => x.Id == o, ct))
            throw ValidationFailedException.For("organizationId", "Validation_UnknownOrganization");
        var readsAll = actor.IsAdministrator || await db.UserRoles.AnyAsync(ur => ur.UserId == actor.UserId
                                                    && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Analyst), ct);
        if (readsAll) return organizationId is { } only ? [only] : null;
        var managed = await ManagementRights.ManagedOrganizationIds(db, actor).ToListAsync(ct);
        if (managed.Count == 0) throw new ForbiddenException("neither an analyst nor an organizer");
        if (organizationId is { } one)
        {
            if (!managed.Contains(one)) throw new ForbiddenException("not an organizer of organization " + one);
            return [one];
        }
        return managed;
    }
}

/// <summary>What the engagement features add to the document: coverage by kind, the questions' and the surveys' figures.</summary>
public sealed class EngagementFigures
{
    public Dictionary<EventKind, int> Reposts { get; } = [];
    public Dictionary<EventKind, long> Views { get; } = [];
    public QuestionIndicators? Questions { get; set; }
    public Dictionary<string, SurveyIndicators> Survey { get; } = [];
}

/// <summary>A feature that contributes figures about the year's events (coverage, questions, surveys).</summary>
public interface IIndicatorSource
{
    Task AddAsync(EventsDbContext db, IQueryable<Event> yearEvents, EngagementFigures figures, CancellationToken ct);
}
