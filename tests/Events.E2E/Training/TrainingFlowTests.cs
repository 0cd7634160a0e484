using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.E2E.Accessibility;
using Microsoft.Playwright;

namespace Events.E2E.Training;

/// <summary>
/// A course as its trainer runs it on a phone (390 px): the roster of a held session marked with "mark all present", a Zoom
/// report imported into the running session (preview, then apply), completion updated, certificates issued, and a participant
/// opening the certificate link. axe-core checks each of these pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public class TrainingFlowTests(BrowserFixture browser)
{
    private const string TrainerPassword = "Trainer-E2E-2026";
    private const string Zone = "Asia/Bishkek";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task SnackbarsGoneAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelectorAll('.mud-snackbar').length === 0", null, new() { Timeout = 15_000 });

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(Zone));

    private static string WallClock(DateTime utc) => Local(utc).ToString("yyyy-MM-dd'T'HH:mm:00", CultureInfo.InvariantCulture);

    private static bool NoOverflow(IPage page) => page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth").GetAwaiter().GetResult();

    [Fact]
    public async Task Trainer_MarksRoster_ImportsZoomReport_CompletionAndCertificate_At390()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using var api = await AdminApi.SignInAsync(browser.App);
        // Two sessions: one held three hours ago, one running for the last 30 minutes (whole minutes, as the editor takes them).
        var now = DateTime.UtcNow;
        var heldStart = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddHours(-3);
        var runningStart = heldStart.AddMinutes(150);
        var (eventId, firstSession) = await api.PublishAsync(new
        {
            organizationId = await api.FirstOrganizationAsync(), kind = "Course", title = $"Краудфандинг негиздери {suffix}",
            sessions = new object[]
            {
                new { label = "1-модуль", start = WallClock(heldStart), timeZone = Zone, durationMinutes = 60, mode = "Offline", venue = "Бишкек" },
                new { label = "2-модуль", start = WallClock(runningStart), timeZone = Zone, durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/1" },
            },
        });
        var ev = await JsonAsync(await api.Http.GetAsync($"/api/v1/events/{eventId}"));
        var runningSession = ev.GetProperty("sessions")[1].GetProperty("id").GetInt32();

        // Three people enrol through the first session; each holds the whole course.
        var people = new[] { ("Айгүл Асанова", $"aigul.{suffix}@example.kg"), ("Бакыт Осмонов", $"bakyt.{suffix}@example.kg"), ("Нурлан Токтогулов", $"nurlan.{suffix}@example.kg") };
        var tokens = new List<string>();
        foreach (var (name, email) in people) tokens.Add(await api.RegisterAsync(firstSession, email, name));

        var trainerEmail = $"trainer.{suffix}@e2e.test";
        var trainer = await JsonAsync(await api.Http.PostAsJsonAsync("/api/v1/users", new
        {
            email = trainerEmail, fullName = "Бермет Тренер", password = TrainerPassword, roles = new[] { "Trainer" }, organizationIds = Array.Empty<int>(),
        }));
        await JsonAsync(await api.Http.PostAsJsonAsync($"/api/v1/events/{eventId}/trainers", new { userId = trainer.GetProperty("id").GetString() }));

        // 1. The trainer on a phone: their events, then the course.
        var page = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, trainerEmail, TrainerPassword, "**/trainer");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=trainer-event]").First.WaitForAsync();
        Assert.Equal(1, await page.Locator("[data-testid=trainer-event]").CountAsync()); // only the event they train
        await Axe.AssertAccessibleAsync(page);
        await page.ClickAsync($"a[href='/trainer/events/{eventId}']");
        await page.Locator("[data-testid=program-session]").First.WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-testid=program-session]").CountAsync());
        Assert.True(NoOverflow(page), "the trainer's event page overflows at 390 px");
        await Axe.AssertAccessibleAsync(page);

        // 2. The held session's roster: everyone present with one tap, one of them changed to Late by hand.
        await page.Locator("[data-testid=program-roster-link]").First.ClickAsync();
        await page.WaitForURLAsync($"**/trainer/sessions/{firstSession}");
        await page.Locator("[data-testid=roster-row]").First.WaitForAsync();
        Assert.Equal(3, await page.Locator("[data-testid=roster-row]").CountAsync());
        await page.ClickAsync("[data-testid=roster-all-present]");
        await page.Locator("[data-testid=roster-counts]", new() { HasText = "Катышты: 3" }).WaitForAsync();
        var nurlan = page.Locator("[data-testid=roster-row]", new() { HasText = "Нурлан" });
        await nurlan.GetByRole(AriaRole.Checkbox, new() { Name = "Кечикти" }).ClickAsync();
        await page.Locator("[data-testid=roster-counts]", new() { HasText = "Кечикти: 1" }).WaitForAsync();
        Assert.True(NoOverflow(page), "the roster overflows at 390 px");
        await SnackbarsGoneAsync(page);
        await Axe.AssertAccessibleAsync(page);

        // 3. The running session: a Zoom report with Aigul twice (a rejoin), Bakyt for 20 minutes, a guest without email; Nurlan absent.
        await page.GotoAsync($"/trainer/sessions/{runningSession}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=import-panel]").WaitForAsync();
        string T(DateTime utc) => Local(utc).ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);
        var csv = "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n" +
                  $"812 3456 7890,\"Краудфандинг, 2-модуль\",{T(runningStart)},{T(runningStart.AddMinutes(30))},host@example.kg,30,4\r\n\r\n" +
                  "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n" +
                  $"Айгүл Асанова,{people[0].Item2},{T(runningStart.AddMinutes(-2))},{T(runningStart.AddMinutes(40))},42,No,Y\r\n" +
                  $"Айгүл Асанова,{people[0].Item2},{T(runningStart.AddMinutes(38))},{T(runningStart.AddMinutes(90))},52,No,Y\r\n" +
                  $"Bakyt (Бакыт Осмонов),{people[1].Item2.ToUpperInvariant()},{T(runningStart.AddMinutes(10))},{T(runningStart.AddMinutes(30))},20,No,Y\r\n" +
                  $"iPhone,,{T(runningStart)},{T(runningStart.AddMinutes(15))},15,Yes,\r\n";
        await page.SetInputFilesAsync("[data-testid=import-file]", new FilePayload { Name = "participants.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var preview = page.Locator("[data-testid=import-preview]");
        await preview.WaitForAsync();
        var text = await preview.InnerTextAsync();
        Assert.Contains("Zoom", text);
        Assert.Contains("iPhone", text); // unmatched, listed for the trainer
        // Nothing is stored by the preview.
        var before = await JsonAsync(await api.Http.GetAsync($"/api/v1/sessions/{runningSession}/attendance"));
        Assert.All(before.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("status").ValueKind));
        await page.ClickAsync("[data-testid=import-apply]");
        await page.Locator("[data-testid=roster-counts]", new() { HasText = "Катышты: 1" }).WaitForAsync();
        await page.Locator("[data-testid=roster-counts]", new() { HasText = "Кечикти: 1" }).WaitForAsync();
        await page.Locator("[data-testid=roster-counts]", new() { HasText = "Катышкан жок: 1" }).WaitForAsync();
        var after = (await JsonAsync(await api.Http.GetAsync($"/api/v1/sessions/{runningSession}/attendance"))).EnumerateArray()
            .ToDictionary(r => r.GetProperty("email").GetString()!, r => (Status: r.GetProperty("status").GetString(), Minutes: r.GetProperty("minutesAttended").GetInt32()));
        Assert.Equal(("Present", 90), after[people[0].Item2]);
        Assert.Equal(("Late", 20), after[people[1].Item2]);
        Assert.Equal(("Absent", 0), after[people[2].Item2]);
        await SnackbarsGoneAsync(page);
        await Axe.AssertAccessibleAsync(page);

        // 4. Completion updated: Aigul and Bakyt attended both sessions (Late counts), Nurlan one of two. Certificates to the two.
        await page.GotoAsync($"/trainer/events/{eventId}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=program-completed]", new() { HasText = "2 / 3" }).WaitForAsync();
        await page.ClickAsync("[data-testid=certificates-issue]");
        await page.Locator("[data-testid=certificate-link]").Nth(1).WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-testid=certificate-link]").CountAsync());
        await SnackbarsGoneAsync(page);
        await Axe.AssertAccessibleAsync(page);

        // 5. Aigul opens her manage page: the program with her attendance and the certificate; then the certificate link.
        var participant = await browser.NewPageAsync(390, 844);
        await participant.GotoAsync($"/r/{tokens[0]}");
        await participant.Locator("[data-testid=manage-program]").WaitForAsync();
        Assert.Equal(2, await participant.Locator("[data-testid=manage-program-session]").CountAsync());
        Assert.Equal(2, await participant.Locator("[data-testid=manage-attendance]").CountAsync());
        await Axe.AssertAccessibleAsync(participant);
        await participant.ClickAsync("[data-testid=manage-certificate] a[href^='/certificates/']");
        await participant.Locator("[data-testid=certificate-valid]").WaitForAsync();
        Assert.Equal("Айгүл Асанова", (await participant.InnerTextAsync("[data-testid=certificate-name]")).Trim());
        Assert.True(NoOverflow(participant), "the certificate page overflows at 390 px");
        await Axe.AssertAccessibleAsync(participant);
        var pdf = await participant.APIRequest.GetAsync(participant.Url.Replace("/certificates/", "/api/v1/certificates/") + "/pdf");
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await participant.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
