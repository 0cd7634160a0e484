using Events.Core.Calendar;
using Events.Core.Common;
using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Scheduling;

public sealed record CatalogueFilter(DateTime? FromUtc = null, DateTime? ToUtc = null, EventKind? Kind = null, int? OrganizationId = null,
    string? Search = null, int Skip = 0, int Take = int.MaxValue);

/// <summary>A published event in a list: its next session and how many seats are left across sessions.</summary>
public sealed record CatalogueItem(int EventId, string Title, EventKind Kind, int OrganizationId, string OrganizationName,
    DateTime NextStartUtc, DateTime NextEndUtc, string NextTimeZone, int SessionCount, int? SeatsLeft);

public sealed record CalendarItem(int SessionId, int EventId, string Title, EventKind Kind, EventStatus EventStatus, SessionStatus Status,
    string OrganizationName, DateTime StartUtc, DateTime EndUtc, string TimeZone, string? Label);

/// <summary>Read side of scheduling: the public catalogue, public calendar feeds and organizers' calendars.</summary>
public sealed class Catalogue(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Published events with a session still to come (or in the asked window), soonest first.</summary>
    public async Task<Page<CatalogueItem>> UpcomingAsync(CatalogueFilter filter, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var from = filter.FromUtc ?? now;
        var to = filter.ToUtc ?? DateTime.MaxValue;
        var sessions = db.Sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc > from && s.StartUtc < to);
        var events = db.Events.Where(e => e.Status == EventStatus.Published);
        if (filter.Kind is { } kind) events = events.Where(e => e.Kind == kind);
        if (filter.OrganizationId is { } org) events = events.Where(e => e.OrganizationId == org);
        if (SearchText.Term(filter.Search) is { } term)
            events = events.Where(e => e.SearchText.Contains(term));

        var query = events
            .Select(e => new { Event = e, Next = sessions.Where(s => s.EventId == e.Id).OrderBy(s => s.StartUtc).FirstOrDefault() })
            .Where(x => x.Next != null);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(x => x.Next!.StartUtc).ThenBy(x => x.Event.Id)
            .Skip(filter.Skip).Take(filter.Take)
            .Select(x => new
            {
                x.Event.Id, x.Event.Title, x.Event.TitleKy, x.Event.TitleRu, x.Event.TitleEn, x.Event.Kind, x.Event.OrganizationId,
                Org = x.Event.Organization!.Name, OrgKy = x.Event.Organization.NameKy, OrgRu = x.Event.Organization.NameRu, OrgEn = x.Event.Organization.NameEn,
                x.Next!.StartUtc, x.Next.EndUtc, x.Next.TimeZone,
                Count = sessions.Count(s => s.EventId == x.Event.Id),
                Unlimited = sessions.Any(s => s.EventId == x.Event.Id && s.Capacity == null),
                Left = sessions.Where(s => s.EventId == x.Event.Id && s.Capacity != null).Sum(s => (int?)(s.Capacity!.Value - s.ConfirmedCount)),
            })
            .ToListAsync(ct);
        return new Page<CatalogueItem>(rows.Select(r => new CatalogueItem(r.Id,
            new Event { Title = r.Title, TitleKy = r.TitleKy, TitleRu = r.TitleRu, TitleEn = r.TitleEn }.LocalizedTitle(culture),
            r.Kind, r.OrganizationId,
            new Organizations.Organization { Name = r.Org, NameKy = r.OrgKy, NameRu = r.OrgRu, NameEn = r.OrgEn, CountryCode = "", TimeZone = "" }.DisplayName(culture),
            r.StartUtc, r.EndUtc, r.TimeZone, r.Count, r.Unlimited ? null : Math.Max(0, r.Left ?? 0))).ToList(), total);
    }

    /// <summary>Published events (also completed ones) for the API, optionally only those with a session in [from, to).</summary>
    public async Task<Page<Event>> PublishedAsync(CatalogueFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Completed);
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.OrganizationId is { } org) query = query.Where(e => e.OrganizationId == org);
        if (filter.FromUtc is { } from) query = query.Where(e => e.Sessions.Any(s => s.EndUtc > from));
        if (filter.ToUtc is { } to) query = query.Where(e => e.Sessions.Any(s => s.StartUtc < to));
        var total = await query.CountAsync(ct);
        var page = await query
            .OrderBy(e => e.Sessions.Min(s => (DateTime?)s.StartUtc)).ThenBy(e => e.Id)
            .Skip(filter.Skip).Take(filter.Take)
            .Include(e => e.Sessions.OrderBy(s => s.StartUtc).ThenBy(s => s.Id))
            .AsSplitQuery()
            .ToListAsync(ct);
        return new Page<Event>(page, total);
    }

    /// <summary>Sessions of published events for public calendars: not cancelled, ending after now − 30 days.</summary>
    public async Task<IReadOnlyList<FeedEntry>> FeedAsync(int? organizationId, EventKind? kind, string culture, string baseUrl,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = Now.AddDays(-30);
        var query = db.Sessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc > since
                        && (s.Event!.Status == EventStatus.Published || s.Event.Status == EventStatus.Completed));
        if (organizationId is { } org) query = query.Where(s => s.Event!.OrganizationId == org);
        if (kind is { } k) query = query.Where(s => s.Event!.Kind == k);
        var rows = await query.OrderBy(s => s.StartUtc).Select(s => new FeedRow(s, s.Event!, s.Event!.Organization!)).ToListAsync(ct);
        return rows.Select(r => ToFeedEntry(r.Session, r.Event, r.Organization, culture, baseUrl)).ToList();
    }

    public async Task<FeedEntry?> SessionFeedAsync(int sessionId, string culture, string baseUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new FeedRow(s, s.Event!, s.Event!.Organization!)).FirstOrDefaultAsync(ct);
        if (row is null || !row.Event.IsPublic) return null;
        return ToFeedEntry(row.Session, row.Event, row.Organization, culture, baseUrl);
    }

    /// <summary>Sessions in a window for the organizer's calendar: their organizations only, unless administrator.</summary>
    public async Task<IReadOnlyList<CalendarItem>> OrganizerCalendarAsync(Actor actor, DateTime fromUtc, DateTime toUtc, int? organizationId,
        EventKind? kind, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Sessions.AsNoTracking().Where(s => s.EndUtc > fromUtc && s.StartUtc < toUtc);
        var managed = Organizations.ManagementRights.ManagedOrganizationIds(db, actor);
        query = query.Where(s => managed.Contains(s.Event!.OrganizationId));
        if (organizationId is { } org) query = query.Where(s => s.Event!.OrganizationId == org);
        if (kind is { } k) query = query.Where(s => s.Event!.Kind == k);
        var rows = await query.OrderBy(s => s.StartUtc).Take(2000)
            .Select(s => new FeedRow(s, s.Event!, s.Event!.Organization!)).ToListAsync(ct);
        return rows.Select(r => new CalendarItem(r.Session.Id, r.Event.Id, r.Event.LocalizedTitle(culture), r.Event.Kind, r.Event.Status,
            r.Session.Status, r.Organization.DisplayName(culture), r.Session.StartUtc, r.Session.EndUtc, r.Session.TimeZone, r.Session.Label)).ToList();
    }

    private sealed record FeedRow(Session Session, Event Event, Organizations.Organization Organization);

    public static FeedEntry ToFeedEntry(Session s, Event e, Organizations.Organization o, string culture, string baseUrl)
    {
        var url = $"{baseUrl.TrimEnd('/')}/events/{e.Id}";
        var title = e.LocalizedTitle(culture) + (s.Label is { Length: > 0 } label ? $" ({label})" : "");
        var description = $"{SafeMarkdown.ToPlainText(e.LocalizedDescription(culture))}\n\n{o.DisplayName(culture)}\n{url}".Trim();
        var location = s.Mode == SessionMode.Online ? "Online" : string.Join(", ", new[] { s.Venue, s.Address }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return new FeedEntry(s.Uid, s.Sequence, s.StartUtc, s.EndUtc, s.TimeZone, s.Status == SessionStatus.Cancelled, title, description,
            string.IsNullOrEmpty(location) ? null : location, url, o.DisplayName(culture), e.UpdatedUtc > e.CreatedUtc ? e.UpdatedUtc : e.CreatedUtc);
    }
}
