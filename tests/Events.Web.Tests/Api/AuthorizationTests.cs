using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Core.Data;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Api;

/// <summary>
/// Every organizer and administrator endpoint, called by someone who may not use it on this organization's
/// work: 403 for a signed-in organizer of another organization or a participant, 401 anonymously, and nothing
/// in the database changed. The checks live in Core, so this also holds for pages calling the same services.
/// </summary>
public class AuthorizationTests(AuthorizationTests.Arranged arranged) : IClassFixture<AuthorizationTests.Arranged>
{
    public sealed class Arranged : EventsWebFactory, IAsyncLifetime
    {
        public int EventId, SessionId, OtherSessionId, PendingId, ConfirmedId, OwnOrganizationId;
        public string CheckInCode = "";

        public async Task InitializeAsync()
        {
            var admin = await SignedInAsync();
            var orgs = await Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
            int Org(string part) => orgs.EnumerateArray().First(o => o.GetProperty("name").GetString()!.Contains(part)).GetProperty("id").GetInt32();
            OwnOrganizationId = Org("Labor");
            var created = await Json(await admin.PostAsJsonAsync("/api/v1/events", new
            {
                organizationId = OwnOrganizationId, kind = "EmbassyMeeting", title = "Rights", requiresApproval = true, publish = true,
                sessions = new object[]
                {
                    new { start = "2027-03-27T18:00", timeZone = "Asia/Bishkek", durationMinutes = 90, mode = "Offline", venue = "Hall", capacity = 10 },
                    new { start = "2027-03-28T18:00", timeZone = "Asia/Bishkek", durationMinutes = 90, mode = "Offline", venue = "Hall", capacity = 10 },
                },
                questions = new object[] { new { kind = "Text", prompt = "Why?" } },
            }));
            EventId = created.GetProperty("id").GetInt32();
            SessionId = created.GetProperty("sessions")[0].GetProperty("id").GetInt32();
            OtherSessionId = created.GetProperty("sessions")[1].GetProperty("id").GetInt32();
            var anonymous = Anonymous();
            PendingId = (await Json(await anonymous.PostAsJsonAsync($"/api/v1/sessions/{SessionId}/registrations", RegistrationApiTests.Person("a@example.kg"))))
                .GetProperty("id").GetInt32();
            ConfirmedId = (await Json(await anonymous.PostAsJsonAsync($"/api/v1/sessions/{SessionId}/registrations", RegistrationApiTests.Person("b@example.kg"))))
                .GetProperty("id").GetInt32();
            (await admin.PostAsync($"/api/v1/registrations/{ConfirmedId}/approve", null)).EnsureSuccessStatusCode();
            await using (var db = Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext())
                CheckInCode = await db.Registrations.Where(r => r.Id == ConfirmedId).Select(r => r.CheckInCode).SingleAsync();
            foreach (var (email, roles, organization) in new[]
                     {
                         ("other.organizer@example.kg", new[] { "Organizer" }, Org("Istanbul")),
                         ("participant@example.kg", new[] { "Participant" }, 0),
                     })
            {
                (await admin.PostAsJsonAsync("/api/v1/users", new
                {
                    email, fullName = email, password = "Strong-Pass-2026", roles, organizationIds = organization == 0 ? Array.Empty<int>() : [organization],
                })).EnsureSuccessStatusCode();
            }
        }

        private static async Task<JsonElement> Json(HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    public static TheoryData<string, string, string> Calls()
    {
        var calls = new (string Method, string Path, string Body)[]
        {
            ("POST", "/api/v1/events", """{"organizationId":{org},"kind":"Webinar","title":"Not mine","sessions":[{"start":"2027-05-01T10:00","timeZone":"Asia/Bishkek","durationMinutes":60,"mode":"Online"}]}"""),
            ("POST", "/api/v1/series", """{"template":{"organizationId":{org},"kind":"OnlineMekendesh","title":"Series","sessions":[{"start":"2027-05-01T10:00","timeZone":"Asia/Bishkek","durationMinutes":60,"mode":"Online"}]},"rule":"FREQ=MONTHLY;COUNT=2"}"""),
            ("POST", "/api/v1/events/{event}/sessions", """{"start":"2027-04-01T10:00","timeZone":"Asia/Bishkek","durationMinutes":60,"mode":"Online"}"""),
            ("POST", "/api/v1/events/{event}/publish", ""),
            ("POST", "/api/v1/events/{event}/complete", "{}"),
            ("POST", "/api/v1/events/{event}/cancel", "{}"),
            ("PUT", "/api/v1/events/{event}/questions", """[{"kind":"YesNo","prompt":"Hijacked?"}]"""),
            ("PATCH", "/api/v1/sessions/{session}", """{"capacity":1}"""),
            ("POST", "/api/v1/sessions/{session}/cancel", "{}"),
            ("GET", "/api/v1/sessions/{session}/history", ""),
            ("GET", "/api/v1/sessions/{session}/registrations", ""),
            ("GET", "/api/v1/sessions/{session}/registrations/export?format=csv", ""),
            ("GET", "/api/v1/sessions/{session}/registrations/export?format=xlsx", ""),
            ("POST", "/api/v1/sessions/{session}/check-in", """{"code":"{code}"}"""),
            ("POST", "/api/v1/registrations/{pending}/approve", ""),
            ("POST", "/api/v1/registrations/{pending}/reject", ""),
            ("POST", "/api/v1/registrations/{confirmed}/check-in", ""),
            ("POST", "/api/v1/registrations/{confirmed}/move", """{"sessionId":{other}}"""),
            ("POST", "/api/v1/registrations/{confirmed}/resend-invitation", ""),
            ("PUT", "/api/v1/plan/2027/targets", """[{"kind":"Webinar","organizationId":null,"target":99}]"""),
            ("POST", "/api/v1/organizations", """{"name":"Mine now","kind":"Ngo","countryCode":"KG","timeZone":"Asia/Bishkek"}"""),
            ("PUT", "/api/v1/organizations/{org}", """{"name":"Renamed","kind":"Ngo","countryCode":"KG","timeZone":"Asia/Bishkek"}"""),
            ("POST", "/api/v1/users", """{"email":"x@example.kg","fullName":"X","password":"Strong-Pass-2026","roles":["Administrator"],"organizationIds":[]}"""),
            ("GET", "/api/v1/users", ""),
        };
        var data = new TheoryData<string, string, string>();
        foreach (var caller in new[] { "other-organizer", "participant", "anonymous" })
        foreach (var (method, path, body) in calls)
            data.Add(caller, $"{method} {path}", body);
        return data;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task OrganizerEndpoint_CallerWithoutRights_403Or401_NothingChanged(string caller, string call, string body)
    {
        var client = caller switch
        {
            "other-organizer" => await arranged.SignedInAsync("other.organizer@example.kg", "Strong-Pass-2026"),
            "participant" => await arranged.SignedInAsync("participant@example.kg", "Strong-Pass-2026"),
            _ => arranged.Anonymous(),
        };
        string Fill(string s) => s.Replace("{event}", arranged.EventId.ToString()).Replace("{session}", arranged.SessionId.ToString())
            .Replace("{other}", arranged.OtherSessionId.ToString()).Replace("{pending}", arranged.PendingId.ToString())
            .Replace("{confirmed}", arranged.ConfirmedId.ToString()).Replace("{org}", arranged.OwnOrganizationId.ToString())
            .Replace("{code}", arranged.CheckInCode);
        var (method, path) = (call.Split(' ')[0], Fill(call.Split(' ')[1]));
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);

        Assert.Equal(caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Everything these calls could change, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = arranged.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var events = await db.Events.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Status, e.Title, e.OrganizationId, e.UpdatedUtc }).ToListAsync();
        var questions = (await db.Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Select(e => JsonSerializer.Serialize(e.Questions));
        var sessions = await db.Sessions.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Status, s.Capacity, s.Sequence, s.StartUtc, s.ConfirmedCount, s.WaitlistedCount }).ToListAsync();
        var registrations = await db.Registrations.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Status, r.SessionId, r.CheckedInUtc, r.UpdatedUtc }).ToListAsync();
        var counts = new
        {
            Outbox = await db.Outbox.CountAsync(), Targets = await db.PlanTargets.CountAsync(t => t.Year == 2027),
            TargetSum = await db.PlanTargets.Where(t => t.Year == 2027).SumAsync(t => t.Target),
            Organizations = await db.Organizations.CountAsync(), OrganizationNames = string.Join("|", await db.Organizations.OrderBy(o => o.Id).Select(o => o.Name).ToListAsync()),
            Users = await db.Users.CountAsync(), Series = await db.EventSeries.CountAsync(),
        };
        return JsonSerializer.Serialize(new { events, questions, sessions, registrations, counts });
    }
}
