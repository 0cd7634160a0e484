using System.Security.Claims;
using System.Text.Json.Nodes;
using Events.Core.Common;
using Events.Core.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Events.Web.Api;

public static class SchedulingEndpoints
{
    public static void MapSchedulingEndpoints(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");

        events.MapPost("/", async (EventRequest body, ClaimsPrincipal user, SchedulingService scheduling, HttpRequest request,
            TimeProvider clock, CancellationToken ct) =>
        {
            var actor = user.Actor();
            var created = await scheduling.CreateEventAsync(actor, body.ToDraft(), ct);
            if (body.Publish == true) created = await scheduling.PublishAsync(actor, created.Id, ct);
            return TypedResults.Created($"/api/v1/events/{created.Id}", Dto(created, clock, request));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Create an event with its sessions (status Draft) for an organization the caller organizes.");

        events.MapGet("/", async (Catalogue catalogue, HttpRequest request, HttpResponse response, TimeProvider clock, string? from, string? to,
            EventKind? kind, int? organizationId, int? skip, int? take, CancellationToken ct) =>
        {
            var page = await catalogue.PublishedAsync(new CatalogueFilter(ApiContext.ParseUtc(from, "from"), ApiContext.ParseUtc(to, "to"), kind,
                organizationId, null, Math.Max(0, skip ?? 0), take is { } t ? Math.Clamp(t, 1, 1000) : int.MaxValue), ct);
            response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(page.Items.Select(e => Dto(e, clock, request)));
        }).WithSummary("Published events (public), optionally with a session between from and to (UTC); header X-Total-Count.");

        events.MapGet("/{id:int}", async Task<Results<Ok<EventDto>, NotFound>> (int id, ClaimsPrincipal user, SchedulingService scheduling,
            OrganizationAccess access, HttpRequest request, TimeProvider clock, CancellationToken ct) =>
        {
            var e = await scheduling.FindEventAsync(id, ct);
            if (e is null || (!e.IsPublic && !await access.CanManageAsync(user, e.OrganizationId, ct))) return TypedResults.NotFound();
            return TypedResults.Ok(Dto(e, clock, request));
        }).WithSummary("An event (public when published; drafts to their organizers).");

        events.MapPut("/{id:int}/questions", async (int id, QuestionRequest[] body, ClaimsPrincipal user, SchedulingService scheduling, HttpRequest request,
            TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(Dto(await scheduling.SetQuestionsAsync(user.Actor(), id, body.Select(q => q.ToQuestion()).ToList(), ct), clock, request)))
            .RequireAuthorization(Policies.Organizer).WithSummary("Replace the event's own registration questions (a question keeps its answers while it keeps its id).");
        events.MapPost("/{id:int}/publish", async (int id, ClaimsPrincipal user, SchedulingService scheduling, HttpRequest request,
            TimeProvider clock, CancellationToken ct) => TypedResults.Ok(Dto(await scheduling.PublishAsync(user.Actor(), id, ct), clock, request)))
            .RequireAuthorization(Policies.Organizer).WithSummary("Publish: visible in the catalogue and open for registration.");

        events.MapPost("/{id:int}/complete", async (int id, CompleteRequest? body, ClaimsPrincipal user, SchedulingService scheduling,
            HttpRequest request, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(Dto(await scheduling.CompleteAsync(user.Actor(), id, body?.RecordingUrl, ct), clock, request)))
            .RequireAuthorization(Policies.Organizer).WithSummary("Mark a published event held, optionally with its recording URL.");

        events.MapPost("/{id:int}/cancel", async (int id, CancelRequest? body, ClaimsPrincipal user, SchedulingService scheduling,
            HttpRequest request, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(Dto(await scheduling.CancelEventAsync(user.Actor(), id, body?.Reason, ct), clock, request)))
            .RequireAuthorization(Policies.Organizer).WithSummary("Cancel the event and all its sessions.");

        events.MapPost("/{id:int}/sessions", async (int id, SessionRequest body, ClaimsPrincipal user, SchedulingService scheduling,
            TimeProvider clock, CancellationToken ct) =>
        {
            var session = await scheduling.AddSessionAsync(user.Actor(), id, body.ToInput(), ct);
            return TypedResults.Created($"/api/v1/sessions/{session.Id}", SessionDto.From(session, clock.GetUtcNow().UtcDateTime));
        }).RequireAuthorization(Policies.Organizer).WithSummary("Add a session (e.g. the second time-zone option).");

        events.MapGet("/{id:int}/recommended-session", async (int id, string? timeZone, SchedulingService scheduling, ApiProblems problems,
            CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(timeZone)) throw ValidationFailedException.For("timeZone", "Validation_Required");
            var recommendation = await scheduling.RecommendAsync(id, timeZone.Trim(), ct)
                                 ?? throw new RuleViolationException("Rule_NoOpenSession");
            return TypedResults.Ok(new RecommendationDto(recommendation.SessionId, recommendation.LocalStart,
                problems.Text("Recommend_" + recommendation.Reason), recommendation.Reason));
        }).WithSummary("The time option that suits a visitor's zone (public). Sessions wholly within 09:00–21:00 of the zone " +
                       "are preferred; then the nearest UTC offset; ties go to the earlier start.");

        var sessions = api.MapGroup("/sessions").WithTags("Sessions");

        sessions.MapGet("/{id:int}", async Task<Results<Ok<SessionDto>, NotFound>> (int id, ClaimsPrincipal user, SchedulingService scheduling,
            OrganizationAccess access, TimeProvider clock, CancellationToken ct) =>
        {
            var s = await scheduling.FindSessionAsync(id, ct);
            if (s is null || (!s.Event!.IsPublic && !await access.CanManageAsync(user, s.Event.OrganizationId, ct))) return TypedResults.NotFound();
            return TypedResults.Ok(SessionDto.From(s, clock.GetUtcNow().UtcDateTime));
        }).WithSummary("A session (public when its event is published).");

        sessions.MapPatch("/{id:int}", async (int id, JsonObject body, bool? series, ClaimsPrincipal user, SchedulingService scheduling,
            TimeProvider clock, CancellationToken ct) =>
        {
            var input = SessionPatch.Parse(body);
            if (series == true)
            {
                var changed = await scheduling.ChangeSeriesFromAsync(user.Actor(), id, input, ct);
                return TypedResults.Ok(SessionDto.From(changed.First(s => s.Id == id), clock.GetUtcNow().UtcDateTime));
            }
            var (session, _) = await scheduling.ChangeSessionAsync(user.Actor(), id, input, ct);
            return TypedResults.Ok(SessionDto.From(session, clock.GetUtcNow().UtcDateTime));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Change a session; time, zone, duration, place or link raise its sequence. ?series=true applies the " +
                       "time of day, zone and duration to this and the following editions of its series.");

        sessions.MapPost("/{id:int}/cancel", async (int id, CancelRequest? body, ClaimsPrincipal user, SchedulingService scheduling,
            TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(SessionDto.From(await scheduling.CancelSessionAsync(user.Actor(), id, body?.Reason, ct), clock.GetUtcNow().UtcDateTime)))
            .RequireAuthorization(Policies.Organizer).WithSummary("Cancel a session.");

        sessions.MapGet("/{id:int}/history", async (int id, ClaimsPrincipal user, SchedulingService scheduling, CancellationToken ct) =>
        {
            return TypedResults.Ok((await scheduling.HistoryAsync(user.Actor(), id, ct)).Select(c => new
            {
                c.Kind, changedUtc = ApiContext.Utc(c.ChangedUtc), c.Sequence, oldStartUtc = ApiContext.Utc(c.OldStartUtc), c.OldTimeZone,
                newStartUtc = ApiContext.Utc(c.NewStartUtc), c.NewTimeZone, c.Reason,
            }));
        }).RequireAuthorization(Policies.Organizer).WithSummary("What happened to a session: created, rescheduled, edited, cancelled.");

        api.MapPost("/series", async (SeriesRequest body, ClaimsPrincipal user, SchedulingService scheduling, HttpRequest request,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (body.Template is null) throw ValidationFailedException.For("template", "Validation_Required");
            var series = await scheduling.CreateSeriesAsync(user.Actor(), body.Template.ToDraft("template."), body.Rule, body.Publish == true,
                ApiContext.ParseUtc(body.HorizonUtc, "horizonUtc"), ct);
            return TypedResults.Created($"/api/v1/series/{series.Id}",
                new SeriesDto(series.Id, series.Rule, series.Events.Select(e => Dto(e, clock, request)).ToList()));
        }).RequireAuthorization(Policies.Organizer).WithTags("Events")
          .WithSummary("Expand an RRULE into editions (Draft unless publish=true), each with the template's sessions at the same wall-clock " +
                       "time in their zones; without COUNT/UNTIL up to horizonUtc (default one year).");
    }

    private static EventDto Dto(Event e, TimeProvider clock, HttpRequest request) =>
        EventDto.From(e, ApiContext.Culture, clock.GetUtcNow().UtcDateTime, request.BaseUrl());
}

public sealed record CompleteRequest(string? RecordingUrl);
