using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Scheduling;

/// <summary>Creates, changes and publishes events and their sessions, for the organizers of their organizations.</summary>
public sealed class SchedulingService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, IEnumerable<ISessionChangeObserver> observers)
{
    private async Task NotifyAsync(EventsDbContext db, Session session, bool cancelled, CancellationToken ct)
    {
        foreach (var observer in observers) await observer.OnSessionChangedAsync(db, session, cancelled, ct);
    }

    private async Task PromoteAsync(int sessionId, CancellationToken ct)
    {
        foreach (var observer in observers) await observer.PromoteAfterCapacityChangeAsync(sessionId, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Event> CreateEventAsync(Actor actor, EventDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ManagementRights.EnsureAsync(db, actor, draft.OrganizationId, ct);
        var e = NewEvent(draft);
        var sessions = draft.Sessions ?? [];
        var v = new Validator();
        v.When(sessions.Count > 20, "sessions", "Validation_TooMany", 20);
        v.ThrowIfAny();
        foreach (var (input, index) in sessions.Select((s, i) => (s, i)))
            e.Sessions.Add(Prefixed($"sessions[{index}].", () => Session.Create(input, Now, actor.UserId)));
        db.Events.Add(e);
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<Event> UpdateEventAsync(Actor actor, int eventId, EventDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await LoadForChangeAsync(db, actor, eventId, ct);
        e.EnsureEditable();
        if (draft.OrganizationId != e.OrganizationId) await ManagementRights.EnsureAsync(db, actor, draft.OrganizationId, ct);
        Apply(e, draft);
        e.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Replaces the event's own registration questions (answers stay attached to questions that keep their id).</summary>
    public async Task<Event> SetQuestionsAsync(Actor actor, int eventId, IReadOnlyList<Registration.RegistrationQuestion> questions, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await LoadForChangeAsync(db, actor, eventId, ct);
        e.EnsureEditable();
        e.Questions = Registration.RegistrationQuestion.Normalize(questions);
        e.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<Event> PublishAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await LoadForChangeAsync(db, actor, eventId, ct);
        e.Publish(Now);
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<Event> CompleteAsync(Actor actor, int eventId, string? recordingUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await LoadForChangeAsync(db, actor, eventId, ct);
        if (recordingUrl is { Length: > 0 })
        {
            if (!Urls.IsHttp(recordingUrl)) throw ValidationFailedException.For("recordingUrl", "Validation_Url");
            e.RecordingUrl = recordingUrl.Trim();
        }
        e.Complete(Now);
        await db.SaveChangesAsync(ct);
        return e;
    }

    public async Task<Event> CancelEventAsync(Actor actor, int eventId, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var e = await LoadForChangeAsync(db, actor, eventId, ct);
        var open = e.Sessions.Where(s => s.Status == SessionStatus.Scheduled).ToList();
        e.Cancel(Now, reason, actor.UserId);
        foreach (var session in open) await NotifyAsync(db, session, cancelled: true, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return e;
    }

    public async Task<Session> AddSessionAsync(Actor actor, int eventId, SessionInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await LoadForChangeAsync(db, actor, eventId, ct);
        e.EnsureEditable();
        if (e.Sessions.Count >= 20) throw ValidationFailedException.For("sessions", "Validation_TooMany", 20);
        var session = Session.Create(input, Now, actor.UserId);
        e.Sessions.Add(session);
        e.UpdatedUtc = Now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var observer in observers) await observer.OnSessionAddedAsync(db, session, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return session;
    }

    /// <summary>Changes one session; returns it and whether attendees' calendars must be updated.</summary>
    public async Task<(Session Session, bool Resequenced)> ChangeSessionAsync(Actor actor, int sessionId, SessionInput input,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await LoadSessionForChangeAsync(db, actor, sessionId, ct);
        session.Event!.EnsureEditable();
        var capacityBefore = session.Capacity;
        var resequenced = session.Change(input, Now, actor.UserId);
        session.Event.UpdatedUtc = Now;
        if (resequenced) await NotifyAsync(db, session, cancelled: false, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (session.Capacity is null && capacityBefore is not null || session.Capacity > capacityBefore) await PromoteAsync(session.Id, ct);
        return (session, resequenced);
    }

    /// <summary>
    /// "This and the following editions": the new time of day, zone and duration go to the session at the
    /// same position of every later edition of the series, each keeping its own date.
    /// </summary>
    public async Task<IReadOnlyList<Session>> ChangeSeriesFromAsync(Actor actor, int sessionId, SessionInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var session = await LoadSessionForChangeAsync(db, actor, sessionId, ct);
        var e = session.Event!;
        if (e.SeriesId is null) throw new RuleViolationException("Rule_NotInSeries");
        var position = e.Sessions.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToList().IndexOf(session);
        var editions = await db.Events.Include(x => x.Sessions)
            .Where(x => x.SeriesId == e.SeriesId && x.SeriesIndex >= e.SeriesIndex
                        && x.Status != EventStatus.Cancelled && x.Status != EventStatus.Completed)
            .OrderBy(x => x.SeriesIndex).ToListAsync(ct);
        var dayShift = input.Start is { } newStart ? (newStart.Date - session.Start.Date) : TimeSpan.Zero;
        var changed = new List<Session>();
        foreach (var edition in editions)
        {
            var target = edition.Sessions.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ElementAtOrDefault(position);
            if (target is null || target.Status == SessionStatus.Cancelled) continue;
            var start = input.Start is { } s ? target.Start.Date + dayShift + s.TimeOfDay : (DateTime?)null;
            var resequenced = Prefixed($"editions[{edition.SeriesIndex}].", () => target.Change(input with { Start = start }, Now, actor.UserId));
            edition.UpdatedUtc = Now;
            if (resequenced) await NotifyAsync(db, target, cancelled: false, ct);
            changed.Add(target);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }

    public async Task<Session> CancelSessionAsync(Actor actor, int sessionId, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await LoadSessionForChangeAsync(db, actor, sessionId, ct);
        if (session.Status == SessionStatus.Cancelled) throw new RuleViolationException("Rule_SessionCancelled");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        session.Cancel(Now, reason, actor.UserId);
        await NotifyAsync(db, session, cancelled: true, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return session;
    }

    /// <summary>One edition per occurrence of the rule, each with the template's sessions at the same wall-clock time in their zones.</summary>
    public async Task<EventSeries> CreateSeriesAsync(Actor actor, EventDraft template, string? rule, bool publish, DateTime? horizonUtc = null,
        CancellationToken ct = default)
    {
        var v = new Validator();
        v.When(string.IsNullOrWhiteSpace(rule) || rule.Length > 300, "rule", "Validation_RecurrenceRule");
        v.When(template.Sessions is not { Count: > 0 }, "template.sessions", "Validation_Required");
        v.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ManagementRights.EnsureAsync(db, actor, template.OrganizationId, ct);

        // Validate the template sessions once (zones, durations, DST) before expanding.
        var templates = template.Sessions!.Select((s, i) => Prefixed($"template.sessions[{i}].", () => Session.Create(s, Now, actor.UserId))).ToList();
        var first = templates.OrderBy(s => s.StartUtc).First();
        var horizon = WallClock.ToLocal(horizonUtc ?? Now.AddYears(1), first.TimeZone);
        var starts = Prefixed("", () => SeriesRule.Expand(rule!, first.Start, horizon));

        var series = new EventSeries { OrganizationId = template.OrganizationId, Rule = rule!.Trim(), CreatedUtc = Now };
        var index = 0;
        foreach (var occurrence in starts)
        {
            var shift = occurrence.Date - first.Start.Date;
            var e = NewEvent(template);
            e.SeriesIndex = index;
            foreach (var (input, i) in template.Sessions!.Select((s, i) => (s, i)))
                e.Sessions.Add(Prefixed($"editions[{index}].sessions[{i}].",
                    () => Session.Create(input with { Start = input.Start!.Value + shift }, Now, actor.UserId)));
            if (publish) e.Publish(Now);
            series.Events.Add(e);
            index++;
        }
        db.EventSeries.Add(series);
        await db.SaveChangesAsync(ct);
        return series;
    }

    public async Task<Event?> FindEventAsync(int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Events.AsNoTracking().AsSplitQuery()
            .Include(e => e.Organization)
            .Include(e => e.Sessions.OrderBy(s => s.StartUtc).ThenBy(s => s.Id))
            .FirstOrDefaultAsync(e => e.Id == eventId, ct);
    }

    public async Task<Session?> FindSessionAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Sessions.AsNoTracking().Include(s => s.Event).ThenInclude(e => e!.Organization)
            .FirstOrDefaultAsync(s => s.Id == sessionId, ct);
    }

    /// <summary>What happened to a session, for its organizers.</summary>
    public async Task<IReadOnlyList<SessionChange>> HistoryAsync(Actor actor, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organizationId = await db.Sessions.Where(s => s.Id == sessionId).Select(s => (int?)s.Event!.OrganizationId).FirstOrDefaultAsync(ct)
                             ?? throw new NotFoundException("session");
        await ManagementRights.EnsureAsync(db, actor, organizationId, ct);
        return await db.SessionChanges.AsNoTracking().Where(c => c.SessionId == sessionId).OrderBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<Recommendation?> RecommendAsync(int eventId, string zone, CancellationToken ct = default)
    {
        var e = await FindEventAsync(eventId, ct);
        if (e is null || !e.IsPublic) throw new NotFoundException("event");
        return SessionRecommender.Recommend(e.Sessions, zone, Now);
    }

    private Event NewEvent(EventDraft draft)
    {
        var e = new Event { Title = "", CreatedUtc = Now, UpdatedUtc = Now };
        Apply(e, draft);
        return e;
    }

    private static void Apply(Event e, EventDraft draft)
    {
        var reminders = draft.Reminders is null ? null : string.Join(';', draft.Reminders);
        var v = Event.Validate(draft.Title, draft.Description, draft.Topics, draft.RecordingUrl,
            [("titleKy", draft.TitleKy), ("titleRu", draft.TitleRu), ("titleEn", draft.TitleEn),
             ("descriptionKy", draft.DescriptionKy), ("descriptionRu", draft.DescriptionRu), ("descriptionEn", draft.DescriptionEn)],
            reminders);
        v.When(!Enum.IsDefined(draft.Kind), "kind", "Validation_UnknownValue");
        v.When(draft.InvestmentTopicOnAgenda && draft.Kind != EventKind.Forum, "investmentTopicOnAgenda", "Validation_ForumOnly");
        v.ThrowIfAny();
        if (draft.Questions is not null) e.Questions = Registration.RegistrationQuestion.Normalize(draft.Questions);
        e.OrganizationId = draft.OrganizationId;
        e.Kind = draft.Kind;
        e.Title = draft.Title!.Trim();
        e.Description = Blank(draft.Description);
        e.TitleKy = Blank(draft.TitleKy);
        e.TitleRu = Blank(draft.TitleRu);
        e.TitleEn = Blank(draft.TitleEn);
        e.DescriptionKy = Blank(draft.DescriptionKy);
        e.DescriptionRu = Blank(draft.DescriptionRu);
        e.DescriptionEn = Blank(draft.DescriptionEn);
        e.Audience = draft.Audience;
        e.Topics = Blank(draft.Topics);
        e.RequiresApproval = draft.RequiresApproval;
        e.InvestmentTopicOnAgenda = draft.InvestmentTopicOnAgenda;
        if (reminders is not null) e.Reminders = reminders;
        e.RecordingUrl = Blank(draft.RecordingUrl);
    }

    private async Task<Event> LoadForChangeAsync(EventsDbContext db, Actor actor, int eventId, CancellationToken ct)
    {
        var e = await db.Events.Include(x => x.Sessions).FirstOrDefaultAsync(x => x.Id == eventId, ct)
                ?? throw new NotFoundException("event");
        await ManagementRights.EnsureAsync(db, actor, e.OrganizationId, ct);
        return e;
    }

    private static async Task<Session> LoadSessionForChangeAsync(EventsDbContext db, Actor actor, int sessionId, CancellationToken ct)
    {
        var session = await db.Sessions.Include(s => s.Event).ThenInclude(e => e!.Sessions)
                          .FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                      ?? throw new NotFoundException("session");
        await ManagementRights.EnsureAsync(db, actor, session.Event!.OrganizationId, ct);
        return session;
    }

    /// <summary>Field errors of a nested item carry its path ("sessions[1].start").</summary>
    private static T Prefixed<T>(string prefix, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ValidationFailedException e) when (prefix.Length > 0)
        {
            throw new ValidationFailedException(e.Errors.Select(x => x with { Field = prefix + x.Field }).ToList());
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
