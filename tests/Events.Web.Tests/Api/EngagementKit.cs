using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Events.Web.Tests.Infrastructure;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Events for the engagement tests, over HTTP only. The server runs on real time: a meeting whose one session started
/// 30 minutes ago (60 minutes long, still open for registration) is "after" for the survey; one whose session is tomorrow is
/// "before". Titles are unique per call (tests of a class share one database).
/// </summary>
internal sealed partial class EngagementKit(EventsWebFactory app)
{
    public const string Zone = "Asia/Bishkek";
    private static readonly TimeZoneInfo Bishkek = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    public ContestKit Users { get; } = new(app);

    public sealed record EventData(int Id, int SessionId, string Title);

    /// <summary>A published webinar of the organization with one session starting <paramref name="startsInMinutes"/> from now (negative: started).</summary>
    public static async Task<EventData> EventAsync(HttpClient organizer, int organizationId, int startsInMinutes = -30, bool publish = true)
    {
        var now = DateTime.UtcNow;
        var startUtc = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(startsInMinutes);
        var local = TimeZoneInfo.ConvertTimeFromUtc(startUtc, Bishkek);
        var title = $"Вебинар {Guid.NewGuid():N}"[..20];
        var created = await JsonAsync(await organizer.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId, kind = "Webinar", title, publish,
            sessions = new[] { new { start = local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), timeZone = Zone, durationMinutes = 60,
                mode = "Online", joinUrl = "https://zoom.us/j/555" } },
        }), HttpStatusCode.Created);
        return new EventData(created.GetProperty("id").GetInt32(), created.GetProperty("sessions")[0].GetProperty("id").GetInt32(), title);
    }

    /// <summary>Registers a person (confirmed: the session has no capacity) and returns the manage token.</summary>
    public async Task<(int Id, string Token, string Email)> RegisterAsync(int sessionId, string language = "en")
    {
        var email = $"person-{Guid.NewGuid():N}@example.kg";
        var r = await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/sessions/{sessionId}/registrations",
            new { fullName = "Айгүл Асанова", email, countryCode = "RU", language, consent = true }), HttpStatusCode.Created);
        Assert.Equal("Confirmed", r.GetProperty("status").GetString());
        return (r.GetProperty("id").GetInt32(), r.GetProperty("manageToken").GetString()!, email);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Posts a static form of a page as a browser would: the page first (cookie and antiforgery token), then the form's fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no antiforgery token on " + path);
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }
}
