using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Events.E2E.Contests;

public class TmpScreenshots
{
    [Fact]
    public async Task Shots()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["Seed__Demo"] = "true", ["Seed__DemoPassword"] = "Demo-2026!" });
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var contests = await http.GetFromJsonAsync<JsonElement>("/api/v1/contests");
        var contestId = contests[0].GetProperty("id").GetInt32();
        Directory.CreateDirectory("/tmp/shots");
        async Task Shot(IPage page, string path, string name, bool interactive = false)
        {
            await page.GotoAsync(path);
            if (interactive) await BrowserFixture.WaitForInteractiveAsync(page);
            await page.WaitForTimeoutAsync(700);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{name}.png", FullPage = true });
        }
        foreach (var (width, lang) in new[] { (390, "ky"), (1280, "ru") })
        {
            var ctx = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = width, Height = 844 } });
            await ctx.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={lang}|uic={lang}", Url = app.BaseUrl }]);
            var page = await ctx.NewPageAsync();
            await Shot(page, "/contests", $"{width}-{lang}-contests");
            await Shot(page, $"/contests/{contestId}", $"{width}-{lang}-contest");
            await Shot(page, "/", $"{width}-{lang}-home");
            // a new open contest for the form
            await page.GotoAsync("/account/login");
            await page.FillAsync("#email", "organizer@demo.events.kg");
            await page.FillAsync("#password", "Demo-2026!");
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForURLAsync(u => !u.Contains("login"));
            await Shot(page, "/organizer/contests", $"{width}-{lang}-org-contests", true);
            await Shot(page, $"/organizer/contests/{contestId}", $"{width}-{lang}-org-contest", true);
            foreach (var (tab, i) in new[] { "entries", "jury", "rounds", "awards" }.Select((t, i) => (t, i)))
            {
                await page.Locator(".mud-tab").Nth(i + 1).ClickAsync();
                await page.WaitForTimeoutAsync(800);
                await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{width}-{lang}-org-tab-{tab}.png", FullPage = true });
            }
            await page.Locator(".mud-tab").Nth(3).ClickAsync();
            var href = await page.Locator("[data-testid=round-results]").First.GetAttributeAsync("href");
            await Shot(page, href!, $"{width}-{lang}-org-results", true);
            await Shot(page, "/organizer/contests/new", $"{width}-{lang}-org-new", true);
            await ctx.CloseAsync();
            ctx = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = width, Height = 844 } });
            await ctx.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={lang}|uic={lang}", Url = app.BaseUrl }]);
            page = await ctx.NewPageAsync();
            await page.GotoAsync("/account/login");
            await page.FillAsync("#email", "juror3@demo.events.kg");
            await page.FillAsync("#password", "Demo-2026!");
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForURLAsync("**/jury");
            await BrowserFixture.WaitForInteractiveAsync(page);
            await page.WaitForTimeoutAsync(700);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{width}-{lang}-jury.png", FullPage = true });
            await page.ClickAsync("[data-testid=jury-continue]");
            await page.Locator("[data-testid=sheet-form]").WaitForAsync();
            await page.WaitForTimeoutAsync(700);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/{width}-{lang}-sheet.png", FullPage = true });
            await ctx.CloseAsync();
        }
    }
}
