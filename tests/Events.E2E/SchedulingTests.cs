using Microsoft.Playwright;

namespace Events.E2E;

[Collection(BrowserCollection.Name)]
public class SchedulingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Organizer_CreatesOnlineMekendeshWithTwoOptions_VisitorSeesItInCatalogue()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page);

        await page.GotoAsync("/organizer/events/new?kind=OnlineMekendesh");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var title = $"Онлайн-Мекендеш ң ө ү {Guid.NewGuid().ToString("N")[..6]}";
        await page.Locator("[data-testid=editor-title]").FillAsync(title);
        // The planner proposes two start times; "use" fills both options.
        await page.ClickAsync("[data-testid=planner-propose]");
        await Assertions.Expect(page.Locator("[data-testid=planner-options]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=planner-use]");
        await Assertions.Expect(page.Locator("[data-testid=city-preview] tr[data-city=Moscow] td.comfortable")).Not.ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=editor-create-publish]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/organizer/events/\d+$"));
        await Assertions.Expect(page.Locator("[data-testid=event-status]")).ToContainTextAsync("Жарыяланды");
        await page.Context.CloseAsync();

        // A visitor on a phone, not signed in.
        var visitor = await browser.NewPageAsync(390, 844);
        await visitor.GotoAsync("/events");
        var card = visitor.Locator("[data-testid=event-card]").Filter(new() { HasText = title });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToContainTextAsync("2 убакыт варианты");
        await card.Locator("a.title").ClickAsync();
        await Assertions.Expect(visitor.Locator("[data-testid=event-title]")).ToHaveTextAsync(title);
        await Assertions.Expect(visitor.Locator("[data-testid=session-card]")).ToHaveCountAsync(2);
        // The visitor's own time appears, and one option is marked as suiting them.
        await Assertions.Expect(visitor.Locator(".visitor-time").First).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator(".session-card.recommended")).ToHaveCountAsync(1);
        var overflow = await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await visitor.Context.CloseAsync();
    }
}
