using System.Globalization;
using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Engagement;
using Microsoft.AspNetCore.Mvc;

namespace Events.Web.Api;

public sealed record AskRequest(string? Text, string? Name, string? Email, string? Language);

public sealed record AskedDto(int Id, int EventId, string Text, string Language, string AskedUtc);

/// <summary>A question as its event's organizers see it (the asker's name and email included).</summary>
public sealed record EventQuestionDto(int Id, int EventId, string EventTitle, string Text, string? Name, string? Email, string Language, string AskedUtc,
    string? AssignedToUserId, string? AssignedToName, bool Answered, string? AnswerText, string? AnsweredUtc, string? AnsweredBy, string? AnsweredByName,
    string? AnswerChangedUtc, bool IsPublished)
{
    public static EventQuestionDto Of(QuestionRow q) => new(q.Id, q.EventId, q.EventTitle, q.Text, q.Name, q.Email, q.Language, ApiContext.Utc(q.AskedUtc),
        q.AssignedToUserId, q.AssignedToName, q.IsAnswered, q.AnswerText, ApiContext.Utc(q.AnsweredUtc), q.AnsweredBy, q.AnsweredByName,
        ApiContext.Utc(q.AnswerChangedUtc), q.IsPublished);
}

public sealed record PublishedAnswerDto(int Id, string Question, string Answer, string AskedUtc, string AnsweredUtc);

public sealed record AnswerRequest(string? Text);

public sealed record AssignRequest(string? UserId);

public sealed record QuestionFiguresDto(int Received, int Answered, double ResponseRate, double? MedianHoursToAnswer, double? P90HoursToAnswer)
{
    public static QuestionFiguresDto Of(QuestionFigures f) => new(f.Received, f.Answered, f.ResponseRate, f.MedianHoursToAnswer, f.P90HoursToAnswer);
}

public sealed record SurveyResponseRequest(string? ManageToken, SurveyWave? Wave, bool? AwareOfOpportunities, int? Satisfaction, bool? InvestingImportant,
    string? Comment, Dictionary<string, string?>? Answers = null);

public sealed record SurveyResponseDto(int Id, int EventId, int RegistrationId, SurveyWave Wave, bool AwareOfOpportunities, int Satisfaction,
    bool InvestingImportant, string? Comment, IReadOnlyDictionary<string, string> Answers, string SubmittedUtc);

public sealed record SurveyResponseRowDto(int Id, int RegistrationId, string FullName, SurveyWave Wave, bool AwareOfOpportunities, int Satisfaction,
    bool InvestingImportant, string? Comment, IReadOnlyDictionary<string, string> Answers, string Language, string SubmittedUtc);

/// <summary>The survey of a manage link: whether the holder may answer the wave now (and why not), and the organizer's questions.</summary>
public sealed record SurveyFormDto(int EventId, string EventTitle, SurveyWave Wave, bool Open, string? Reason, bool Answered, IReadOnlyList<QuestionDto> Questions);

public sealed record SurveyInvitationRequest(SurveyWave? Wave);

public sealed record SurveyInvitationDto(SurveyWave Wave, int Sent, int AlreadyInvited, int Answered);

public sealed record SurveyWaveFiguresDto(int Responses, int AwareOfOpportunities, double? SatisfiedAverage, int Satisfied, int InvestingImportant)
{
    public static SurveyWaveFiguresDto Of(SurveyWaveFigures f) => new(f.Responses, f.AwareOfOpportunities, f.SatisfiedAverage, f.Satisfied, f.InvestingImportant);
}

public sealed record SurveyWaveDto(int Invited, bool Open, string? Reason, SurveyWaveFiguresDto Figures);

public sealed record SurveyOverviewDto(int EventId, int Confirmed, IReadOnlyDictionary<SurveyWave, SurveyWaveDto> Waves, IReadOnlyList<QuestionDto> Questions);

public sealed record CoverageRequest(CoverageChannel? Channel, int? Reposts, long? Views, string? Url);

public sealed record CoverageDto(int Id, int EventId, CoverageChannel Channel, int Reposts, long? Views, string? Url, string RecordedUtc, string RecordedBy,
    string? RecordedByName)
{
    public static CoverageDto Of(CoverageRow c) => new(c.Id, c.EventId, c.Channel, c.Reposts, c.Views, c.Url, ApiContext.Utc(c.RecordedUtc), c.RecordedBy,
        c.RecordedByName);
}

/// <summary>Feedback and reach: questions (appeals) and their answers, the audience survey in two waves, coverage per channel.</summary>
public static class EngagementEndpoints
{
    /// <summary>A question or a survey response is a few kilobytes; the public endpoints refuse anything far larger.</summary>
    public const long PublicBodyLimit = 64 * 1024;

    public static void MapEngagementEndpoints(this RouteGroupBuilder api)
    {
        MapQuestions(api);
        MapSurveys(api);
        MapCoverage(api);
    }

    private static void MapQuestions(RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events/{id:int}").WithTags("Questions");
        events.MapPost("/questions", async (int id, AskRequest body, QuestionService questions, CancellationToken ct) =>
        {
            var q = await questions.AskAsync(id, new QuestionInput(body.Text, body.Name, body.Email, body.Language), ApiContext.Culture, ct);
            return TypedResults.Created($"/api/v1/questions/{q.Id}", new AskedDto(q.Id, q.EventId, q.Text, q.Language, ApiContext.Utc(q.AskedUtc)));
        }).RequireRateLimiting(RegistrationEndpoints.RateLimitPolicy).WithMetadata(new RequestSizeLimitAttribute(PublicBodyLimit))
          .WithSummary("Ask the organizers a question about a published event (public): text 1–2000 characters, name and email optional. " +
                       "With an email the answer is mailed in the asker's language (language, else Accept-Language). 422 for a cancelled event.");
        events.MapGet("/questions/published", async (int id, QuestionService questions, CancellationToken ct) =>
                TypedResults.Ok((await questions.PublishedAsync(id, ct)).Select(a => new PublishedAnswerDto(a.Id, a.Question, a.Answer,
                    ApiContext.Utc(a.AskedUtc), ApiContext.Utc(a.AnsweredUtc)))))
            .WithSummary("The questions with answers the organizers published on the event page (public; never who asked).");
        events.MapGet("/question-figures", async (int id, ClaimsPrincipal user, QuestionService questions, CancellationToken ct) =>
                TypedResults.Ok(QuestionFiguresDto.Of(await questions.FiguresAsync(user.Actor(), id, ct))))
            .RequireAuthorization(Policies.Organizer)
            .WithSummary("The event's feedback figures: received, answered, responseRate (0–1), medianHoursToAnswer and p90HoursToAnswer " +
                         "(time to the first answer; p90 by the nearest-rank method; null when nothing is answered).");

        var questions = api.MapGroup("/questions").WithTags("Questions").RequireAuthorization(Policies.Organizer);
        questions.MapGet("/", async (QuestionFilter? filter, int? eventId, int? organizationId, int? skip, int? take, ClaimsPrincipal user,
            QuestionService service, HttpResponse response, CancellationToken ct) =>
        {
            var page = await service.InboxAsync(user.Actor(), filter ?? QuestionFilter.All, eventId, organizationId, ApiContext.Culture, skip ?? 0,
                take ?? QuestionService.InboxPageSize, ct);
            response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok(page.Items.Select(EventQuestionDto.Of));
        }).WithSummary("The inbox: questions about the events of the organizations the caller organizes; filter All, Unanswered, Answered, " +
                       "AssignedToMe; unanswered first, then newest; at most 200 per call (skip, take); header X-Total-Count.");
        questions.MapGet("/{id:int}", async (int id, ClaimsPrincipal user, QuestionService service, CancellationToken ct) =>
            TypedResults.Ok(EventQuestionDto.Of(await service.GetAsync(user.Actor(), id, ApiContext.Culture, ct)))).WithSummary("One question.");
        questions.MapPost("/{id:int}/answer", async (int id, AnswerRequest body, ClaimsPrincipal user, QuestionService service, CancellationToken ct) =>
                TypedResults.Ok(EventQuestionDto.Of(await service.AnswerAsync(user.Actor(), id, body.Text, ApiContext.Culture, ct))))
            .WithSummary("Answer (or correct the answer, up to 4000 characters): the asker, if they left an email, gets it by email in their language. " +
                         "answeredUtc stays the time of the first answer.");
        questions.MapPost("/{id:int}/assign", async (int id, AssignRequest body, ClaimsPrincipal user, QuestionService service, CancellationToken ct) =>
                TypedResults.Ok(EventQuestionDto.Of(await service.AssignAsync(user.Actor(), id, body.UserId, ApiContext.Culture, ct))))
            .WithSummary("Assign to an organizer of the event's organization (userId; null to unassign).");
        questions.MapPost("/{id:int}/publish", async (int id, ClaimsPrincipal user, QuestionService service, CancellationToken ct) =>
                TypedResults.Ok(EventQuestionDto.Of(await service.SetPublishedAsync(user.Actor(), id, true, ApiContext.Culture, ct))))
            .WithSummary("Show the question and its answer on the event page (422 without an answer).");
        questions.MapPost("/{id:int}/unpublish", async (int id, ClaimsPrincipal user, QuestionService service, CancellationToken ct) =>
                TypedResults.Ok(EventQuestionDto.Of(await service.SetPublishedAsync(user.Actor(), id, false, ApiContext.Culture, ct))))
            .WithSummary("Take the question off the event page.");
    }

    private static void MapSurveys(RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events/{id:int}").WithTags("Surveys");
        events.MapPost("/survey-responses", async (int id, SurveyResponseRequest body, SurveyService surveys, CancellationToken ct) =>
        {
            var r = await surveys.RespondAsync(id, body.ManageToken, new SurveyAnswers(body.Wave ?? SurveyWave.FollowUp, body.AwareOfOpportunities,
                body.Satisfaction, body.InvestingImportant, body.Comment, body.Answers), ct);
            return TypedResults.Created($"/api/v1/events/{id}/survey-responses/{r.Id}", new SurveyResponseDto(r.Id, r.EventId, r.RegistrationId, r.Wave,
                r.AwareOfOpportunities, r.Satisfaction, r.InvestingImportant, r.Comment, r.Answers, ApiContext.Utc(r.SubmittedUtc)));
        }).RequireRateLimiting(RegistrationEndpoints.RateLimitPolicy).WithMetadata(new RequestSizeLimitAttribute(PublicBodyLimit))
          .WithSummary("Answer the survey (holder of a manage token of the event's registration): wave Baseline (before the person's session starts) or " +
                       "FollowUp (default; from its start, confirmed registrations), satisfaction 1–5, comment up to 2000 characters, answers to the " +
                       "organizer's questions by id. One per registration and wave (409); 403 for a token of another event; 422 outside the wave.");
        events.MapGet("/survey", async (int id, ClaimsPrincipal user, SurveyService surveys, ApiProblems problems, CancellationToken ct) =>
        {
            var o = await surveys.OverviewAsync(user.Actor(), id, ct);
            return TypedResults.Ok(new SurveyOverviewDto(o.EventId, o.Confirmed, o.Waves.ToDictionary(w => w.Wave,
                    w => new SurveyWaveDto(w.Invited, w.Refusal is null, w.Refusal is { } key ? problems.Text(key) : null, SurveyWaveFiguresDto.Of(w.Figures))),
                o.Questions.Select(q => QuestionDto.From(q, ApiContext.Culture)).ToList()));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("The event's survey: confirmed registrants, per wave the invitations sent, whether invitations can go now, and the figures " +
                       "(responses; awareOfOpportunities, satisfied (satisfaction ≥ 4) and investingImportant as counts; satisfiedAverage 1–5).");
        events.MapPut("/survey/questions", async (int id, QuestionRequest[] body, ClaimsPrincipal user, SurveyService surveys, CancellationToken ct) =>
                TypedResults.Ok((await surveys.SetQuestionsAsync(user.Actor(), id, body.Select(q => q.ToQuestion()).ToList(), ct))
                    .Select(q => QuestionDto.From(q, ApiContext.Culture))))
            .RequireAuthorization(Policies.Organizer)
            .WithSummary("Replace the organizer's own survey questions, asked after the plan's three (kinds as on the registration form; keep ids to keep answers).");
        events.MapGet("/survey-responses", async (int id, SurveyWave? wave, ClaimsPrincipal user, SurveyService surveys, CancellationToken ct) =>
                TypedResults.Ok((await surveys.ResponsesAsync(user.Actor(), id, wave, ct)).Select(r => new SurveyResponseRowDto(r.Id, r.RegistrationId,
                    r.FullName, r.Wave, r.AwareOfOpportunities, r.Satisfaction, r.InvestingImportant, r.Comment, r.Answers, r.Language,
                    ApiContext.Utc(r.SubmittedUtc)))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Every response with its comment (optionally one wave), newest first.");
        events.MapPost("/survey-invitations", async (int id, SurveyInvitationRequest body, ClaimsPrincipal user, SurveyService surveys, CancellationToken ct) =>
        {
            var r = await surveys.InviteAsync(user.Actor(), id, body.Wave ?? SurveyWave.FollowUp, ct);
            return TypedResults.Ok(new SurveyInvitationDto(r.Wave, r.Sent, r.AlreadyInvited, r.Answered));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Mail the wave's survey link (wave Baseline or FollowUp, default FollowUp) to every confirmed registrant whose window is open, " +
                       "who has not answered and was not invited to this wave; a second call sends only to those added since. 422 when the wave is " +
                       "not open for the event (Baseline after the last start, FollowUp before the first).");

        api.MapGet("/registrations/{token}/survey", async (string token, SurveyWave? wave, SurveyService surveys, ApiProblems problems, CancellationToken ct) =>
        {
            var form = await surveys.FindAsync(token, wave ?? SurveyWave.FollowUp, ct) ?? throw new NotFoundException("registration");
            return TypedResults.Ok(new SurveyFormDto(form.Event.Id, form.Event.LocalizedTitle(ApiContext.Culture), form.Wave,
                form.Refusal is null && form.Existing is null, form.Refusal is { } key ? problems.Text(key) : null, form.Existing is not null,
                form.Questions.Select(q => QuestionDto.From(q, ApiContext.Culture)).ToList()));
        }).WithTags("Surveys").WithSummary("The survey of the holder's registration for a wave (default FollowUp): open or why not, answered, the organizer's questions.");
    }

    private static void MapCoverage(RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events/{id:int}/coverage").WithTags("Coverage").RequireAuthorization(Policies.Organizer);
        events.MapPost("/", async (int id, CoverageRequest body, ClaimsPrincipal user, CoverageService coverage, CancellationToken ct) =>
        {
            var c = await coverage.AddAsync(user.Actor(), id, new CoverageInput(body.Channel, body.Reposts, body.Views, body.Url), ct);
            return TypedResults.Created($"/api/v1/coverage/{c.Id}", CoverageDto.Of(c));
        }).WithSummary("Record reach on a channel (WhatsApp, Facebook, Instagram, Telegram, Odnoklassniki, VKontakte, YouTube, NewsMedia): reposts ≥ 0, " +
                       "views ≥ 0 (optional), url http(s) (optional). Several records per channel add up. 422 for a draft event.");
        events.MapGet("/", async (int id, ClaimsPrincipal user, CoverageService coverage, CancellationToken ct) =>
            TypedResults.Ok((await coverage.ListAsync(user.Actor(), id, ct)).Select(CoverageDto.Of))).WithSummary("The event's coverage records, newest first.");
        api.MapDelete("/coverage/{id:int}", async (int id, ClaimsPrincipal user, CoverageService coverage, CancellationToken ct) =>
        {
            await coverage.DeleteAsync(user.Actor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer).WithTags("Coverage").WithSummary("Delete a coverage record.");
    }
}
