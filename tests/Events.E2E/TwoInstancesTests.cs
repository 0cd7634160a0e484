using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Events.E2E;

/// <summary>
/// Two app processes on one SQLite database, as when the app is scaled out: capacity and the outbox are
/// enforced by the database, so neither overbooks nor sends a message twice.
/// </summary>
public class TwoInstancesTests
{
    [Fact]
    public async Task TwoInstances_200RegistrationsFor50Seats_NoOverbooking_EachMessageSentOnce()
    {
        await using var smtp = new SmtpSink();
        var settings = new Dictionary<string, string>
        {
            ["RateLimiting__Registrations__PermitPerMinute"] = "0",
            ["Email__Delivery"] = "Smtp", ["Email__Smtp__Host"] = "127.0.0.1", ["Email__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
        };
        await using var a = await AppProcess.StartAsync(settings);
        await using var b = await AppProcess.StartAsync(settings, sharedFolder: a.Folder);
        using var httpA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
        using var httpB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        HttpClient Instance(int i) => i % 2 == 0 ? httpA : httpB;

        using var admin = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        var login = await (await admin.PostAsJsonAsync("/api/v1/identity/login", new { email = AppProcess.AdminEmail, password = AppProcess.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var orgs = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var created = await (await admin.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = orgs[0].GetProperty("id").GetInt32(), kind = "Webinar", title = "Two instances", publish = true,
            sessions = new object[] { new { start = "2027-06-01T18:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online", joinUrl = "https://zoom.us/j/9", capacity = 50 } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var eventId = created.GetProperty("id").GetInt32();
        (await admin.PostAsync($"/api/v1/events/{eventId}/publish", null)).EnsureSuccessStatusCode();
        var sessionId = created.GetProperty("sessions")[0].GetProperty("id").GetInt32();

        var results = new ConcurrentDictionary<int, (string Status, string Token)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var response = await Instance(i).PostAsJsonAsync($"/api/v1/sessions/{sessionId}/registrations", new
            {
                fullName = $"Person {i}", email = $"p{i}@example.kg", countryCode = "KG", language = "en", consent = true,
            }, ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            results[i] = (body.GetProperty("status").GetString()!, body.GetProperty("manageToken").GetString()!);
        });
        Assert.Equal(50, results.Values.Count(r => r.Status == "Confirmed"));
        Assert.Equal(150, results.Values.Count(r => r.Status == "Waitlisted"));

        // Five confirmed people cancel, through both instances at once: five waiting people are promoted, never more.
        var cancelling = results.Where(r => r.Value.Status == "Confirmed").Take(5).ToList();
        await Task.WhenAll(cancelling.Select(r => Instance(r.Key + 1).PostAsync($"/api/v1/registrations/{r.Value.Token}/cancel", null)));
        var session = await httpA.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}");
        Assert.Equal((50, 145), (session.GetProperty("confirmed").GetInt32(), session.GetProperty("waitlisted").GetInt32()));

        // Both dispatchers send from the one outbox to one SMTP server:
        // 50 invitations + 150 waitlist notices + 5 cancellations + 5 promotions' invitations, each once.
        const int expected = 210;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && smtp.Messages.Count < expected) await Task.Delay(250);
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for a duplicate to show up, if there were one
        var received = smtp.Messages.ToList();
        Assert.Equal(expected, received.Count);
        var invitations = received.Where(t => t.Contains("method=REQUEST", StringComparison.OrdinalIgnoreCase))
            .Select(t => System.Text.RegularExpressions.Regex.Match(t, @"^To: .*<?(p\d+@example\.kg)>?", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value)
            .ToList();
        Assert.Equal(55, invitations.Count);
        Assert.Equal(55, invitations.Distinct().Count()); // nobody got the same invitation twice
        Assert.DoesNotContain("", invitations);
    }
}
