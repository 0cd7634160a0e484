using System.Net.Http.Json;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Api;

/// <summary>Its own database: the planner's default weights are everyone registered so far.</summary>
public class PlannerAudienceTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    [Fact]
    public async Task Planner_WithoutAudience_WeighsRegisteredPeople_EachAddressOnce()
    {
        var admin = await app.SignedInAsync();
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var org = orgs[0].GetProperty("id").GetInt32();
        async Task<int> SessionAsync(string title)
        {
            var e = await (await admin.PostAsJsonAsync("/api/v1/events", new
            {
                organizationId = org, kind = "Webinar", title,
                sessions = new object[] { new { start = "2027-02-01T18:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online", joinUrl = "https://zoom.us/j/1" } },
            })).Content.ReadFromJsonAsync<JsonElement>();
            (await admin.PostAsync($"/api/v1/events/{e.GetProperty("id").GetInt32()}/publish", null)).EnsureSuccessStatusCode();
            return e.GetProperty("sessions")[0].GetProperty("id").GetInt32();
        }
        var (first, second) = (await SessionAsync("A"), await SessionAsync("B"));
        var client = app.Anonymous();
        foreach (var (session, email, country) in new[]
                 {
                     (first, "kr1@example.kg", "KR"), (first, "kr2@example.kg", "KR"), (second, "KR1@example.kg", "KR"), // the same person twice
                     (first, "us1@example.kg", "US"), (second, "kr3@example.kg", "KR"),
                 })
        {
            (await client.PostAsJsonAsync($"/api/v1/sessions/{session}/registrations", new { fullName = "X", email, countryCode = country, consent = true }))
                .EnsureSuccessStatusCode();
        }

        var result = await (await admin.PostAsJsonAsync("/api/v1/planner/time-zone-options", new { date = "2027-01-15", durationMinutes = 60 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var weights = result.GetProperty("perCountry").EnumerateArray()
            .ToDictionary(c => c.GetProperty("countryCode").GetString()!, c => c.GetProperty("weight").GetDouble());
        Assert.Equal(["KR", "US"], weights.Keys.Order());
        Assert.Equal(3.0, weights["KR"] / weights["US"], 6);
    }
}
