using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Programs over HTTP only. The server runs on real time, so a program has a session that started 30 minutes ago (60 minutes
/// long, in Bishkek) and one tomorrow. Its people are those of the sample Zoom report <see cref="Report"/> writes around the
/// running session: Aigul (present by name), Bakyt (partial by email), Azamat (two namesakes in the report: ambiguous) and Nobody.
/// </summary>
internal sealed class TrainingKit(EventsWebFactory app)
{
    public const string Zone = "Asia/Bishkek";
    private static readonly TimeZoneInfo Bishkek = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    public ContestKit Users { get; } = new(app);

    public sealed record ProgramData(int EventId, int RunningSessionId, int TomorrowSessionId, DateTime RunningStartLocal, ContestKit.Person Organizer,
        ContestKit.Person Trainer, string Unique, Dictionary<string, (int Id, string ManageToken, string Email)> People);

    public static string Wall(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A published training of the organization (the "Labor" one unless told), with its trainer assigned and the four people enrolled.</summary>
    public async Task<ProgramData> ProgramAsync(string organization = "Labor", string language = "en")
    {
        var org = await Users.OrganizationAsync(organization);
        var organizer = await Users.OrganizerAsync(org, language);
        var trainer = await Users.UserAsync("Trainer", language: language);
        var now = DateTime.UtcNow;
        var runningUtc = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(-30);
        var running = TimeZoneInfo.ConvertTimeFromUtc(runningUtc, Bishkek);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var created = await JsonAsync(await organizer.Client.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = org, kind = "Training", title = $"Excel basics {unique}", publish = true,
            sessions = new object[]
            {
                new { start = Wall(running), timeZone = Zone, durationMinutes = 60, mode = "Hybrid", joinUrl = "https://zoom.us/j/555", venue = "Элчиликтин залы" },
                new { start = Wall(running.AddDays(1)), timeZone = Zone, durationMinutes = 60, mode = "Online", joinUrl = "https://zoom.us/j/555" },
            },
        }), HttpStatusCode.Created);
        var eventId = created.GetProperty("id").GetInt32();
        var sessions = created.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ToArray();
        await JsonAsync(await organizer.Client.PostAsJsonAsync($"/api/v1/events/{eventId}/trainers", new { userId = trainer.Id }), HttpStatusCode.Created);
        var people = new Dictionary<string, (int, string, string)>();
        foreach (var (key, name, email) in new[]
                 {
                     ("aigul", "Айгүл Асанова", $"aigul.{unique}@events.kg"), ("bakyt", "Bakyt Osmonov", $"Bakyt.{unique}@Example.kg"),
                     ("azamat", "Азамат Токтогулов", $"azamat.{unique}@events.kg"), ("nobody", "Nobody Here", $"nobody.{unique}@events.kg"),
                 })
        {
            var r = await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/sessions/{sessions[1]}/registrations",
                new { fullName = name, email, countryCode = "TR", language = "en", consent = true }), HttpStatusCode.Created);
            Assert.Equal("Confirmed", r.GetProperty("status").GetString());
            people[key] = (r.GetProperty("id").GetInt32(), r.GetProperty("manageToken").GetString()!, email);
        }
        return new ProgramData(eventId, sessions[0], sessions[1], running, organizer, trainer, unique, people);
    }

    /// <summary>
    /// A Zoom "meeting participants" report of the running session, times in Bishkek: Aigul by name 5 minutes before the start to
    /// the end (60 → present), Bakyt by email the first 30 minutes (partial), a guest nobody knows, and two Azamats with other emails.
    /// </summary>
    public static byte[] Report(ProgramData p)
    {
        static string T(DateTime t) => t.ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);
        var s = p.RunningStartLocal;
        var text = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n" +
                   $"Айгүл Асанова (Aigul),,{T(s.AddMinutes(-5))},{T(s.AddMinutes(60))},65,Yes\r\n" +
                   $"Bakyt Osmonov,{p.People["bakyt"].Email.ToUpperInvariant()},{T(s)},{T(s.AddMinutes(30))},30,No\r\n" +
                   $"iPhone of Guest,,{T(s)},{T(s.AddMinutes(10))},10,Yes\r\n" +
                   $"Азамат Токтогулов,azamat1.{p.Unique}@gmail.com,{T(s)},{T(s.AddMinutes(60))},60,No\r\n" +
                   $"Азамат Токтогулов,azamat2.{p.Unique}@mail.ru,{T(s)},{T(s.AddMinutes(60))},60,No\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    /// <summary>A report with an unreadable time on line 3.</summary>
    public static byte[] BadReport() => Encoding.UTF8.GetBytes(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n" +
        "Bakyt Osmonov,bakyt@example.kg,12/01/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,No\n" +
        "Айгүл Асанова,,13/45/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,Yes\n");

    public static MultipartFormDataContent FileForm(byte[] bytes, string fileName = "participants.csv")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, int sessionId, byte[] report, bool preview) =>
        client.PostAsync($"/api/v1/sessions/{sessionId}/attendance/import" + (preview ? "?preview=true" : ""), FileForm(report));

    public static Task<HttpResponseMessage> MarkAsync(HttpClient client, int sessionId, int registrationId, string status, string? remark = null) =>
        client.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance/{registrationId}", new { status, remark });

    public static async Task<Dictionary<int, JsonElement>> RosterAsync(HttpClient client, int sessionId) =>
        (await JsonAsync(await client.GetAsync($"/api/v1/sessions/{sessionId}/attendance"), HttpStatusCode.OK)).EnumerateArray()
        .ToDictionary(r => r.GetProperty("registrationId").GetInt32());
}
