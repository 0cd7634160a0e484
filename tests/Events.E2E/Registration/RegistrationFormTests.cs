using Events.E2E.Accessibility;
using Microsoft.Playwright;

namespace Events.E2E.Registration;

/// <summary>
/// Every path of the public registration form in Chromium. The plain event (no questions of its own)
/// is tested on its own: when questions arrived, extending the only form test left this path untested and broken.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RegistrationFormTests(BrowserFixture browser)
{
    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<(int EventId, int SessionId)> PublishAsync(string title, int? capacity = 100, bool requiresApproval = false)
    {
        using var api = await AdminApi.SignInAsync(browser.App);
        return await api.PublishAsync(new
        {
            organizationId = await api.FirstOrganizationAsync(), kind = "EmbassyMeeting", title, requiresApproval,
            sessions = new object[]
            {
                new { start = "2027-06-10T18:00", timeZone = "Europe/Moscow", durationMinutes = 120, mode = "Online", joinUrl = "https://meet.example/k", capacity },
            },
        });
    }

    private static async Task FillRequiredAsync(IPage page, string name, string email)
    {
        await page.FillAsync("#fullName", name);
        await page.FillAsync("#email", email);
        await page.SelectOptionAsync("#countryCode", "TR");
        await page.CheckAsync("input[name='Input.Consent']");
    }

    private async Task<IPage> OpenInAsync(string language, int eventId, int width = 390)
    {
        var page = await browser.NewPageAsync(width, 844);
        await page.GotoAsync($"/events/{eventId}");
        if (language != "ky")
        {
            // As a visitor does it: the switcher in the app bar (remembered in a cookie).
            await page.ClickAsync($"[data-testid=lang-{language}]");
            await page.WaitForURLAsync($"**/events/{eventId}");
        }
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        return page;
    }

    [Theory]
    [InlineData("ky", "Ырасталды")]
    [InlineData("ru", "Подтверждено")]
    [InlineData("en", "Confirmed")]
    public async Task EventWithoutQuestions_PhoneInEachLanguage_Confirmed(string language, string confirmed)
    {
        var (id, _) = await PublishAsync(Unique("Plain"));
        var page = await OpenInAsync(language, id);
        Assert.Equal(0, await page.Locator("[name^='Input.Answers']").CountAsync());
        if (language == "ky")
        {
            // The visitor's own time in Kyrgyz words even where the browser has no Kyrgyz date data.
            var visitor = page.Locator(".visitor-time").First;
            await Assertions.Expect(visitor).ToBeVisibleAsync();
            Assert.Matches(@"\d{4}-ж\., \d{1,2}-(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь), [а-яөүң]+, \d{2}:\d{2}",
                await visitor.InnerTextAsync());
        }
        await FillRequiredAsync(page, "Нурлан Касымов", $"nurlan.{Guid.NewGuid():N}@example.kg");
        await page.ClickAsync("[data-testid=registration-submit]");

        await page.WaitForURLAsync("**/r/**");
        await Assertions.Expect(page.Locator("[data-testid=manage-status]")).ToHaveTextAsync(confirmed);
        await Assertions.Expect(page.Locator("[data-testid=manage-answers]")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DuplicateEmail_OffersToResendTheLink_AndSendsIt()
    {
        var (id, sessionId) = await PublishAsync(Unique("Duplicate"));
        var email = $"twice.{Guid.NewGuid():N}@example.kg";
        using (var api = await AdminApi.SignInAsync(browser.App)) await api.RegisterAsync(sessionId, email);

        var page = await OpenInAsync("ky", id);
        await FillRequiredAsync(page, "Эки жолу", email.ToUpperInvariant());
        await page.ClickAsync("[data-testid=registration-submit]");

        await Assertions.Expect(page.Locator("[data-testid=registration-problem]")).ToContainTextAsync("мурунтан эле бар");
        Assert.Equal("Эки жолу", await page.InputValueAsync("#fullName"));
        await Axe.AssertAccessibleAsync(page); // the form with its problem and the resend offer
        await page.Locator("[data-testid=resend-form] button").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=resend-done]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FullSession_Waitlisted_PageSaysSoWithPosition()
    {
        var (id, sessionId) = await PublishAsync(Unique("Full"), capacity: 1);
        using (var api = await AdminApi.SignInAsync(browser.App)) await api.RegisterAsync(sessionId, $"first.{Guid.NewGuid():N}@example.kg");

        var page = await OpenInAsync("ky", id);
        await Assertions.Expect(page.Locator("#register")).ToContainTextAsync("күтүү тизмеси");
        await FillRequiredAsync(page, "Экинчи Адам", $"second.{Guid.NewGuid():N}@example.kg");
        await page.ClickAsync("[data-testid=registration-submit]");

        await page.WaitForURLAsync("**/r/**");
        await Assertions.Expect(page.Locator("[data-testid=manage-status]")).ToHaveTextAsync("Күтүү тизмесинде");
        await Assertions.Expect(page.Locator("[data-testid=manage-welcome]")).ToContainTextAsync("күтүү тизмесине кошулдуңуз");
        await Assertions.Expect(page.Locator("[data-testid=manage-position]")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=add-to-calendar]")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ApprovalEvent_Pending_PageSaysTheOrganizerDecides()
    {
        var (id, _) = await PublishAsync(Unique("Approval"), requiresApproval: true);
        var page = await OpenInAsync("ru", id, width: 1280);
        await FillRequiredAsync(page, "Айдай Осмонова", $"aidai.{Guid.NewGuid():N}@example.kg");
        await page.ClickAsync("[data-testid=registration-submit]");

        await page.WaitForURLAsync("**/r/**");
        await Assertions.Expect(page.Locator("[data-testid=manage-status]")).ToHaveTextAsync("На рассмотрении");
        await Assertions.Expect(page.Locator("[data-testid=manage-welcome]")).ToContainTextAsync("на рассмотрении у организатора");
        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
