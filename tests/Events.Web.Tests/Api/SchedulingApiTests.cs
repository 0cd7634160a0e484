using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Api;

public class SchedulingApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private static object Edition(int orgId, string title = "Онлайн-Мекендеш 🇰🇬 ң ө ү") => new
    {
        organizationId = orgId, kind = "OnlineMekendesh", title, description = "**Маалымат** <script>alert(1)</script>",
        sessions = new object[]
        {
            new { label = "1", start = "2027-03-27T18:00", timeZone = "America/New_York", durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/secret-1", capacity = 50 },
            new { label = "2", start = "2027-03-28T13:00", timeZone = "Asia/Bishkek", durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/secret-2" },
        },
    };

    private async Task<int> OrgIdAsync(string nameContains = "Labor")
    {
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        return orgs.EnumerateArray().First(o => o.GetProperty("name").GetString()!.Contains(nameContains)).GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> CreatePublishedAsync(HttpClient admin)
    {
        var created = await (await admin.PostAsJsonAsync("/api/v1/events", Edition(await OrgIdAsync()))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        return await (await admin.PostAsync($"/api/v1/events/{id}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Create_TwoOptions_DraftWithContractShape()
    {
        var admin = await app.SignedInAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/events", Edition(await OrgIdAsync()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var e = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Draft", e.GetProperty("status").GetString());
        Assert.Equal("Онлайн-Мекендеш 🇰🇬 ң ө ү", e.GetProperty("title").GetString());
        var s = e.GetProperty("sessions")[0];
        Assert.Equal("2027-03-27T18:00:00", s.GetProperty("start").GetString());
        Assert.Equal("America/New_York", s.GetProperty("timeZone").GetString());
        Assert.Equal("2027-03-27T22:00:00Z", s.GetProperty("startUtc").GetString());
        Assert.Equal("2027-03-27T23:30:00Z", s.GetProperty("endUtc").GetString());
        Assert.Equal(90, s.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("Online", s.GetProperty("mode").GetString());
        Assert.Equal(50, s.GetProperty("capacity").GetInt32());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("sessions")[1].GetProperty("capacity").ValueKind);
        Assert.Equal(0, s.GetProperty("confirmed").GetInt32());
        Assert.Equal(0, s.GetProperty("waitlisted").GetInt32());
        Assert.Equal("Scheduled", s.GetProperty("status").GetString());
        Assert.Equal(0, s.GetProperty("sequence").GetInt32());
        Assert.DoesNotContain("secret", e.GetRawText());
    }

    [Fact]
    public async Task Draft_NotPublic_PublishedListedAndReadable()
    {
        var admin = await app.SignedInAsync();
        var created = await (await admin.PostAsJsonAsync("/api/v1/events", Edition(await OrgIdAsync(), "Жашыруун долбоор"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/events/{id}")).StatusCode);
        Assert.DoesNotContain("Жашыруун долбоор", await anonymous.GetStringAsync("/api/v1/events"));

        var published = await (await admin.PostAsync($"/api/v1/events/{id}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Published", published.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/events/{id}")).StatusCode);
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/events?kind=OnlineMekendesh&from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z");
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("id").GetInt32() == id);
        var outside = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2030-01-01T00:00:00Z");
        Assert.DoesNotContain(outside.EnumerateArray(), e => e.GetProperty("id").GetInt32() == id);
        var sessionId = published.GetProperty("sessions")[0].GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/sessions/{sessionId}")).StatusCode);
    }

    [Theory]
    [InlineData("America/Chicago", 0, "2027-03-27T17:00:00-05:00")]
    [InlineData("Asia/Almaty", 1, "2027-03-28T12:00:00+05:00")]
    public async Task RecommendedSession_PicksOptionForZone(string zone, int option, string localStart)
    {
        var e = await CreatePublishedAsync(await app.SignedInAsync());
        var id = e.GetProperty("id").GetInt32();

        var r = await app.Anonymous("ru").GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}/recommended-session?timeZone={Uri.EscapeDataString(zone)}");

        Assert.Equal(e.GetProperty("sessions")[option].GetProperty("id").GetInt32(), r.GetProperty("sessionId").GetInt32());
        Assert.Equal(localStart, r.GetProperty("localStart").GetString());
        Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task RecommendedSession_UnknownZone_400()
    {
        var e = await CreatePublishedAsync(await app.SignedInAsync());
        var response = await app.Anonymous().GetAsync($"/api/v1/events/{e.GetProperty("id").GetInt32()}/recommended-session?timeZone=Mars/Base");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Patch_Time_RaisesSequence_LabelAlone_DoesNot()
    {
        var admin = await app.SignedInAsync();
        var e = await CreatePublishedAsync(admin);
        var sessionId = e.GetProperty("sessions")[0].GetProperty("id").GetInt32();

        var labelled = await (await admin.PatchAsync($"/api/v1/sessions/{sessionId}", Json(new { label = "Америка" }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, labelled.GetProperty("sequence").GetInt32());

        var moved = await admin.PatchAsync($"/api/v1/sessions/{sessionId}", Json(new { start = "2027-03-27T19:00", durationMinutes = 120 }));
        var s = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(1, s.GetProperty("sequence").GetInt32());
        Assert.Equal("2027-03-27T23:00:00Z", s.GetProperty("startUtc").GetString());
        Assert.Equal(120, s.GetProperty("durationMinutes").GetInt32());

        var unlimited = await (await admin.PatchAsync($"/api/v1/sessions/{sessionId}", Json(new { capacity = (int?)null }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, unlimited.GetProperty("capacity").ValueKind);
    }

    [Theory]
    [InlineData("{\"start\":\"2020-01-01T10:00\"}", "start")]
    [InlineData("{\"start\":\"2027-03-14T02:30\"}", "start")]
    [InlineData("{\"timeZone\":\"Europe/Atlantis\"}", "timeZone")]
    [InlineData("{\"durationMinutes\":0}", "durationMinutes")]
    [InlineData("{\"capacity\":-5}", "capacity")]
    [InlineData("{\"start\":\"2027-03-27T19:00:00Z\"}", "start")]
    [InlineData("{\"joinUrl\":\"javascript:alert(1)\"}", "joinUrl")]
    public async Task Patch_BadInput_400AndNothingChanged(string body, string field)
    {
        var admin = await app.SignedInAsync(language: "ru");
        var e = await CreatePublishedAsync(admin);
        var sessionId = e.GetProperty("sessions")[0].GetProperty("id").GetInt32();

        var response = await admin.PatchAsync($"/api/v1/sessions/{sessionId}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.Matches("[А-Яа-я]", messages[0].GetString()!);
        var after = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}");
        Assert.Equal(0, after.GetProperty("sequence").GetInt32());
        Assert.Equal("2027-03-27T22:00:00Z", after.GetProperty("startUtc").GetString());
    }

    [Fact]
    public async Task Cancel_SessionCancelledSequenceUpAndGoneFromFeed()
    {
        var admin = await app.SignedInAsync();
        var e = await CreatePublishedAsync(admin);
        var session = e.GetProperty("sessions")[1];
        var uid = await UidOfAsync(session.GetProperty("id").GetInt32());

        var cancelled = await (await admin.PostAsJsonAsync($"/api/v1/sessions/{session.GetProperty("id").GetInt32()}/cancel", new { reason = "Тест" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(1, cancelled.GetProperty("sequence").GetInt32());
        Assert.DoesNotContain(uid, await app.Anonymous().GetStringAsync("/api/v1/calendar.ics"));
    }

    private async Task<string> UidOfAsync(int sessionId)
    {
        var ics = await app.Anonymous().GetStringAsync($"/api/v1/sessions/{sessionId}/calendar.ics");
        return ics.Split("\r\n").Single(l => l.StartsWith("UID:"))[4..];
    }

    [Fact]
    public async Task SessionCalendar_ValidPublishWithZoneStableUidNoJoinLink()
    {
        var e = await CreatePublishedAsync(await app.SignedInAsync());
        var sessionId = e.GetProperty("sessions")[0].GetProperty("id").GetInt32();

        var response = await app.Anonymous("ky").GetAsync($"/api/v1/sessions/{sessionId}/calendar.ics");
        var ics = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal("PUBLISH", calendar.Method);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal("America/New_York", vevent.DtStart!.TzId);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/New_York");
        Assert.Contains("Онлайн-Мекендеш 🇰🇬 ң ө ү", vevent.Summary);
        Assert.DoesNotContain("secret", ics);
        Assert.DoesNotContain("<script", ics);
        Assert.Equal(await UidOfAsync(sessionId), vevent.Uid);
    }

    [Fact]
    public async Task Feed_FiltersByOrganizationAndKind()
    {
        var admin = await app.SignedInAsync();
        var e = await CreatePublishedAsync(admin);
        var org = e.GetProperty("organizationId").GetInt32();

        var mine = await app.Anonymous().GetStringAsync($"/api/v1/calendar.ics?organizationId={org}&kind=OnlineMekendesh");
        var other = await app.Anonymous().GetStringAsync($"/api/v1/calendar.ics?kind=Webinar");

        Assert.Contains("BEGIN:VEVENT", mine);
        Assert.DoesNotContain("Онлайн-Мекендеш 🇰🇬", other);
        Assert.NotNull(Ical.Net.Calendar.Load(mine));
    }

    [Fact]
    public async Task Create_OrganizerOfAnotherOrganization_403_OwnOrganization_201()
    {
        var admin = await app.SignedInAsync();
        var own = await OrgIdAsync("Moscow");
        (await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "moscow@events.test", fullName = "Moscow", password = "Moscow-2026", roles = new[] { "Organizer" }, organizationIds = new[] { own },
        })).EnsureSuccessStatusCode();
        var organizer = await app.SignedInAsync("moscow@events.test", "Moscow-2026");

        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.PostAsJsonAsync("/api/v1/events", Edition(await OrgIdAsync()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await organizer.PostAsJsonAsync("/api/v1/events", Edition(own))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/v1/events", Edition(own))).StatusCode);
    }

    [Fact]
    public async Task Create_BadInput_400PerFieldNothingStored()
    {
        var admin = await app.SignedInAsync(language: "en");
        var before = (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/events")).GetArrayLength();
        var response = await admin.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = await OrgIdAsync(), kind = "Webinar", title = "",
            sessions = new object[] { new { start = "2027-05-01T10:00", timeZone = "Asia/Bishkek", durationMinutes = 60, capacity = -1 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.Equal(before, (await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/events")).GetArrayLength());
    }

    [Fact]
    public async Task Series_EveryTwoMonths_SixDraftEditions()
    {
        var admin = await app.SignedInAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/series", new
        {
            rule = "FREQ=MONTHLY;INTERVAL=2;COUNT=6",
            template = new
            {
                organizationId = await OrgIdAsync(), kind = "OnlineMekendesh", title = "Катар",
                sessions = new object[] { new { start = "2027-01-10T19:00", timeZone = "Europe/Berlin", durationMinutes = 90, mode = "Online" } },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var series = await response.Content.ReadFromJsonAsync<JsonElement>();
        var editions = series.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(6, editions.Count);
        Assert.All(editions, e => Assert.Equal("Draft", e.GetProperty("status").GetString()));
        Assert.All(editions, e => Assert.EndsWith("T19:00:00", e.GetProperty("sessions")[0].GetProperty("start").GetString()));
        Assert.Equal(["2027-01-10T18:00:00Z", "2027-05-10T17:00:00Z"],
            new[] { editions[0], editions[2] }.Select(e => e.GetProperty("sessions")[0].GetProperty("startUtc").GetString()));
    }

    [Fact]
    public async Task Planner_HandComputedCase()
    {
        var admin = await app.SignedInAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/planner/time-zone-options", new
        {
            date = "2027-01-15", durationMinutes = 60, audience = new Dictionary<string, double> { ["KR"] = 1, ["US"] = 1 },
        });
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["2027-01-15T11:00:00Z", "2027-01-15T23:45:00Z"], result.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("startUtc").GetString()));
        Assert.Equal(1.0, result.GetProperty("coverage").GetDouble());
        var kr = result.GetProperty("perCountry").EnumerateArray().Single(c => c.GetProperty("countryCode").GetString() == "KR");
        Assert.Equal("Asia/Seoul", kr.GetProperty("timeZone").GetString());
        Assert.True(kr.GetProperty("covered").GetBoolean());
    }

    [Fact]
    public async Task Plan_PutTargets_AdministratorOnly()
    {
        var admin = await app.SignedInAsync();
        var embassy = await OrgIdAsync("Moscow");
        var response = await admin.PutAsJsonAsync("/api/v1/plan/2031/targets", new object[]
        {
            new { kind = "OnlineMekendesh", organizationId = (int?)null, target = 6 },
            new { kind = "EmbassyMeeting", organizationId = (int?)embassy, target = 1 },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plan/2031");
        Assert.Equal(2, report.GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PutAsJsonAsync("/api/v1/plan/2031/targets", Array.Empty<object>())).StatusCode);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
