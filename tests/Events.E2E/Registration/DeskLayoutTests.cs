using Microsoft.Playwright;

namespace Events.E2E.Registration;

/// <summary>The organizer's session page on a phone: the grid's search and filter never cover the first registration.</summary>
[Collection(BrowserCollection.Name)]
public class DeskLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task SessionPage_Phone_ToolbarAboveFirstRegistration_NoOverflow()
    {
        using var api = await AdminApi.SignInAsync(browser.App);
        var (_, sessionId) = await api.PublishAsync(new
        {
            organizationId = await api.FirstOrganizationAsync(), kind = "EmbassyMeeting", title = $"Desk {Guid.NewGuid().ToString("N")[..6]}",
            sessions = new object[] { new { start = "2027-08-08T18:00", timeZone = "Europe/Berlin", durationMinutes = 90, mode = "Offline", venue = "Элчилик", capacity = 20 } },
        });
        await api.RegisterAsync(sessionId, $"desk.{Guid.NewGuid():N}@example.kg", "Гүлзат Токтосунова");
        var page = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page);

        await page.GotoAsync($"/organizer/sessions/{sessionId}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var firstRow = page.Locator("[data-testid=desk-grid] tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync("Гүлзат Токтосунова");

        var row = await firstRow.BoundingBoxAsync();
        // The lowest edge of anything in the toolbar (search field, status filter), wherever it wrapped to.
        var toolbarBottom = await page.EvaluateAsync<double>(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=desk-grid] .mud-table-toolbar *')].map(e => e.getBoundingClientRect().bottom + window.scrollY))");
        Assert.True(toolbarBottom <= row!.Y + 1, $"the toolbar reaches {toolbarBottom}, below the first row's top at {row.Y}");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
        await page.Context.CloseAsync();
    }
}
