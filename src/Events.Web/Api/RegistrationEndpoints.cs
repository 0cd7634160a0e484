using System.Globalization;
using System.Security.Claims;
using Events.Core.Common;
using Events.Core.People;
using Events.Core.Registration;

namespace Events.Web.Api;

public sealed record RegistrationRequest(string? FullName, string? Email, string? CountryCode, string? City, HomeRegion? HomeRegion,
    Gender? Gender, int? BirthYear, string? Language, string? TimeZone, bool? Consent, Dictionary<string, string?>? Answers = null);

public sealed record RegistrationCreated(int Id, int SessionId, RegistrationStatus Status, int? WaitlistPosition, string ManageToken);

public sealed record RegistrationDto(int Id, int EventId, int SessionId, string FullName, string Email, RegistrationStatus Status, int? WaitlistPosition,
    string CountryCode, string? City, HomeRegion? HomeRegion, Gender? Gender, int? BirthYear, string Language, string? TimeZone, string CreatedUtc,
    string? CheckedInUtc, SessionDto Session, string EventTitle, IReadOnlyList<SessionDto> OtherSessions, IReadOnlyDictionary<string, string> Answers);

public sealed record RegistrationRow(int Id, string FullName, string Email, RegistrationStatus Status, string CountryCode, HomeRegion? HomeRegion,
    Gender? Gender, string CreatedUtc, string? CheckedInUtc, IReadOnlyDictionary<string, string> Answers);

public sealed record SwitchRequest(int? SessionId);

public sealed record ResendRequest(string? Email);

public static class RegistrationEndpoints
{
    public const string RateLimitPolicy = "registrations";

    /// <summary>The public form's posts (register, resend link) count like API registrations; page views do not.</summary>
    public const string FormRateLimitPolicy = "registration-form";

    public static void MapRegistrationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sessions/{id:int}/registrations", async (int id, RegistrationRequest body, RegistrationService registrations,
            CancellationToken ct) =>
        {
            var result = await registrations.RegisterAsync(id, ToInput(body), ApiContext.Culture, ct);
            var r = result.Registration;
            return TypedResults.Created($"/api/v1/registrations/{result.ManageToken}",
                new RegistrationCreated(r.Id, r.SessionId, r.Status, result.WaitlistPosition, result.ManageToken));
        }).RequireRateLimiting(RateLimitPolicy).WithTags("Registrations")
          .WithSummary("Register (public). 409 when this email already has an active registration for the event: " +
                       "POST /api/v1/events/{eventId}/registrations/resend-link mails the manage link again.");

        api.MapPost("/events/{id:int}/registrations/resend-link", async (int id, ResendRequest body, RegistrationService registrations,
            CancellationToken ct) =>
        {
            await registrations.ResendManageLinkAsync(id, body.Email, ct);
            return TypedResults.Accepted((string?)null);
        }).RequireRateLimiting(RateLimitPolicy).WithTags("Registrations")
          .WithSummary("Mail the manage link of an active registration to its address (always 202: it reveals nothing).");

        api.MapGet("/me/calendar.ics", async (string? key, MyEvents my, HttpRequest request, CancellationToken ct) =>
            await my.FeedAsync(key, request.BaseUrl(), ct) is { } ics ? Results.Text(ics, CalendarEndpoints.ContentType) : TypedResults.NotFound())
            .WithTags("Calendar").WithSummary("A participant's private feed of their confirmed sessions (with join links); the key is on /my/events.");

        var holder = api.MapGroup("/registrations").WithTags("Registrations");
        holder.MapGet("/{token}/calendar.ics", PersonalCalendarAsync)
            .WithSummary("The holder's own session as iCalendar, with the join link (only the holder has the token).");
        holder.MapGet("/{token}", async (string token, RegistrationService registrations, TimeProvider clock, CancellationToken ct) =>
        {
            var view = await registrations.FindByTokenAsync(token, ct) ?? throw new NotFoundException("registration");
            return TypedResults.Ok(ToDto(view, clock.GetUtcNow().UtcDateTime));
        }).WithSummary("The registration of the manage token's holder, with its session (and the join link's absence: it is only in emails).");

        holder.MapPost("/{token}/cancel", async (string token, RegistrationService registrations, CancellationToken ct) =>
        {
            var r = await registrations.CancelAsync(token, ct);
            return TypedResults.Ok(new { status = r.Status });
        }).WithSummary("Cancel (holder of the token): a calendar CANCEL is mailed, the first person waiting takes the seat.");

        holder.MapGet("/{token}/data", async (string token, Events.Core.Privacy.PersonalData data, CancellationToken ct) =>
            TypedResults.Ok(await data.ExportAsync(token, ct)))
            .WithSummary("Download my data (holder of the token).");

        holder.MapDelete("/{token}", async (string token, Events.Core.Privacy.PersonalData data, CancellationToken ct) =>
        {
            await data.ForgetAsync(token, ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete my data: cancels the place, erases the person (answers, check-in code and sent emails included); aggregate counts keep the participation.");

        holder.MapPost("/{token}/switch", async (string token, SwitchRequest body, RegistrationService registrations, TimeProvider clock,
            CancellationToken ct) =>
        {
            if (body.SessionId is not { } sessionId) throw ValidationFailedException.For("sessionId", "Validation_Required");
            await registrations.SwitchAsync(token, sessionId, ct);
            var view = await registrations.FindByTokenAsync(token, ct);
            return TypedResults.Ok(ToDto(view!, clock.GetUtcNow().UtcDateTime));
        }).WithSummary("Move to another session of the same event: CANCEL of the old, REQUEST of the new.");

        api.MapGet("/sessions/{id:int}/registrations", async (int id, int? skip, int? take, ClaimsPrincipal user, RegistrationDesk desk,
            HttpResponse response, CancellationToken ct) =>
        {
            var page = await desk.ListAsync(user.Actor(), id, new RegistrationFilter(), Math.Max(0, skip ?? 0),
                take is { } t ? Math.Clamp(t, 1, 10_000) : int.MaxValue, ct);
            response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Ok(page.Items.Select(ToRow));
        }).RequireAuthorization(Policies.Organizer).WithTags("Registrations").WithSummary("Registrations of a session (organizer); header X-Total-Count.");

        var organizer = api.MapGroup("/registrations/{id:int}").WithTags("Registrations").RequireAuthorization(Policies.Organizer);
        organizer.MapPost("/approve", async (int id, ClaimsPrincipal user, RegistrationService registrations, CancellationToken ct) =>
            TypedResults.Ok(ToRow(await registrations.ApproveAsync(user.Actor(), id, ct)))).WithSummary("Approve a pending registration.");
        organizer.MapPost("/reject", async (int id, ClaimsPrincipal user, RegistrationService registrations, CancellationToken ct) =>
            TypedResults.Ok(ToRow(await registrations.RejectAsync(user.Actor(), id, ct)))).WithSummary("Reject a pending registration.");
        organizer.MapPost("/check-in", async (int id, ClaimsPrincipal user, RegistrationDesk desk, CancellationToken ct) =>
            TypedResults.Ok(ToRow(await desk.CheckInAsync(user.Actor(), id, ct))))
            .WithSummary("Check a confirmed registrant in (from 60 minutes before the start to the end).");
        organizer.MapPost("/move", async (int id, SwitchRequest body, ClaimsPrincipal user, RegistrationService registrations, CancellationToken ct) =>
            TypedResults.Ok(ToRow(await registrations.MoveAsync(user.Actor(), id, body.SessionId ?? 0, ct))))
            .WithSummary("Move a person to another session of the same event: a CANCEL of the old and an invitation to the new.");
        organizer.MapPost("/resend-invitation", async (int id, ClaimsPrincipal user, RegistrationService registrations, CancellationToken ct) =>
        {
            await registrations.ResendInvitationAsync(user.Actor(), id, ct);
            return TypedResults.Accepted((string?)null);
        }).WithSummary("Mail the current invitation again (same UID and sequence), e.g. when the first one went to spam.");
    }

    /// <summary>Also served at /r/{token}/calendar.ics, the link on the manage page.</summary>
    public static async Task<IResult> PersonalCalendarAsync(string token, RegistrationService registrations, HttpRequest request, TimeProvider clock,
        CancellationToken ct)
    {
        var view = await registrations.FindByTokenAsync(token, ct);
        if (view is null || view.Registration.Status != RegistrationStatus.Confirmed) return TypedResults.NotFound();
        var r = view.Registration;
        // A program's holder has every session (each under its own UID); a meeting's holder has their one option.
        var sessions = Events.Core.Scheduling.EventKindRules.EnrolsInWholeEvent(view.Event.Kind)
            ? view.Event.Sessions.Where(s => s.Status == Events.Core.Scheduling.SessionStatus.Scheduled).OrderBy(s => s.StartUtc).ToList()
            : [view.Session];
        var entries = sessions.Select(session =>
        {
            var entry = Events.Core.Scheduling.Catalogue.ToFeedEntry(session, view.Event, view.Organization, r.Language, request.BaseUrl());
            var join = session.JoinUrl is { } j && session.Mode != Events.Core.Scheduling.SessionMode.Offline ? j : null;
            return entry with
            {
                Location = session.Mode == Events.Core.Scheduling.SessionMode.Online ? join : entry.Location,
                Description = (join is null ? "" : join + "\n\n") + $"{request.BaseUrl()}/r/{token}\n\n" + entry.Description,
            };
        }).ToList();
        return Results.File(System.Text.Encoding.UTF8.GetBytes(Events.Core.Calendar.CalendarFeed.Publish(entries, view.Event.LocalizedTitle(r.Language), clock)),
            "text/calendar; charset=utf-8", "event.ics");
    }

    private static RegistrationInput ToInput(RegistrationRequest b) =>
        new(b.FullName, b.Email, b.CountryCode, b.City, b.HomeRegion, b.Gender, b.BirthYear, b.Language, b.TimeZone, b.Consent == true, b.Answers);

    private static RegistrationRow ToRow(Registration r) => new(r.Id, r.FullName, r.Email, r.Status, r.CountryCode, r.HomeRegion, r.Gender,
        ApiContext.Utc(r.CreatedUtc), ApiContext.Utc(r.CheckedInUtc), r.Answers);

    private static RegistrationDto ToDto(RegistrationView v, DateTime now)
    {
        var r = v.Registration;
        return new RegistrationDto(r.Id, r.EventId, r.SessionId, r.FullName, r.Email, r.Status, v.WaitlistPosition, r.CountryCode, r.City, r.HomeRegion,
            r.Gender, r.BirthYear, r.Language, r.TimeZone, ApiContext.Utc(r.CreatedUtc), ApiContext.Utc(r.CheckedInUtc), SessionDto.From(v.Session, now),
            v.Event.LocalizedTitle(r.Language), v.OtherSessions.Select(s => SessionDto.From(s, now)).ToList(), r.Answers);
    }
}
