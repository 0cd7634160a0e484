using System.Globalization;
using Bunit;
using Events.Core.Localization;
using Events.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Layout;

public class LanguageSwitcherTests : BunitContext
{
    public LanguageSwitcherTests() => Services.AddLocalization();

    [Theory]
    [InlineData("ky")]
    [InlineData("ru")]
    [InlineData("en")]
    public void Render_MarksCurrentLanguageAndKeepsReturnUrl(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var cut = Render<LanguageSwitcher>(p => p.Add(x => x.ReturnUrl, "/admin/users?search=ай"));

            var links = cut.FindAll("a");
            Assert.Equal(Strings.SupportedCultures, links.Select(a => a.GetAttribute("lang")));
            var current = Assert.Single(links, a => a.GetAttribute("aria-current") == "true");
            Assert.Equal(culture, current.GetAttribute("lang"));
            Assert.All(links, a => Assert.EndsWith("returnUrl=%2Fadmin%2Fusers%3Fsearch%3D%D0%B0%D0%B9", a.GetAttribute("href")));
            Assert.Equal("Кыргызча", links[0].GetAttribute("title"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
