using System.Security.Cryptography;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>What the survey page of a manage link shows: the event, the wave, the organizer's questions, and whether the person may answer.</summary>
/// <param name="Refusal">The rule key why the wave is not open for this person now, or null.</param>
public sealed record SurveyForm(Registration.Registration Registration, Event Event, SurveyWave Wave, IReadOnlyList<RegistrationQuestion> Questions,
    SurveyResponse? Existing, string? Refusal);

public sealed record SurveyWaveOverview(SurveyWave Wave, int Invited, SurveyWaveFigures Figures, string? Refusal);

/// <summary>An event's survey for its organizers: the questions, the confirmed registrants, and per wave invitations, figures and whether it is open.</summary>
public sealed record SurveyOverview(int EventId, IReadOnlyList<RegistrationQuestion> Questions, int Confirmed, IReadOnlyList<SurveyWaveOverview> Waves);

/// <param name="Sent">Invitations mailed by this call.</param>
/// <param name="AlreadyInvited">Confirmed registrants invited to this wave before.</param>
/// <param name="Answered">Confirmed registrants who have answered this wave (never invited again).</param>
public sealed record SurveyInvitationResult(SurveyWave Wave, int Sent, int AlreadyInvited, int Answered);

public sealed record SurveyResponseRow(int Id, int RegistrationId, string FullName, SurveyWave Wave, bool AwareOfOpportunities, int Satisfaction,
    bool InvestingImportant, string? Comment, IReadOnlyDictionary<string, string> Answers, string Language, DateTime SubmittedUtc);

/// <summary>
/// The audience survey of an event (the plan's three questions plus the organizer's own), in two waves. Registrants answer
/// through their manage link; organizers mail the link to every confirmed registrant who has not answered, once per wave.
/// </summary>
public sealed class SurveyService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, EngagementMail mail, IDataProtectionProvider protection,
    OutboxSignal signal)
{
    private const int InvitationBatch = 200;
    private readonly IDataProtector _tokens = ManageTokens.Protector(protection);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The survey page of a manage link (null for an unknown or malformed token).</summary>
    public async Task<SurveyForm?> FindAsync(string? token, SurveyWave wave, CancellationToken ct = default)
    {
        if (!ManageTokens.LooksValid(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ManageTokens.Hash(token!);
        var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.ManageTokenHash == hash, ct);
        if (r is null) return null;
        var e = await EventAsync(db, r.EventId, ct);
        var existing = await db.SurveyResponses.AsNoTracking().FirstOrDefaultAsync(x => x.RegistrationId == r.Id && x.Wave == wave, ct);
        return new SurveyForm(r, e, wave, await QuestionsAsync(db, e.Id, ct), existing, SurveyWindow.Refusal(r, e, wave, Now));
    }

    /// <summary>
    /// A registrant answers one wave. 404 for an unknown event or token, 403 for a token of another event's registration, 400 for
    /// missing or out-of-range answers, 409 when this registration has answered this wave, 422 outside the wave's window.
    /// </summary>
    public async Task<SurveyResponse> RespondAsync(int eventId, string? token, SurveyAnswers answers, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Events.AnyAsync(e => e.Id == eventId && e.Status != EventStatus.Draft, ct)) throw new NotFoundException("event");
        if (!ManageTokens.LooksValid(token)) throw new NotFoundException("registration");
        var hash = ManageTokens.Hash(token!);
        var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.ManageTokenHash == hash, ct) ?? throw new NotFoundException("registration");
        if (r.EventId != eventId) throw new ForbiddenException("the manage token is of another event's registration");
        var e = await EventAsync(db, eventId, ct);
        var extra = answers.Validate(await QuestionsAsync(db, eventId, ct));
        if (await db.SurveyResponses.AnyAsync(x => x.RegistrationId == r.Id && x.Wave == answers.Wave, ct)) throw new ConflictException("Conflict_SurveyAnswered");
        if (SurveyWindow.Refusal(r, e, answers.Wave, Now) is { } refusal) throw new RuleViolationException(refusal);
        var response = new SurveyResponse
        {
            EventId = eventId, RegistrationId = r.Id, Wave = answers.Wave, AwareOfOpportunities = answers.AwareOfOpportunities!.Value,
            Satisfaction = answers.Satisfaction!.Value, InvestingImportant = answers.InvestingImportant!.Value,
            Comment = string.IsNullOrWhiteSpace(answers.Comment) ? null : answers.Comment.Trim(), Answers = extra, Language = r.Language, SubmittedUtc = Now,
        };
        db.SurveyResponses.Add(response);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException x) when (Seats.IsUniqueViolation(x))
        {
            throw new ConflictException("Conflict_SurveyAnswered"); // the same person sent twice at once: the index kept one
        }
        return response;
    }

    /// <summary>
    /// Mails the wave's survey link to every confirmed registrant whose window is open, who has not answered it and was not
    /// invited to it before; each invitation is recorded with its email in one transaction, so a second call sends nothing twice.
    /// </summary>
    public async Task<SurveyInvitationResult> InviteAsync(Actor actor, int eventId, SurveyWave wave, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(wave)) throw ValidationFailedException.For("wave", "Validation_UnknownValue");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        if (e.Status == EventStatus.Draft) throw new RuleViolationException("Rule_EventNotPublished");
        if (SurveyWindow.EventRefusal(e, wave, Now) is { } refusal) throw new RuleViolationException(refusal);
        var confirmed = db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed);
        var answered = await confirmed.CountAsync(r => db.SurveyResponses.Any(x => x.RegistrationId == r.Id && x.Wave == wave), ct);
        var invitedBefore = await confirmed.CountAsync(r => db.SurveyInvitations.Any(i => i.RegistrationId == r.Id && i.Wave == wave), ct);
        var candidates = (await confirmed.AsNoTracking()
                .Where(r => !db.SurveyInvitations.Any(i => i.RegistrationId == r.Id && i.Wave == wave)
                            && !db.SurveyResponses.Any(x => x.RegistrationId == r.Id && x.Wave == wave))
                .OrderBy(r => r.Id).ToListAsync(ct))
            .Where(r => SurveyWindow.Refusal(r, e, wave, Now) is null).ToList();
        var sent = 0;
        foreach (var batch in candidates.Chunk(InvitationBatch))
        {
            // Composed before the transaction, so the write lock is held only to store them.
            var messages = batch.Select(r => (r, Token: Unseal(r))).Where(x => x.Token is not null)
                .Select(x => (x.r, Mail: Outbox.Create(mail.SurveyInvitation(x.r, e, x.Token!, wave), EngagementMail.SurveyKind, x.r.Id, Now))).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var (r, message) in messages)
            {
                db.SurveyInvitations.Add(new SurveyInvitation { EventId = eventId, RegistrationId = r.Id, Wave = wave, SentUtc = Now, SentBy = actor.UserId });
                db.Outbox.Add(message);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException x) when (Seats.IsUniqueViolation(x))
            {
                // Another organizer is sending the same wave right now; what they send is not sent twice.
                throw new ConflictException("Conflict_ChangedMeanwhile");
            }
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            sent += messages.Count;
        }
        if (sent > 0) signal.Notify();
        return new SurveyInvitationResult(wave, sent, invitedBefore, answered);
    }

    public async Task<SurveyOverview> OverviewAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        var confirmed = await db.Registrations.CountAsync(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed, ct);
        var invited = await db.SurveyInvitations.Where(i => i.EventId == eventId).GroupBy(i => i.Wave)
            .Select(g => new { Wave = g.Key, Count = g.Count() }).ToListAsync(ct);
        var figures = await SurveyFigures.ByWaveAsync(db.SurveyResponses.Where(x => x.EventId == eventId), ct);
        return new SurveyOverview(eventId, await QuestionsAsync(db, eventId, ct), confirmed, Enum.GetValues<SurveyWave>()
            .Select(w => new SurveyWaveOverview(w, invited.FirstOrDefault(i => i.Wave == w)?.Count ?? 0, figures[w],
                e.Status == EventStatus.Draft ? "Rule_EventNotPublished" : SurveyWindow.EventRefusal(e, w, Now))).ToList());
    }

    /// <summary>The organizer's own questions, asked after the plan's three (at most 20; ids keep answers when wording changes).</summary>
    public async Task<IReadOnlyList<RegistrationQuestion>> SetQuestionsAsync(Actor actor, int eventId, IReadOnlyList<RegistrationQuestion>? questions,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        var clean = RegistrationQuestion.Normalize(questions);
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.EventId == eventId, ct);
        if (survey is null) db.Surveys.Add(survey = new Survey { EventId = eventId });
        survey.Questions = clean;
        survey.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return clean;
    }

    /// <summary>Every response of the event (optionally one wave) with comments, for its organizers; newest first.</summary>
    public async Task<IReadOnlyList<SurveyResponseRow>> ResponsesAsync(Actor actor, int eventId, SurveyWave? wave = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EngagementAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        return await db.SurveyResponses.AsNoTracking().Where(x => x.EventId == eventId && (wave == null || x.Wave == wave))
            .Join(db.Registrations, x => x.RegistrationId, r => r.Id, (x, r) => new { x, r.FullName })
            .OrderByDescending(y => y.x.SubmittedUtc).ThenByDescending(y => y.x.Id)
            .Select(y => new SurveyResponseRow(y.x.Id, y.x.RegistrationId, y.FullName, y.x.Wave, y.x.AwareOfOpportunities, y.x.Satisfaction,
                y.x.InvestingImportant, y.x.Comment, y.x.Answers, y.x.Language, y.x.SubmittedUtc))
            .ToListAsync(ct);
    }

    private static Task<Event> EventAsync(EventsDbContext db, int eventId, CancellationToken ct) =>
        db.Events.AsNoTracking().Include(x => x.Sessions).Include(x => x.Organization).FirstAsync(x => x.Id == eventId, ct);

    private static async Task<IReadOnlyList<RegistrationQuestion>> QuestionsAsync(EventsDbContext db, int eventId, CancellationToken ct) =>
        await db.Surveys.AsNoTracking().Where(s => s.EventId == eventId).Select(s => s.Questions).FirstOrDefaultAsync(ct) ?? [];

    private string? Unseal(Registration.Registration r)
    {
        if (string.IsNullOrEmpty(r.ManageTokenSealed)) return null;
        try { return _tokens.Unprotect(r.ManageTokenSealed); }
        catch (CryptographicException) { return null; } // keys lost: the person cannot be sent a working link
    }
}
