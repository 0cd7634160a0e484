using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Events.E2E.Training;

[Collection(BrowserCollection.Name)]
public class ScreenshotsTmp(BrowserFixture browser)
{
    private readonly BrowserFixture _unused = browser;
    [Fact]
    public async Task Shots()
    {
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["Seed__Demo"] = "true", ["Seed__DemoPassword"] = "Demo-Shots-2026" });
        using var pw = await Playwright.CreateAsync();
        await using var chromium = await pw.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true });
        foreach (var (lang, width) in new[] { ("ky", 390), ("ru", 1280) })
        {
            var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = width, Height = 900 }, Locale = lang });
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={lang}|uic={lang}", Url = app.BaseUrl }]);
            var page = await context.NewPageAsync();
            await BrowserFixture.SignInAsync(page, "trainer@demo.events.kg", "Demo-Shots-2026", "**/trainer");
            await BrowserFixture.WaitForInteractiveAsync(page);
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shot-trainer-{lang}-{width}.png", FullPage = true });
            var href = await page.Locator("[data-testid=trainer-event] a").First.GetAttributeAsync("href");
            await page.GotoAsync(href!);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=program-session]").First.WaitForAsync();
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shot-event-{lang}-{width}.png", FullPage = true });
            var roster = await page.Locator("[data-testid=program-roster-link]").Nth(2).GetAttributeAsync("href");
            await page.GotoAsync(roster!);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await page.Locator("[data-testid=roster-row]").First.WaitForAsync();
            await page.WaitForTimeoutAsync(1000);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shot-roster-{lang}-{width}.png", FullPage = true });
            await page.GotoAsync(roster + "/check-in");
            await page.WaitForTimeoutAsync(2000);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shot-checkin-{lang}-{width}.png", FullPage = true });
            // innolab
            await page.GotoAsync("/trainer");
            await BrowserFixture.WaitForInteractiveAsync(page);
            var hrefs = await page.Locator("[data-testid=trainer-event] a").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))");
            foreach (var h in hrefs)
            {
                await page.GotoAsync(h);
                await BrowserFixture.WaitForInteractiveAsync(page);
                await page.Locator("[data-testid=program-session]").First.WaitForAsync();
                await page.WaitForTimeoutAsync(1500);
                await page.ScreenshotAsync(new() { Path = $"/tmp/shot-ev{h.Split('/').Last()}-{lang}-{width}.png", FullPage = true });
            }
            var code = await page.Locator("[data-testid=certificate-link]").First.InnerTextAsync();
            await page.GotoAsync($"/certificates/{code}");
            await page.ScreenshotAsync(new() { Path = $"/tmp/shot-cert-{lang}-{width}.png", FullPage = true });
            await page.GotoAsync($"/checkin/1?code=ABCD");
            await page.ScreenshotAsync(new() { Path = $"/tmp/shot-selfcheckin-{lang}-{width}.png", FullPage = true });
            await context.CloseAsync();
        }
    }
}
