using System.Globalization;
using System.Text.Json;
using Events.E2E.Accessibility;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Events.E2E.Indicators;

/// <summary>
/// The analyst's way to the M&amp;E report on the demo year, in Chromium at 390 and 1280 px: from the dashboard down to a list and back,
/// on to the report page (no sideways scroll, nothing serious for axe), then the workbook downloaded and its first sheet compared with
/// GET /api/v1/indicators fetched with the same sign-in.
/// </summary>
[Collection(DemoYearCollection.Name)]
public sealed class ReportFlowTests(DemoYearFixture demo)
{
    private const string DemoPassword = DemoYearFixture.DemoPassword;

    private static readonly string[] TotalsOrder = ["meetingsHeld", "sessionsHeld", "registered", "participants", "uniqueParticipants", "reposts", "views", "entries",
        "grantsAwarded", "grantsAmount", "startupsDeveloped", "trainingSessionsOnline", "trainingSessionsOffline", "trainees", "webinars", "exhibitions",
        "forumsWithInvestmentTopic"];

    private static readonly string[] ActivityOrder = ["meetingsHeld", "sessionsHeld", "registered", "participants", "uniqueParticipants", "reposts", "views"];

    private static Task<int> OverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Analyst_DrillsDown_OpensTheReport_DownloadsTheWorkbook_WhoseFiguresAreTheIndicators(int width)
    {
        var context = await demo.Browser.NewContextAsync(new BrowserNewContextOptions
            { BaseURL = demo.App.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 844 }, AcceptDownloads = true });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        await BrowserFixture.SignInAsync(page, "analyst@demo.events.kg", DemoPassword, landing: "**/analytics");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("[data-tile=Participants] a").ClickAsync();
        await page.WaitForURLAsync("**/analytics/participants?year=*");
        await page.Locator("[data-testid=participant-name]").First.WaitForAsync();
        await page.Locator("[data-testid=participants-back]").ClickAsync();
        await page.WaitForURLAsync("**/analytics?year=*");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator("[data-testid=dashboard-report-link]").ClickAsync();
        await page.WaitForURLAsync("**/analytics/report?year=*");
        await page.Locator("[data-testid=report-part4]").WaitForAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        Assert.Equal(4, await page.Locator("section.report-part h2").CountAsync());
        var overflow = await OverflowAsync(page);
        Assert.True(overflow <= 0, $"the report scrolls sideways by {overflow}px at {width}px");
        await Axe.AssertAccessibleAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=report-download]").ClickAsync());
        var file = Path.Combine(demo.App.Folder, $"report-{width}.xlsx");
        await download.SaveAsAsync(file);
        var year = new Uri(page.Url).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("year=", StringComparison.Ordinal))[5..];
        var api = await page.APIRequest.GetAsync($"/api/v1/indicators?year={year}");
        Assert.True(api.Ok, $"GET /api/v1/indicators: {api.Status}");
        var indicators = JsonDocument.Parse(await api.TextAsync()).RootElement;

        Assert.Equal(4, MiniExcel.GetSheetNames(file).Count);
        // Sheet 1 lists, in order, each activity's seven figures and then the seventeen totals; its third column holds the values.
        var values = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => r.Values.ElementAt(2)).ToList();
        var expected = indicators.GetProperty("activities").EnumerateArray().SelectMany(a => ActivityOrder.Select(f => a.GetProperty(f).GetDecimal()))
            .Concat(TotalsOrder.Select(f => indicators.GetProperty("totals").GetProperty(f).GetDecimal())).ToList();
        Assert.Equal(expected, values.Take(expected.Count).Select(v => Convert.ToDecimal(v, CultureInfo.InvariantCulture)));
        Assert.True(indicators.GetProperty("totals").GetProperty("participants").GetInt32() > 0, "the demo year has participants");
        await context.CloseAsync();
    }

}
