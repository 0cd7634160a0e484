using Events.E2E.Accessibility;
using Microsoft.Playwright;

namespace Events.E2E.Indicators;

/// <summary>
/// The analyst's dashboard on the demo year, in Chromium at 390 and 1280 px: the analyst lands on it after signing in, the page
/// does not scroll sideways, axe finds nothing serious, and a participant count opens the list of the registrations behind it.
/// </summary>
[Collection(DemoYearCollection.Name)]
public sealed class DashboardFlowTests(DemoYearFixture demo)
{
    private const string DemoPassword = DemoYearFixture.DemoPassword;

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Analyst_LandsOnTheDashboard_NoSidewaysScroll_DrillsDownToTheParticipants(int width)
    {
        var context = await demo.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = demo.App.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 844 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "analyst@demo.events.kg", DemoPassword, landing: "**/analytics");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var tile = page.Locator("[data-tile=Participants] a");
        await tile.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(500); // charts measure themselves after the first render

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the dashboard scrolls sideways by {overflow}px at {width}px");
        await Axe.AssertAccessibleAsync(page);

        var expected = (await tile.TextContentAsync())!.Trim();
        await tile.ClickAsync();
        await page.WaitForURLAsync("**/analytics/participants?year=*");
        await page.Locator("[data-testid=participant-name]").First.WaitForAsync();
        Assert.Contains($"{expected.Replace("\u00a0", " ").Replace(" ", "")}", (await page.Locator(".mud-table-pagination-caption").Last.TextContentAsync() ?? "").Replace("\u00a0", " ").Replace(" ", ""));
        overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the participants list scrolls sideways by {overflow}px at {width}px");
        await Axe.AssertAccessibleAsync(page);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Analyst_DrillsDownFromMeetingsHeld_ToTheHeldSessions(int width)
    {
        var context = await demo.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = demo.App.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 844 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "analyst@demo.events.kg", DemoPassword, landing: "**/analytics");
        await BrowserFixture.WaitForInteractiveAsync(page);
        // The plan table's sessions held of the first activity with any, and the list behind it.
        var link = page.Locator("[data-testid=sessions-link]").First;
        await link.WaitForAsync();
        var expected = (await link.TextContentAsync())!.Trim().Replace("\u00a0", "").Replace(" ", "");
        await link.ClickAsync();
        await page.WaitForURLAsync("**/analytics/sessions?year=*");
        await page.Locator("[data-testid=session-event]").First.WaitForAsync();
        Assert.Contains(expected, (await page.Locator(".mud-table-pagination-caption").Last.TextContentAsync() ?? "").Replace("\u00a0", "").Replace(" ", ""));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the sessions list scrolls sideways by {overflow}px at {width}px");
        await Axe.AssertAccessibleAsync(page);
        await page.Locator("[data-testid=sessions-back]").ClickAsync();
        await page.WaitForURLAsync("**/analytics?year=*");
        await context.CloseAsync();
    }
}
