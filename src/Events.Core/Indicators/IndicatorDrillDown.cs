using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Indicators;

/// <summary>
/// Which participants to list: the document's filters (year, organization, kind) and, to drill down from a split, one value of it
/// (gender, age group, country, home region — the strings of <see cref="ParticipantBreakdowns"/>) or one month of the trend.
/// </summary>
public sealed record ParticipantQuery(int Year, int? OrganizationId = null, EventKind? Kind = null, string? Gender = null, string? AgeGroup = null,
    string? Country = null, string? HomeRegion = null, int? Month = null, int Page = 0, int PageSize = 25);

/// <summary>
/// One registration behind <c>participants</c>: the event, the first held session of the year at which the person counted (its local
/// start and zone), the figures' fields. <see cref="Email"/> is null unless the reader manages the event's organization.
/// </summary>
public sealed record ParticipantRow(int RegistrationId, int EventId, string EventTitle, EventKind Kind, string OrganizationName, DateTime AttendedLocal,
    string TimeZone, string FullName, string? Email, string CountryCode, string Gender, string AgeGroup, string HomeRegion);

/// <summary>Which held sessions to list: the document's filters and, from the trend, one month (of the sessions' own local start).</summary>
public sealed record HeldSessionQuery(int Year, int? OrganizationId = null, EventKind? Kind = null, int? Month = null, int Page = 0, int PageSize = 25);

/// <summary>
/// One session behind <c>sessionsHeld</c> (its event is one of <c>meetingsHeld</c>): when and how it was held, the confirmed
/// registrations made through it and the registrations that counted at it (checked in, or marked Present/Late).
/// </summary>
public sealed record HeldSessionRow(int SessionId, int EventId, string EventTitle, EventKind Kind, string OrganizationName, DateTime LocalStart,
    string TimeZone, SessionMode Mode, int Registered, int Participants);

/// <summary>
/// The lists behind the dashboard's numbers ("drill-down from a number to the list behind it"). Access is the document's
/// (<see cref="IndicatorService.ScopeAsync"/>); names are shown to everyone who may read the list, emails only to those who manage
/// the event's organization (docs/decisions/011-indicator-drill-down.md).
/// </summary>
public sealed class IndicatorDrillDown(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<Page<ParticipantRow>> ParticipantsAsync(Actor actor, ParticipantQuery query, string culture, CancellationToken ct = default)
    {
        Validate(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await IndicatorService.ScopeAsync(db, actor, query.OrganizationId, ct);
        var work = new HeldWork(db, query.Year, scope, query.Kind, clock.GetUtcNow().UtcDateTime);

        var counted = Narrow(work.Counted(), query);
        var total = await counted.CountAsync(ct);
        var page = await counted.OrderBy(x => x.FirstStartUtc).ThenBy(x => x.Registration.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(x => new
            {
                x.Registration.Id, x.Registration.EventId, x.Registration.FullName, x.Registration.Email, x.Registration.CountryCode,
                x.Registration.Gender, x.Registration.BirthYear, x.Registration.HomeRegion, x.FirstSessionId, x.FirstLocalStart,
            })
            .ToListAsync(ct);

        var eventIds = page.Select(x => x.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Include(e => e.Organization).ToDictionaryAsync(e => e.Id, ct);
        var sessionIds = page.Select(x => x.FirstSessionId ?? 0).Distinct().ToList();
        var zones = await db.Sessions.Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.TimeZone, ct);
        var managed = (await ManagementRights.ManagedOrganizationIds(db, actor).ToListAsync(ct)).ToHashSet();

        var rows = page.Select(x =>
        {
            var e = events[x.EventId];
            return new ParticipantRow(x.Id, x.EventId, e.LocalizedTitle(culture), e.Kind, e.Organization?.DisplayName(culture) ?? "",
                x.FirstLocalStart ?? default, zones.GetValueOrDefault(x.FirstSessionId ?? 0, ""), x.FullName,
                managed.Contains(e.OrganizationId) ? x.Email : null, x.CountryCode, GenderOf(x.Gender), IndicatorService.AgeGroupOf(query.Year, x.BirthYear),
                x.HomeRegion?.ToString() ?? "Unknown");
        }).ToList();
        return new Page<ParticipantRow>(rows, total);
    }

    /// <summary>The held sessions of the year behind <c>sessionsHeld</c> and <c>meetingsHeld</c>, in time order; <see cref="Page{T}.Total"/> is the number of sessions.</summary>
    public async Task<Page<HeldSessionRow>> HeldSessionsAsync(Actor actor, HeldSessionQuery query, string culture, CancellationToken ct = default)
    {
        var v = new Validator();
        v.When(query.Year is < 2000 or > 2100, "year", "Validation_Range", 2000, 2100);
        v.When(query.Month is < 1 or > 12, "month", "Validation_Range", 1, 12);
        v.When(query.Page < 0, "page", "Validation_Range", 0, int.MaxValue);
        v.When(query.PageSize is < 1 or > MaxPageSize, "pageSize", "Validation_Range", 1, MaxPageSize);
        v.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await IndicatorService.ScopeAsync(db, actor, query.OrganizationId, ct);
        var held = new HeldWork(db, query.Year, scope, query.Kind, clock.GetUtcNow().UtcDateTime).Held;
        if (query.Month is { } m)
        {
            var (from, to) = (new DateTime(query.Year, m, 1), new DateTime(query.Year, m, 1).AddMonths(1));
            held = held.Where(s => s.Start >= from && s.Start < to);
        }
        var total = await held.CountAsync(ct);
        var page = await held.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(s => new { s.Id, s.EventId, s.Start, s.TimeZone, s.Mode }).ToListAsync(ct);

        // The figures of this page's sessions only: a few dozen sessions, through their indexes.
        var ids = page.Select(s => s.Id).ToList();
        var registered = await db.Registrations.Where(r => ids.Contains(r.SessionId) && r.Status == Registration.RegistrationStatus.Confirmed)
            .GroupBy(r => r.SessionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var checkedIn = await db.Registrations.Where(r => ids.Contains(r.SessionId) && r.CheckedInUtc != null)
            .Select(r => new { r.SessionId, RegistrationId = r.Id }).ToListAsync(ct);
        var marked = await db.Attendance.Where(a => ids.Contains(a.SessionId)
                                                    && (a.Status == Training.AttendanceStatus.Present || a.Status == Training.AttendanceStatus.Late))
            .Select(a => new { a.SessionId, a.RegistrationId }).ToListAsync(ct);
        var participants = checkedIn.Concat(marked).Distinct().CountBy(x => x.SessionId).ToDictionary();
        var eventIds = page.Select(s => s.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Include(e => e.Organization).ToDictionaryAsync(e => e.Id, ct);

        var rows = page.Select(s =>
        {
            var e = events[s.EventId];
            return new HeldSessionRow(s.Id, s.EventId, e.LocalizedTitle(culture), e.Kind, e.Organization?.DisplayName(culture) ?? "", s.Start, s.TimeZone, s.Mode,
                registered.GetValueOrDefault(s.Id), participants.GetValueOrDefault(s.Id));
        }).ToList();
        return new Page<HeldSessionRow>(rows, total);
    }

    /// <summary>The split's names for a registration's gender, as <see cref="ParticipantBreakdowns.Gender"/> counts them (none given = Undisclosed).</summary>
    public static string GenderOf(Gender? gender) => gender?.ToString() ?? "Undisclosed";

    private static void Validate(ParticipantQuery q)
    {
        var v = new Validator();
        v.When(q.Year is < 2000 or > 2100, "year", "Validation_Range", 2000, 2100);
        v.When(q.Gender is not null && !IndicatorService.Genders.Contains(q.Gender), "gender", "Validation_UnknownValue");
        v.When(q.AgeGroup is not null && !IndicatorService.AgeGroups.Contains(q.AgeGroup), "ageGroup", "Validation_UnknownValue");
        v.When(q.HomeRegion is not null && q.HomeRegion != "Unknown" && !Enum.TryParse<HomeRegion>(q.HomeRegion, out _), "homeRegion", "Validation_UnknownValue");
        v.When(q.Month is < 1 or > 12, "month", "Validation_Range", 1, 12);
        v.When(q.Page < 0, "page", "Validation_Range", 0, int.MaxValue);
        v.When(q.PageSize is < 1 or > MaxPageSize, "pageSize", "Validation_Range", 1, MaxPageSize);
        v.ThrowIfAny();
    }

    private static IQueryable<CountedRegistration> Narrow(IQueryable<CountedRegistration> counted, ParticipantQuery q)
    {
        if (q.Gender is { } g)
        {
            var gender = Enum.Parse<Gender>(g);
            counted = gender == People.Gender.Undisclosed
                ? counted.Where(x => x.Registration.Gender == null || x.Registration.Gender == People.Gender.Undisclosed)
                : counted.Where(x => x.Registration.Gender == gender);
        }
        if (q.AgeGroup is { } age)
        {
            // The ages of AgeGroupOf as birth years: under 30 is born after year − 30; 30–45 from year − 45 to year − 30.
            var (young, old) = (q.Year - 30, q.Year - 45);
            counted = age switch
            {
                "Under30" => counted.Where(x => x.Registration.BirthYear > young),
                "From30To45" => counted.Where(x => x.Registration.BirthYear >= old && x.Registration.BirthYear <= young),
                "Over45" => counted.Where(x => x.Registration.BirthYear < old),
                _ => counted.Where(x => x.Registration.BirthYear == null),
            };
        }
        if (q.Country is { } country) counted = counted.Where(x => x.Registration.CountryCode == country.ToUpperInvariant());
        if (q.HomeRegion is { } region)
        {
            if (region == "Unknown") counted = counted.Where(x => x.Registration.HomeRegion == null);
            else
            {
                var r = Enum.Parse<HomeRegion>(region);
                counted = counted.Where(x => x.Registration.HomeRegion == r);
            }
        }
        if (q.Month is { } m)
        {
            var (from, to) = (new DateTime(q.Year, m, 1), new DateTime(q.Year, m, 1).AddMonths(1));
            counted = counted.Where(x => x.FirstLocalStart >= from && x.FirstLocalStart < to);
        }
        return counted;
    }
}
