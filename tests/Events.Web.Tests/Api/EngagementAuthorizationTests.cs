using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Core.Data;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Every organizer endpoint of questions, surveys and coverage, called by someone who may not use it on this event: 403 for an
/// organizer of another organization and for a participant, 401 anonymously; nothing in the database changes.
/// </summary>
public class EngagementAuthorizationTests(EngagementAuthorizationTests.Arranged arranged) : IClassFixture<EngagementAuthorizationTests.Arranged>
{
    public sealed class Arranged : EventsWebFactory, IAsyncLifetime
    {
        public int EventId, QuestionId, CoverageId;
        public string OtherOrganizerEmail = "", ParticipantEmail = "", ColleagueId = "";

        public async Task InitializeAsync()
        {
            var kit = new EngagementKit(this);
            var org = await kit.Users.OrganizationAsync();
            var organizer = (await kit.Users.OrganizerAsync(org)).Client;
            ColleagueId = (await kit.Users.OrganizerAsync(org)).Id;
            var e = await EngagementKit.EventAsync(organizer, org);
            EventId = e.Id;
            await kit.RegisterAsync(e.SessionId);
            QuestionId = (await JsonAsync(await Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/questions",
                new { text = "Суроо", email = "asker@example.kg" }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
            CoverageId = (await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/coverage", new { channel = "Facebook", reposts = 3 }),
                HttpStatusCode.Created)).GetProperty("id").GetInt32();
            OtherOrganizerEmail = (await kit.Users.OrganizerAsync(await kit.Users.OrganizationAsync("Istanbul"))).Email;
            ParticipantEmail = (await kit.Users.UserAsync("Participant")).Email;
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static readonly (string Method, string Path, string Body)[] OrganizerCalls =
    [
        ("GET", "/api/v1/questions/{question}", ""),
        ("POST", "/api/v1/questions/{question}/answer", """{"text":"hijacked"}"""),
        ("POST", "/api/v1/questions/{question}/assign", """{"userId":"{colleague}"}"""),
        ("POST", "/api/v1/questions/{question}/publish", ""),
        ("POST", "/api/v1/questions/{question}/unpublish", ""),
        ("GET", "/api/v1/events/{event}/question-figures", ""),
        ("GET", "/api/v1/events/{event}/survey", ""),
        ("PUT", "/api/v1/events/{event}/survey/questions", """[{"kind":"YesNo","prompt":"hijacked?"}]"""),
        ("GET", "/api/v1/events/{event}/survey-responses", ""),
        ("POST", "/api/v1/events/{event}/survey-invitations", """{"wave":"FollowUp"}"""),
        ("POST", "/api/v1/events/{event}/coverage", """{"channel":"WhatsApp","reposts":1000}"""),
        ("GET", "/api/v1/events/{event}/coverage", ""),
        ("DELETE", "/api/v1/coverage/{coverage}", ""),
    ];

    public static TheoryData<string, string, string> Calls()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var caller in new[] { "other-organizer", "participant", "anonymous" })
        foreach (var (method, path, body) in OrganizerCalls)
            data.Add(caller, $"{method} {path}", body);
        return data;
    }

    private async Task<HttpClient> ClientAsync(string caller) => caller switch
    {
        "other-organizer" => await arranged.SignedInAsync(arranged.OtherOrganizerEmail, Password),
        "participant" => await arranged.SignedInAsync(arranged.ParticipantEmail, Password),
        _ => arranged.Anonymous(),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task EngagementEndpoint_CallerWithoutRights_403Or401_NothingChanged(string caller, string call, string body)
    {
        var client = await ClientAsync(caller);
        string Fill(string s) => s.Replace("{event}", arranged.EventId.ToString()).Replace("{question}", arranged.QuestionId.ToString())
            .Replace("{coverage}", arranged.CoverageId.ToString()).Replace("{colleague}", arranged.ColleagueId);
        var (method, path) = (call.Split(' ')[0], Fill(call.Split(' ')[1]));
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);

        Assert.Equal(caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The inbox is a list filtered to the caller's organizations: another organization's organizer sees nothing of this one.</summary>
    [Theory]
    [InlineData("other-organizer", HttpStatusCode.OK)]
    [InlineData("participant", HttpStatusCode.Forbidden)]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    public async Task Inbox_CallerWithoutRights_SeesNothingOfTheEvent(string caller, HttpStatusCode expected)
    {
        var response = await (await ClientAsync(caller)).GetAsync($"/api/v1/questions?filter=All&eventId={arranged.EventId}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(0, (await JsonAsync(response, HttpStatusCode.OK)).GetArrayLength());
            Assert.Equal("0", response.Headers.GetValues("X-Total-Count").Single());
        }
    }

    /// <summary>Everything these calls could change, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = arranged.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var questions = await db.Questions.AsNoTracking().OrderBy(q => q.Id)
            .Select(q => new { q.Id, q.AnswerText, q.AnsweredUtc, q.AssignedToUserId, q.IsPublished }).ToListAsync();
        var coverage = await db.Coverage.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Channel, c.Reposts, c.Views }).ToListAsync();
        var surveys = await db.Surveys.AsNoTracking().OrderBy(s => s.EventId).Select(s => new { s.EventId, s.UpdatedUtc }).ToListAsync();
        var counts = new { Invitations = await db.SurveyInvitations.CountAsync(), Responses = await db.SurveyResponses.CountAsync(), Outbox = await db.Outbox.CountAsync() };
        return JsonSerializer.Serialize(new { questions, coverage, surveys, counts });
    }
}
