using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Events.Web.Api;

public sealed record TeamRequest(string? Name, int[]? MemberRegistrationIds);

/// <summary>A project as the team or a mentor writes it; a member without an account sends their registration's manage token.</summary>
public sealed record ProjectRequest(string? Title, string? Summary, ProjectStage? Stage, ProjectStatus? Status, string? ManageToken = null)
{
    public ProjectInput ToInput() => new(Title, Summary, Stage, Status);
}

public sealed record NoteRequest(string? Text);

public sealed record ProjectEntryRequest(int? ContestId, string? Category = null, Dictionary<string, string?>? Answers = null);

public sealed record TeamMemberDto(int RegistrationId, string FullName);

public sealed record MentorNoteDto(int Id, int ProjectId, string Text, string? AuthorName, string CreatedUtc)
{
    public static MentorNoteDto Of(MentorNoteView n) => new(n.Id, n.ProjectId, n.Text, n.AuthorName, ApiContext.Utc(n.CreatedUtc));
}

public sealed record ProjectDto(int Id, int TeamId, string Title, string? Summary, ProjectStage Stage, ProjectStatus Status, string UpdatedUtc,
    string? FinalizedUtc, int? ContestEntryId, IReadOnlyList<MentorNoteDto> Notes)
{
    public static ProjectDto Of(ProjectView p) => new(p.Id, p.TeamId, p.Title, p.Summary, p.Stage, p.Status, ApiContext.Utc(p.UpdatedUtc),
        ApiContext.Utc(p.FinalizedUtc), p.ContestEntryId, p.Notes.Select(MentorNoteDto.Of).ToList());
}

/// <summary>A team: members in order (the first is the contact), the project (null until first saved) with the mentors' notes, newest first.</summary>
public sealed record TeamDto(int Id, int EventId, string Name, string CreatedUtc, IReadOnlyList<TeamMemberDto> Members, ProjectDto? Project)
{
    public static TeamDto Of(TeamView t) => new(t.Id, t.EventId, t.Name, ApiContext.Utc(t.CreatedUtc),
        t.Members.Select(m => new TeamMemberDto(m.RegistrationId, m.FullName)).ToList(), t.Project is { } p ? ProjectDto.Of(p) : null);
}

public sealed record InnolabParticipantDto(int RegistrationId, string FullName, string Email, int? TeamId);

public sealed record ProjectEntryDto(int ProjectId, int ContestId, int EntryId, string Title, EntryStatus Status);

public static class InnolabEndpoints
{
    public static void MapInnolabEndpoints(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events/{id:int}").WithTags("Innolabs");

        events.MapPost("/teams", async (int id, TeamRequest body, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
        {
            var team = await innolabs.CreateTeamAsync(user.Actor(), id, body.Name, body.MemberRegistrationIds, ct);
            return TypedResults.Created($"/api/v1/teams/{team.Id}", TeamDto.Of(team));
        }).RequireAuthorization(Policies.Staff)
          .WithSummary("Form a team of the innolab (trainers of the event, organizers).")
          .WithDescription("memberRegistrationIds: confirmed registrations of this innolab, in order (the first is the team's contact), at most 20. " +
                           "400 for a registration of another event or not confirmed; 409 when a person is already in another team of the innolab " +
                           "or the name (any case) is taken; 422 when the event is not an innolab.");

        events.MapGet("/teams", async (int id, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
            TypedResults.Ok((await innolabs.ListTeamsAsync(user.Actor(), id, ct)).Select(TeamDto.Of)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The innolab's teams by name, with members, project and mentors' notes (trainers of the event, organizers).");

        events.MapGet("/innolab-participants", async (int id, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
            TypedResults.Ok((await innolabs.ParticipantsAsync(user.Actor(), id, ct)).Select(p => new InnolabParticipantDto(p.RegistrationId, p.FullName, p.Email, p.TeamId))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The confirmed participants a team can be formed of, by name, each with the team they are in (teamId null when none).");

        var teams = api.MapGroup("/teams/{id:int}").WithTags("Innolabs");

        teams.MapGet("/", async (int id, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
            TypedResults.Ok(TeamDto.Of(await innolabs.GetTeamAsync(user.Actor(), id, ct))))
            .RequireAuthorization(Policies.Staff).WithSummary("A team with its project and notes (trainers of the event, organizers).");

        teams.MapPut("/", async (int id, TeamRequest body, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
            TypedResults.Ok(TeamDto.Of(await innolabs.UpdateTeamAsync(user.Actor(), id, body.Name, body.MemberRegistrationIds, ct))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Rename a team and set its members in order; people left out leave the team, the project stays.");

        teams.MapDelete("/", async (int id, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
        {
            await innolabs.DeleteTeamAsync(user.Actor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Staff)
          .WithSummary("Delete a team with its project and notes (a contest entry made from the project stays in its contest).");

        teams.MapPut("/project", async Task<Results<Ok<ProjectDto>, UnauthorizedHttpResult>> (int id, ProjectRequest body, ClaimsPrincipal user,
            InnolabService innolabs, CancellationToken ct) =>
        {
            var actor = user.ActorOrNull();
            if (actor is null && string.IsNullOrEmpty(body.ManageToken)) return TypedResults.Unauthorized();
            return TypedResults.Ok(ProjectDto.Of(await innolabs.SaveProjectAsync(actor, body.ManageToken, id, body.ToInput(), ct)));
        }).WithSummary("Create (first time) or change the team's start-up project: a team member or a mentor.")
          .WithDescription("A member is signed in with the confirmed email of a member's registration, or sends that registration's manageToken " +
                           "in the body (no account needed); trainers of the event and organizers are mentors. stage: Idea (default), Prototype, Mvp, " +
                           "Launched; status: Draft (default) or Final — Final sets finalizedUtc. A member cannot change a Final project (422); " +
                           "a mentor can, and can send it back to Draft. 401 without a sign-in or a token, 403 for anyone else.");

        var projects = api.MapGroup("/projects/{id:int}").WithTags("Innolabs");

        projects.MapPost("/notes", async (int id, NoteRequest body, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
            TypedResults.Created((string?)null, MentorNoteDto.Of(await innolabs.AddNoteAsync(user.Actor(), id, body.Text, ct))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("A mentor's note on a project (trainers of the event, organizers); the author's name is shown with it.");

        projects.MapPost("/contest-entry", async (int id, ProjectEntryRequest body, ClaimsPrincipal user, InnolabService innolabs, CancellationToken ct) =>
        {
            if (body.ContestId is not { } contestId) throw ValidationFailedException.For("contestId", "Validation_Required");
            var entry = await innolabs.SubmitToContestAsync(user.Actor(), id, contestId, body.Category, body.Answers, ct);
            return TypedResults.Created((string?)null, new ProjectEntryDto(id, entry.ContestId, entry.Id, entry.Title, entry.Status));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Enter a final project into a contest (the Invest-challenge); organizers of the innolab.")
          .WithDescription("The entry goes through the contest's own submission: its window (422), category and questions (400) apply. It is " +
                           "titled and summarized as the project and made in the name of the team's first member, who gets the confirmation " +
                           "email with the manage link. 422 for a Draft project, 409 when the project was already entered, 404 for an unpublished contest.");
    }
}
