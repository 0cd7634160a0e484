using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Core.Data;
using Events.Core.Training;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Innolab teams and their start-up projects over HTTP, against the contract: POST /api/v1/events/{id}/teams (trainer, organizer)
/// and PUT /api/v1/teams/{id}/project (team member by token or account, trainer), with their status codes and enum strings;
/// notes, the contest entry and the OpenAPI document. Trainers are assigned by inserting EventTrainers rows.
/// </summary>
public class InnolabApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private readonly ContestKit _kit = new(app);

    private sealed record Participant(int RegistrationId, string ManageToken, string Email);

    private sealed record Lab(int EventId, int OrganizationId, Person Organizer);

    /// <summary>A published innolab (or another kind) of the Labor ministry, its sessions a month ahead, created by a new organizer.</summary>
    private async Task<Lab> InnolabAsync(string kind = "Innolab", Person? organizer = null)
    {
        var org = await _kit.OrganizationAsync();
        organizer ??= await _kit.OrganizerAsync(org);
        var start = DateTime.UtcNow.Date.AddDays(30);
        var created = await JsonAsync(await organizer.Client.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = org, kind, title = "Иннолаб: стартаптар", publish = true,
            sessions = new object[]
            {
                new { start = start.ToString("yyyy-MM-dd'T'10:00"), timeZone = "Asia/Bishkek", durationMinutes = 240, mode = "Online", joinUrl = "https://zoom.us/j/1" },
                new { start = start.AddDays(7).ToString("yyyy-MM-dd'T'10:00"), timeZone = "Asia/Bishkek", durationMinutes = 240, mode = "Online", joinUrl = "https://zoom.us/j/1" },
            },
        }), HttpStatusCode.Created);
        Assert.Equal(kind, created.GetProperty("kind").GetString());
        return new Lab(created.GetProperty("id").GetInt32(), org, organizer);
    }

    private async Task<Participant> RegisterAsync(Lab lab, string? email = null, string fullName = "Айгүл Асанова")
    {
        email ??= $"participant-{Guid.NewGuid():N}@example.kg";
        var e = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/events/{lab.EventId}");
        var session = e.GetProperty("sessions")[0].GetProperty("id").GetInt32();
        var body = new
        {
            fullName, email, countryCode = "RU", city = "Москва", homeRegion = "Osh", gender = "Female", birthYear = 1990, language = "ky",
            timeZone = "Europe/Moscow", consent = true,
        };
        var r = await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/sessions/{session}/registrations", body), HttpStatusCode.Created);
        Assert.Equal("Confirmed", r.GetProperty("status").GetString());
        return new Participant(r.GetProperty("id").GetInt32(), r.GetProperty("manageToken").GetString()!, email);
    }

    /// <summary>An account with the Trainer role, assigned to the event directly in the database.</summary>
    private async Task<Person> TrainerAsync(int eventId)
    {
        var trainer = await _kit.UserAsync("Trainer");
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        db.EventTrainers.Add(new EventTrainer { EventId = eventId, UserId = trainer.Id, AddedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return trainer;
    }

    /// <summary>An organizer of some other seeded organization than the Labor ministry.</summary>
    private async Task<Person> OutsiderAsync()
    {
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var other = orgs.EnumerateArray().First(o => !o.GetProperty("name").GetString()!.Contains("Labor")).GetProperty("id").GetInt32();
        return await _kit.OrganizerAsync(other);
    }

    private static object Team(string name, params Participant[] members) => new { name, memberRegistrationIds = members.Select(m => m.RegistrationId).ToArray() };

    [Fact]
    public async Task TeamAndProject_TrainerMembersAndMentor_ContractShapes()
    {
        var lab = await InnolabAsync();
        var trainer = await TrainerAsync(lab.EventId);
        var (a, b) = (await RegisterAsync(lab, fullName: "Бакыт Осмонов"), await RegisterAsync(lab, fullName: "Айгүл Асанова"));

        // POST /events/{id}/teams by the event's trainer: 201, Location, members in order, no project yet.
        var response = await trainer.Client.PostAsJsonAsync($"/api/v1/events/{lab.EventId}/teams", Team("Өрүк", a, b));
        var team = await JsonAsync(response, HttpStatusCode.Created);
        var teamId = team.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/teams/{teamId}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Өрүк", lab.EventId), (team.GetProperty("name").GetString(), team.GetProperty("eventId").GetInt32()));
        Assert.Equal([(a.RegistrationId, "Бакыт Осмонов"), (b.RegistrationId, "Айгүл Асанова")],
            team.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("registrationId").GetInt32(), m.GetProperty("fullName").GetString()!)));
        Assert.Equal(JsonValueKind.Null, team.GetProperty("project").ValueKind);
        Assert.EndsWith("Z", team.GetProperty("createdUtc").GetString());

        // PUT /teams/{id}/project without an account, by a member's manage token: created as Draft at stage Idea.
        var url = $"/api/v1/teams/{teamId}/project";
        var draft = await JsonAsync(await app.Anonymous().PutAsJsonAsync(url, new
        {
            title = "Кургатылган өрүк", summary = "Нарындагы күн кургаткычтар", status = "Draft", manageToken = b.ManageToken,
        }), HttpStatusCode.OK);
        Assert.Equal(("Кургатылган өрүк", "Idea", "Draft", JsonValueKind.Null), (draft.GetProperty("title").GetString(), draft.GetProperty("stage").GetString(),
            draft.GetProperty("status").GetString(), draft.GetProperty("finalizedUtc").ValueKind));
        Assert.Equal(teamId, draft.GetProperty("teamId").GetInt32());

        // A member signed in with the account of their registration's (confirmed) email marks it Final.
        var member = await _kit.UserAsync("Participant", email: a.Email);
        var final = await JsonAsync(await member.Client.PutAsJsonAsync(url, new
        {
            title = "Кургатылган өрүк", summary = "Нарындагы күн кургаткычтар", stage = "Mvp", status = "Final",
        }), HttpStatusCode.OK);
        Assert.Equal(("Mvp", "Final"), (final.GetProperty("stage").GetString(), final.GetProperty("status").GetString()));
        Assert.EndsWith("Z", final.GetProperty("finalizedUtc").GetString());

        // Final: a member can no longer change it (422, in the member's language); the trainer sends it back to Draft.
        var locked = await ProblemAsync(await app.Anonymous("ru").PutAsJsonAsync(url, new { title = "Другое", status = "Final", manageToken = b.ManageToken }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("вернуть в черновик может только тренер или организатор", locked.GetProperty("detail").GetString());
        var reopened = await JsonAsync(await trainer.Client.PutAsJsonAsync(url, new { title = "Кургатылган өрүк", status = "Draft" }), HttpStatusCode.OK);
        Assert.Equal(("Draft", JsonValueKind.Null), (reopened.GetProperty("status").GetString(), reopened.GetProperty("finalizedUtc").ValueKind));
        Assert.Equal("Mvp", reopened.GetProperty("stage").GetString()); // a missing stage keeps the current one

        // The trainer's note, then the list as the organizer sees it.
        var projectId = reopened.GetProperty("id").GetInt32();
        var note = await JsonAsync(await trainer.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/notes", new { text = "Кардарлар менен сүйлөшкүлө." }),
            HttpStatusCode.Created);
        Assert.Equal(("Кардарлар менен сүйлөшкүлө.", projectId), (note.GetProperty("text").GetString(), note.GetProperty("projectId").GetInt32()));
        Assert.StartsWith("Trainer ", note.GetProperty("authorName").GetString());
        var list = await JsonAsync(await lab.Organizer.Client.GetAsync($"/api/v1/events/{lab.EventId}/teams"), HttpStatusCode.OK);
        var listed = Assert.Single(list.EnumerateArray());
        Assert.Equal("Draft", listed.GetProperty("project").GetProperty("status").GetString());
        Assert.Equal("Кардарлар менен сүйлөшкүлө.", Assert.Single(listed.GetProperty("project").GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task CreateTeam_StatusCodes_401_403_422_400_409()
    {
        var lab = await InnolabAsync();
        var (a, b) = (await RegisterAsync(lab, fullName: "Азамат Токтогулов"), await RegisterAsync(lab));
        var url = $"/api/v1/events/{lab.EventId}/teams";

        await ProblemAsync(await app.Anonymous().PostAsJsonAsync(url, Team("Команда", a)), HttpStatusCode.Unauthorized);
        await ProblemAsync(await (await OutsiderAsync()).Client.PostAsJsonAsync(url, Team("Команда", a)), HttpStatusCode.Forbidden);
        var otherEventTrainer = await TrainerAsync((await InnolabAsync(organizer: lab.Organizer)).EventId);
        await ProblemAsync(await otherEventTrainer.Client.PostAsJsonAsync(url, Team("Команда", a)), HttpStatusCode.Forbidden);

        var course = await InnolabAsync("Course", lab.Organizer);
        var learner = await RegisterAsync(course);
        var notInnolab = await ProblemAsync(await lab.Organizer.Client.PostAsJsonAsync($"/api/v1/events/{course.EventId}/teams", Team("Команда", learner)),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Teams exist only in an innolab.", notInnolab.GetProperty("detail").GetString());

        var foreign = await ProblemAsync(await lab.Organizer.Client.PostAsJsonAsync(url, Team("Команда", a, learner)), HttpStatusCode.BadRequest);
        Assert.Equal("Only confirmed participants of this innolab can be team members.",
            foreign.GetProperty("errors").GetProperty("memberRegistrationIds")[0].GetString());
        var empty = await ProblemAsync(await lab.Organizer.Client.PostAsJsonAsync(url, new { name = "", memberRegistrationIds = Array.Empty<int>() }), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(empty.GetProperty("errors").TryGetProperty("memberRegistrationIds", out _));

        await JsonAsync(await lab.Organizer.Client.PostAsJsonAsync(url, Team("Биринчи", a)), HttpStatusCode.Created);
        var twice = await ProblemAsync(await WithLanguage(lab.Organizer.Client, "ky").PostAsJsonAsync(url, Team("Экинчи", b, a)), HttpStatusCode.Conflict);
        Assert.Equal("Азамат Токтогулов мурунтан эле «Биринчи» командасында.", twice.GetProperty("detail").GetString());
        var sameName = await ProblemAsync(await WithLanguage(lab.Organizer.Client, "en").PostAsJsonAsync(url, Team("БИРИНЧИ", b)), HttpStatusCode.Conflict);
        Assert.Equal("This innolab already has a team with this name.", sameName.GetProperty("detail").GetString());
        Assert.Single((await JsonAsync(await lab.Organizer.Client.GetAsync(url), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task SaveProject_Refusals_401WithoutSignInOrToken_403ForOthers_400ForUnknownStatus()
    {
        var lab = await InnolabAsync();
        var (a, stranger) = (await RegisterAsync(lab), await RegisterAsync(lab));
        var team = await JsonAsync(await lab.Organizer.Client.PostAsJsonAsync($"/api/v1/events/{lab.EventId}/teams", Team("Өрүк", a)), HttpStatusCode.Created);
        var url = $"/api/v1/teams/{team.GetProperty("id").GetInt32()}/project";
        var body = new { title = "Долбоор", summary = (string?)null, status = "Draft" };

        await ProblemAsync(await app.Anonymous().PutAsJsonAsync(url, body), HttpStatusCode.Unauthorized);
        await ProblemAsync(await app.Anonymous().PutAsJsonAsync(url, new { title = "Долбоор", manageToken = "" }), HttpStatusCode.Unauthorized);
        await ProblemAsync(await app.Anonymous().PutAsJsonAsync(url, new { title = "Долбоор", manageToken = "not-a-token" }), HttpStatusCode.Forbidden);
        // A participant of the innolab outside the team, by token or account; an organizer of another organization; a stranger's account.
        await ProblemAsync(await app.Anonymous().PutAsJsonAsync(url, new { title = "Долбоор", manageToken = stranger.ManageToken }), HttpStatusCode.Forbidden);
        await ProblemAsync(await (await _kit.UserAsync("Participant", email: stranger.Email)).Client.PutAsJsonAsync(url, body), HttpStatusCode.Forbidden);
        await ProblemAsync(await (await OutsiderAsync()).Client.PutAsJsonAsync(url, body), HttpStatusCode.Forbidden);
        await ProblemAsync(await app.Anonymous().PutAsJsonAsync("/api/v1/teams/987654/project", new { title = "Долбоор", manageToken = a.ManageToken }),
            HttpStatusCode.NotFound);

        var unknown = await ProblemAsync(await app.Anonymous().PutAsJsonAsync(url, new { title = "Долбоор", status = "Done", manageToken = a.ManageToken }),
            HttpStatusCode.BadRequest);
        Assert.True(unknown.TryGetProperty("errors", out _));
        var missing = await ProblemAsync(await app.Anonymous().PutAsJsonAsync(url, new { title = " ", manageToken = a.ManageToken }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("title", out _));
        await JsonAsync(await app.Anonymous().PutAsJsonAsync(url, new { title = "Долбоор", manageToken = a.ManageToken }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task ContestEntry_FinalProjectOnce_DraftRefused_ThenDeleteTeamKeepsTheEntry()
    {
        var lab = await InnolabAsync();
        var contestId = await _kit.ContestAsync(lab.Organizer.Client, lab.OrganizationId);
        var a = await RegisterAsync(lab, fullName: "Айгүл Асанова");
        var team = await JsonAsync(await lab.Organizer.Client.PostAsJsonAsync($"/api/v1/events/{lab.EventId}/teams", Team("Өрүк", a)), HttpStatusCode.Created);
        var teamId = team.GetProperty("id").GetInt32();
        var project = await JsonAsync(await app.Anonymous().PutAsJsonAsync($"/api/v1/teams/{teamId}/project", new
        {
            title = "Өрүк кампасы", summary = "Муздаткыч кампа", manageToken = a.ManageToken,
        }), HttpStatusCode.OK);
        var url = $"/api/v1/projects/{project.GetProperty("id").GetInt32()}/contest-entry";

        await ProblemAsync(await lab.Organizer.Client.PostAsJsonAsync(url, new { contestId }), HttpStatusCode.UnprocessableEntity);
        await JsonAsync(await app.Anonymous().PutAsJsonAsync($"/api/v1/teams/{teamId}/project", new
        {
            title = "Өрүк кампасы", summary = "Муздаткыч кампа", status = "Final", manageToken = a.ManageToken,
        }), HttpStatusCode.OK);
        var noContest = await ProblemAsync(await lab.Organizer.Client.PostAsJsonAsync(url, new { }), HttpStatusCode.BadRequest);
        Assert.True(noContest.GetProperty("errors").TryGetProperty("contestId", out _));

        var entry = await JsonAsync(await lab.Organizer.Client.PostAsJsonAsync(url, new { contestId }), HttpStatusCode.Created);
        Assert.Equal(("Өрүк кампасы", "Submitted", contestId), (entry.GetProperty("title").GetString(), entry.GetProperty("status").GetString(),
            entry.GetProperty("contestId").GetInt32()));
        var entryId = entry.GetProperty("entryId").GetInt32();
        await ProblemAsync(await lab.Organizer.Client.PostAsJsonAsync(url, new { contestId }), HttpStatusCode.Conflict);
        var entries = await JsonAsync(await lab.Organizer.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK);
        var listed = Assert.Single(entries.EnumerateArray());
        Assert.Equal((entryId, "Айгүл Асанова", a.Email, "Өрүк"), (listed.GetProperty("id").GetInt32(), listed.GetProperty("entrantName").GetString(),
            listed.GetProperty("entrantEmail").GetString(), listed.GetProperty("organizationName").GetString()));
        var got = await JsonAsync(await lab.Organizer.Client.GetAsync($"/api/v1/teams/{teamId}"), HttpStatusCode.OK);
        Assert.Equal(entryId, got.GetProperty("project").GetProperty("contestEntryId").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await lab.Organizer.Client.DeleteAsync($"/api/v1/teams/{teamId}")).StatusCode);
        await ProblemAsync(await lab.Organizer.Client.GetAsync($"/api/v1/teams/{teamId}"), HttpStatusCode.NotFound);
        Assert.Single((await JsonAsync(await lab.Organizer.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task UpdateTeam_RenamesAndSetsMembers_ParticipantsShowTheirTeam()
    {
        var lab = await InnolabAsync();
        var (a, b, c) = (await RegisterAsync(lab, fullName: "А"), await RegisterAsync(lab, fullName: "Б"), await RegisterAsync(lab, fullName: "В"));
        var team = await JsonAsync(await lab.Organizer.Client.PostAsJsonAsync($"/api/v1/events/{lab.EventId}/teams", Team("Өрүк", a, b)), HttpStatusCode.Created);
        var teamId = team.GetProperty("id").GetInt32();

        var updated = await JsonAsync(await lab.Organizer.Client.PutAsJsonAsync($"/api/v1/teams/{teamId}", Team("Өрүк-2", c, b)), HttpStatusCode.OK);

        Assert.Equal("Өрүк-2", updated.GetProperty("name").GetString());
        Assert.Equal(["В", "Б"], updated.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("fullName").GetString()));
        var participants = await JsonAsync(await lab.Organizer.Client.GetAsync($"/api/v1/events/{lab.EventId}/innolab-participants"), HttpStatusCode.OK);
        int? TeamOf(Participant p) => participants.EnumerateArray().Single(x => x.GetProperty("registrationId").GetInt32() == p.RegistrationId)
            .GetProperty("teamId") is { ValueKind: JsonValueKind.Number } t ? t.GetInt32() : null;
        Assert.Equal(((int?)null, (int?)teamId, (int?)teamId), (TeamOf(a), TeamOf(b), TeamOf(c)));
    }

    [Fact]
    public async Task OpenApi_DescribesTheInnolabEndpoints()
    {
        var paths = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/events/{id}/teams").TryGetProperty("post", out var post));
        Assert.Contains("team", post.GetProperty("summary").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(paths.GetProperty("/api/v1/events/{id}/teams").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/teams/{id}/project").TryGetProperty("put", out var put));
        Assert.Contains("manageToken", put.GetProperty("description").GetString());
        foreach (var path in new[] { "/api/v1/projects/{id}/notes", "/api/v1/projects/{id}/contest-entry", "/api/v1/events/{id}/innolab-participants" })
            Assert.True(paths.TryGetProperty(path, out _), path);
    }
}
