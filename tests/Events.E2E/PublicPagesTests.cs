using Microsoft.Playwright;

namespace Events.E2E;

[Collection(BrowserCollection.Name)]
public class PublicPagesTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("ky", "Мекендештер үчүн иш-чаралар", "Кирүү")]
    [InlineData("ru", "Мероприятия для соотечественников", "Войти")]
    [InlineData("en", "Events for compatriots", "Sign in")]
    public async Task Home_LanguageSwitcher_ShowsPageInThatLanguageAndRemembersIt(string language, string heading, string signIn)
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        Assert.Equal("ky", await page.Locator("html").GetAttributeAsync("lang"));

        await page.ClickAsync($"[data-testid=lang-{language}]");
        await page.WaitForURLAsync("**/");

        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(heading, (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.GotoAsync("/account/login");
        Assert.Equal(signIn, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Home_Phone_NoHorizontalOverflow()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await page.Context.CloseAsync();
    }
}
