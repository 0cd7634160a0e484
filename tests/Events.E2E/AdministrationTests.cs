using Microsoft.Playwright;

namespace Events.E2E;

[Collection(BrowserCollection.Name)]
public class AdministrationTests(BrowserFixture browser)
{
    private static async Task SignInAsync(IPage page)
    {
        await BrowserFixture.SignInAsync(page);
        await BrowserFixture.WaitForInteractiveAsync(page);
    }

    [Fact]
    public async Task Administrator_CreatesOrganization_SeesItInTheList()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page);
        var name = $"Элчилик {Guid.NewGuid().ToString("N")[..6]}";

        await page.GotoAsync("/admin/organizations");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=new-organization]");
        await page.WaitForURLAsync("**/admin/organizations/new");
        await BrowserFixture.WaitForInteractiveAsync(page);

        await page.Locator("[data-testid=organization-name]").FillAsync(name);
        var country = page.Locator("[data-testid=organization-country]");
        await country.FillAsync("Польша");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Польша" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=organization-timezone]")).ToHaveValueAsync("Europe/Warsaw");
        await page.ClickAsync("[data-testid=organization-save]");

        await page.WaitForURLAsync("**/admin/organizations");
        await page.Locator("[data-testid=organization-search]").FillAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=organizations-grid]")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=organizations-grid]")).ToContainTextAsync("Польша");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_WrongPassword_StaysOnSignInWithMessage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", AppProcess.AdminEmail);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("[data-testid=login-submit]");

        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("туура эмес");
        await page.Context.CloseAsync();
    }
}
