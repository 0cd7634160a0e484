using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Api;

/// <summary>GET /api/v1/indicators over HTTP: the contract's shape (camelCase, enum strings, keys as written), who may read it, the export.</summary>
public class IndicatorApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private readonly ContestKit _kit = new(app);

    [Fact]
    public async Task Indicators_ShapeOfTheContract_ForAnAnalyst()
    {
        var analyst = await _kit.UserAsync("Analyst");
        var response = await analyst.Client.GetAsync("/api/v1/indicators?year=2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var d = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2026, d.GetProperty("year").GetInt32());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("organizationId").ValueKind);
        var activities = d.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(9, activities.Count);
        var om = activities.Single(a => a.GetProperty("kind").GetString() == "OnlineMekendesh");
        foreach (var field in new[] { "target", "meetingsHeld", "sessionsHeld", "registered", "participants", "uniqueParticipants", "reposts", "views", "percentOfTarget" })
            Assert.True(om.TryGetProperty(field, out _), field);
        foreach (var field in new[] { "meetingsHeld", "sessionsHeld", "registered", "participants", "uniqueParticipants", "reposts", "views", "entries", "grantsAwarded",
                     "grantsAmount", "startupsDeveloped", "trainingSessionsOnline", "trainingSessionsOffline", "trainees", "webinars", "exhibitions", "forumsWithInvestmentTopic" })
            Assert.True(d.GetProperty("totals").TryGetProperty(field, out _), field);
        foreach (var field in new[] { "received", "answered", "responseRate", "medianHoursToAnswer", "p90HoursToAnswer" })
            Assert.True(d.GetProperty("questions").TryGetProperty(field, out _), field);
        Assert.True(d.GetProperty("survey").TryGetProperty("Baseline", out var baseline));
        Assert.True(d.GetProperty("survey").TryGetProperty("FollowUp", out _));
        Assert.True(baseline.TryGetProperty("satisfiedAverage", out _));
        var by = d.GetProperty("participantsBy");
        Assert.Equal(["Female", "Male", "Other", "Undisclosed"], by.GetProperty("gender").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["Under30", "From30To45", "Over45", "Unknown"], by.GetProperty("ageGroup").EnumerateObject().Select(p => p.Name));
        Assert.Contains("Osh", by.GetProperty("homeRegion").EnumerateObject().Select(p => p.Name));
        Assert.True(d.TryGetProperty("entriesByContestKind", out _));
    }

    [Fact]
    public async Task Indicators_Anonymous401_Participant403_OrganizerOfAnotherOrganization403_TheirOwn200()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous("en").GetAsync("/api/v1/indicators?year=2026")).StatusCode);
        var participant = await _kit.UserAsync("Participant");
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.Client.GetAsync("/api/v1/indicators?year=2026")).StatusCode);
        var labor = await _kit.OrganizationAsync("Labor");
        var foreign = await _kit.OrganizationAsync("Foreign");
        var organizer = await _kit.OrganizerAsync(labor);
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.Client.GetAsync($"/api/v1/indicators?year=2026&organizationId={foreign}")).StatusCode);
        var own = await organizer.Client.GetAsync($"/api/v1/indicators?year=2026&organizationId={labor}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(labor, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organizationId").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.Client.GetAsync($"/api/v1/indicators/export?year=2026&organizationId={foreign}&format=csv")).StatusCode);
    }

    [Fact]
    public async Task Export_CsvAndXlsx_OneRowPerFigure_InTheReadersLanguage()
    {
        var analyst = await _kit.UserAsync("Analyst", language: "ru");
        var csv = await analyst.Client.GetAsync("/api/v1/indicators/export?year=2026&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("Проведено мероприятий", text);
        Assert.Contains("Участники: пол", text);
        var xlsx = await analyst.Client.GetAsync("/api/v1/indicators/export?year=2026&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip
    }
}
