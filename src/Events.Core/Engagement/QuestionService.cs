using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>A question as the organizers' inbox shows it; <see cref="TimeZone"/> is the organization's, for showing times.</summary>
public sealed record QuestionRow(int Id, int EventId, string EventTitle, int OrganizationId, string Text, string? Name, string? Email, string Language,
    DateTime AskedUtc, string? AssignedToUserId, string? AssignedToName, string? AnswerText, DateTime? AnsweredUtc, string? AnsweredBy,
    string? AnsweredByName, DateTime? AnswerChangedUtc, bool IsPublished, string TimeZone)
{
    public bool IsAnswered => AnsweredUtc is not null;
}

/// <summary>A published question with its answer, as the event page shows it (never who asked).</summary>
public sealed record PublishedAnswer(int Id, string Question, string Answer, DateTime AskedUtc, DateTime AnsweredUtc);

/// <summary>An organizer a question may be assigned to.</summary>
public sealed record Assignee(string UserId, string FullName, string Email);

/// <summary>
/// Questions (appeals) about events: asked publicly, answered, assigned and published by the organizers of the event's
/// organization. The answer is mailed through the outbox in the asker's language, in the same transaction as the answer.
/// </summary>
public sealed class QuestionService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, EngagementMail mail, OutboxSignal signal)
{
    /// <summary>The inbox shows at most this many questions at once (unanswered first).</summary>
    public const int InboxPageSize = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A visitor asks about a published (or completed) event: 404 for an unknown or unpublished event, 422 for a cancelled one.
    /// Without an email the question still counts and may be answered on the event page.
    /// </summary>
    public async Task<Question> AskAsync(int eventId, QuestionInput input, string fallbackLanguage, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || e.Status == EventStatus.Draft || e.Status == EventStatus.Cancelled && e.PublishedUtc is null) throw new NotFoundException("event");
        input.Validate();
        if (e.Status == EventStatus.Cancelled) throw new RuleViolationException("Rule_QuestionsClosed");
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        var question = new Question
        {
            EventId = eventId, Text = input.Text!.Trim(), Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(), Email = email,
            NormalizedEmail = email is null ? null : EmailAddress.Normalize(email),
            Language = input.Language is { Length: > 0 } l ? l : Localization.Strings.SupportedCultures.Contains(fallbackLanguage) ? fallbackLanguage : "ky",
            AskedUtc = Now,
        };
        db.Questions.Add(question);
        await db.SaveChangesAsync(ct);
        return question;
    }

    /// <summary>
    /// The inbox: questions about the events of the organizations the actor manages (optionally one event or organization),
    /// unanswered first, newest first within each group; at most <see cref="InboxPageSize"/> with the total.
    /// </summary>
    public async Task<Page<QuestionRow>> InboxAsync(Actor actor, QuestionFilter filter = QuestionFilter.All, int? eventId = null, int? organizationId = null,
        string culture = "ky", int skip = 0, int take = InboxPageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = EngagementAccess.ManagedEvents(db, actor);
        if (eventId is { } ev) events = events.Where(e => e.Id == ev);
        if (organizationId is { } org) events = events.Where(e => e.OrganizationId == org);
        var query = db.Questions.Where(q => events.Any(e => e.Id == q.EventId));
        query = filter switch
        {
            QuestionFilter.Unanswered => query.Where(q => q.AnsweredUtc == null),
            QuestionFilter.Answered => query.Where(q => q.AnsweredUtc != null),
            QuestionFilter.AssignedToMe => query.Where(q => q.AssignedToUserId == actor.UserId),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var ids = await query.OrderBy(q => q.AnsweredUtc != null).ThenByDescending(q => q.AskedUtc).ThenByDescending(q => q.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, InboxPageSize)).Select(q => q.Id).ToListAsync(ct);
        var rows = await RowsAsync(db, db.Questions.Where(q => ids.Contains(q.Id)), culture, ct);
        return new Page<QuestionRow>(ids.Select(id => rows.First(r => r.Id == id)).ToList(), total);
    }

    public async Task<QuestionRow> GetAsync(Actor actor, int questionId, string culture = "ky", CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await LoadManagedAsync(db, actor, questionId, ct);
        return await RowAsync(db, questionId, culture, ct);
    }

    /// <summary>Assigns to an organizer of the event's organization (null or empty: nobody).</summary>
    public async Task<QuestionRow> AssignAsync(Actor actor, int questionId, string? userId, string culture = "ky", CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (question, e) = await LoadManagedAsync(db, actor, questionId, ct);
        if (string.IsNullOrWhiteSpace(userId)) question.AssignedToUserId = null;
        else
        {
            if (!await OrganizersOf(db, e.OrganizationId).AnyAsync(u => u.Id == userId, ct))
                throw ValidationFailedException.For("userId", "Validation_NotAnOrganizer");
            question.AssignedToUserId = userId;
        }
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, questionId, culture, ct);
    }

    /// <summary>Answers (or corrects the answer); the asker, when they left an address, gets it by email in their language.</summary>
    public async Task<QuestionRow> AnswerAsync(Actor actor, int questionId, string? text, string culture = "ky", CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (question, e) = await LoadManagedAsync(db, actor, questionId, ct);
        if (question.Answer(text, actor.UserId, Now) && question.Email is not null)
            Outbox.Enqueue(db, mail.Answer(question, e), EngagementMail.AnswerKind, null, Now);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return await RowAsync(db, questionId, culture, ct);
    }

    /// <summary>Shows the answered question on the event page, or takes it off (422 for a question without an answer).</summary>
    public async Task<QuestionRow> SetPublishedAsync(Actor actor, int questionId, bool published, string culture = "ky", CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (question, _) = await LoadManagedAsync(db, actor, questionId, ct);
        question.SetPublished(published, Now);
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, questionId, culture, ct);
    }

    /// <summary>The event page's questions and answers: published ones of a public event, in the order they were asked.</summary>
    public async Task<IReadOnlyList<PublishedAnswer>> PublishedAsync(int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Questions.AsNoTracking()
            .Where(q => q.EventId == eventId && q.IsPublished && q.AnswerText != null && q.AnsweredUtc != null
                        && db.Events.Any(e => e.Id == eventId && e.PublishedUtc != null && e.Status != EventStatus.Draft))
            .OrderBy(q => q.AskedUtc).ThenBy(q => q.Id)
            .Select(q => new PublishedAnswer(q.Id, q.Text, q.AnswerText!, q.AskedUtc, q.AnsweredUtc!.Value)).ToListAsync(ct);
    }

    /// <summary>Organizers of the event's organization, for the assignment list.</summary>
    public async Task<IReadOnlyList<Assignee>> AssigneesAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        return await OrganizersOf(db, e.OrganizationId).OrderBy(u => u.FullName)
            .Select(u => new Assignee(u.Id, u.FullName, u.Email ?? "")).ToListAsync(ct);
    }

    /// <summary>The organizers of every organization the actor manages, by organization, for the inbox's assignment lists.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Assignee>>> AssigneesByOrganizationAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var managed = await ManagementRights.ManagedOrganizationIds(db, actor).ToListAsync(ct);
        var organizer = await db.Roles.Where(r => r.Name == People.Roles.Organizer).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var rows = await db.OrganizationMembers.Where(m => managed.Contains(m.OrganizationId)
                && db.UserRoles.Any(ur => ur.UserId == m.UserId && ur.RoleId == organizer))
            .Select(m => new { m.OrganizationId, m.User!.Id, m.User.FullName, m.User.Email }).ToListAsync(ct);
        return rows.GroupBy(r => r.OrganizationId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<Assignee>)g.OrderBy(r => r.FullName).Select(r => new Assignee(r.Id, r.FullName, r.Email ?? "")).ToList());
    }

    /// <summary>The feedback figures of one event's questions.</summary>
    public async Task<QuestionFigures> FiguresAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        return await QuestionFigures.OfAsync(db.Questions.Where(q => q.EventId == eventId), ct);
    }

    /// <summary>Members of the organization holding the Organizer role.</summary>
    private static IQueryable<People.EventsUser> OrganizersOf(EventsDbContext db, int organizationId) =>
        db.Users.Where(u => db.OrganizationMembers.Any(m => m.OrganizationId == organizationId && m.UserId == u.Id)
                            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == People.Roles.Organizer)));

    private static async Task<(Question Question, Event Event)> LoadManagedAsync(EventsDbContext db, Actor actor, int questionId, CancellationToken ct)
    {
        var question = await db.Questions.FirstOrDefaultAsync(q => q.Id == questionId, ct) ?? throw new NotFoundException("question");
        var e = await EngagementAccess.EnsureOrganizerAsync(db, actor, question.EventId, ct);
        return (question, e);
    }

    private static async Task<QuestionRow> RowAsync(EventsDbContext db, int questionId, string culture, CancellationToken ct) =>
        (await RowsAsync(db, db.Questions.Where(q => q.Id == questionId), culture, ct)).Single();

    private static async Task<List<QuestionRow>> RowsAsync(EventsDbContext db, IQueryable<Question> questions, string culture, CancellationToken ct)
    {
        var rows = await questions.AsNoTracking()
            .Join(db.Events, q => q.EventId, e => e.Id, (q, e) => new { q, e.Title, e.TitleKy, e.TitleRu, e.TitleEn, e.OrganizationId, e.Organization!.TimeZone })
            .Select(x => new
            {
                x.q, x.Title, x.TitleKy, x.TitleRu, x.TitleEn, x.OrganizationId, x.TimeZone,
                Assigned = db.Users.Where(u => u.Id == x.q.AssignedToUserId).Select(u => u.FullName).FirstOrDefault(),
                Answerer = db.Users.Where(u => u.Id == x.q.AnsweredBy).Select(u => u.FullName).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(x => new QuestionRow(x.q.Id, x.q.EventId, Localization.Translations.Pick(culture, x.TitleKy, x.TitleRu, x.TitleEn) ?? x.Title,
            x.OrganizationId, x.q.Text, x.q.Name, x.q.Email, x.q.Language, x.q.AskedUtc, x.q.AssignedToUserId, x.Assigned, x.q.AnswerText, x.q.AnsweredUtc,
            x.q.AnsweredBy, x.Answerer, x.q.AnswerChangedUtc, x.q.IsPublished, x.TimeZone)).ToList();
    }
}
