using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Events.E2E.Accessibility;

/// <summary>
/// axe-core on every public page and the main back-office pages, in Kyrgyz, on a phone and on a desktop:
/// no serious or critical violation. The failure message lists each rule with the elements it found.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AxeTests(BrowserFixture browser)
{
    private sealed record Arranged(int EventId, int SessionId, string ManageToken);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Arranged> ByApp = [];

    /// <summary>One event with a question and one registration, made once per app process.</summary>
    private async Task<Arranged> ArrangeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (ByApp.TryGetValue(browser.App.BaseUrl, out var done)) return done;
            using var api = await AdminApi.SignInAsync(browser.App);
            var (eventId, sessionId) = await api.PublishAsync(new
            {
                organizationId = await api.FirstOrganizationAsync(), kind = "EmbassyMeeting", title = "Инвестициялык долбоорлор боюнча жолугушуу",
                description = "Элчиликте **бетме-бет** жолугушуу.",
                sessions = new object[]
                {
                    new { start = "2027-09-20T18:00", timeZone = "Europe/Istanbul", durationMinutes = 120, mode = "Hybrid", joinUrl = "https://meet.example/a",
                          venue = "Элчилик", address = "Ankara", capacity = 40 },
                },
                questions = new object[] { new { kind = "YesNo", prompt = "Котормо керекпи?", required = false } },
            });
            var token = await api.RegisterAsync(sessionId, $"axe.{Guid.NewGuid():N}@example.kg", "Асел Бекова");
            return ByApp[browser.App.BaseUrl] = new Arranged(eventId, sessionId, token);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static TheoryData<string, int> PublicPages => Pages(["/", "/events", "/events/{event}", "/r/{token}", "/account/login", "/not-a-page", "/contests",
        "/account/set-password?email=someone%40example.kg&code=x", "/checkin/{session}?code=ABCD2345", "/certificates/ABCDEFGH2345", "/r/{token}/survey"]);

    public static TheoryData<string, int> BackOfficePages => Pages(["/my/events", "/admin", "/admin/organizations", "/admin/users", "/admin/outbox",
        "/admin/mailbox", "/admin/organizations/new", "/admin/users/new", "/organizer", "/organizer/plan", "/organizer/events/{event}", "/organizer/sessions/{session}",
        "/organizer/events/new?kind=OnlineMekendesh", "/organizer/contests", "/organizer/contests/new", "/jury", "/organizer/questions", "/trainer",
        "/trainer/events/{event}", "/trainer/sessions/{session}", "/trainer/sessions/{session}/check-in", "/analytics"]);

    private static TheoryData<string, int> Pages(string[] paths)
    {
        var data = new TheoryData<string, int>();
        foreach (var path in paths)
        foreach (var width in new[] { 390, 1280 })
            data.Add(path, width);
        return data;
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_InKyrgyz_NoSeriousOrCriticalViolations(string path, int width)
    {
        var arranged = await ArrangeAsync();
        var page = await browser.NewPageAsync(width, 844);
        await page.GotoAsync(Resolve(path, arranged));
        Assert.Equal("ky", await page.Locator("html").GetAttributeAsync("lang"));
        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(BackOfficePages))]
    public async Task BackOfficePage_InKyrgyz_NoSeriousOrCriticalViolations(string path, int width)
    {
        var arranged = await ArrangeAsync();
        var page = await browser.NewPageAsync(width, 844);
        await BrowserFixture.SignInAsync(page);
        await page.GotoAsync(Resolve(path, arranged));
        if (!path.StartsWith("/my/", StringComparison.Ordinal)) await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(300); // grids fill after the first interactive render
        Assert.Equal("ky", await page.Locator("html").GetAttributeAsync("lang"));
        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    private static string Resolve(string path, Arranged a) => path
        .Replace("{event}", a.EventId.ToString()).Replace("{session}", a.SessionId.ToString()).Replace("{token}", a.ManageToken);
}

public static class Axe
{
    /// <summary>One main landmark, and no serious or critical axe-core violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        Assert.Equal(1, await page.Locator("main").CountAsync());
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target} {n.Html} {string.Join("; ", n.Any.Concat(n.All).Select(c => c.Message))}")))));
    }
}
