using Microsoft.Playwright;

namespace Events.E2E.Registration;

/// <summary>A visitor who uses no mouse: every field of the form is reached with Tab and filled with keys only.</summary>
[Collection(BrowserCollection.Name)]
public class KeyboardRegistrationTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the element is focused; fails when it cannot be reached in <paramref name="max"/> presses.</summary>
    private static async Task TabToAsync(IPage page, string selector, int max = 60)
    {
        for (var i = 0; i < max; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"{selector} was not reached with the keyboard in {max} presses of Tab.");
    }

    [Fact]
    public async Task Visitor_RegistersWithKeyboardOnly_Confirmed()
    {
        using var api = await AdminApi.SignInAsync(browser.App);
        var (id, _) = await api.PublishAsync(new
        {
            organizationId = await api.FirstOrganizationAsync(), kind = "Webinar", title = $"Keyboard {Guid.NewGuid().ToString("N")[..6]}",
            sessions = new object[] { new { start = "2027-03-03T12:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online", joinUrl = "https://meet.example/w" } },
            questions = new object[] { new { kind = "YesNo", prompt = "Жазууну алгыңыз келеби?", required = true } },
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/events/{id}");

        await TabToAsync(page, "#fullName");
        await page.Keyboard.TypeAsync("Жылдыз Абдыкадырова");
        await TabToAsync(page, "#email");
        await page.Keyboard.TypeAsync($"jyldyz.{Guid.NewGuid():N}@example.kg");
        await TabToAsync(page, "#countryCode");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.NotEqual("", await page.InputValueAsync("#countryCode"));
        await TabToAsync(page, "input[type=radio][value=yes]");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "input[name='Input.Consent']");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "[data-testid=registration-submit]");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/r/**");
        await Assertions.Expect(page.Locator("[data-testid=manage-status]")).ToHaveTextAsync("Ырасталды");
        await Assertions.Expect(page.Locator("[data-testid=manage-answers]")).ToContainTextAsync("Ооба");
        await page.Context.CloseAsync();
    }
}
