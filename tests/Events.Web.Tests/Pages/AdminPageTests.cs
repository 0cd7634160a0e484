using System.Globalization;
using Bunit;
using Events.Web.Components.Pages.Admin;
using Events.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Events.Web.Tests.Pages;

/// <summary>Back-office pages rendered with bUnit against the real services and a real SQLite database.</summary>
public class AdminPageTests(EventsWebFactory app) : MudComponentTest(app, "ky"), IClassFixture<EventsWebFactory>
{
    [Fact]
    public void Organizations_Grid_ShowsReferenceOrganizationsInKyrgyz()
    {
        Render<MudPopoverProvider>();
        var cut = Render<Organizations>();

        cut.WaitForAssertion(() => Assert.Contains("Кыргыз Республикасынын Россиядагы элчилиги (Москва)", cut.Markup));
        Assert.Contains("Элчилик", cut.Markup);
        Assert.Contains("Жаңы уюм", cut.Markup);
    }

    [Fact]
    public void OrganizationEdit_SaveEmpty_ShowsLocalizedFieldErrorsAndStays()
    {
        Render<MudPopoverProvider>();
        var cut = Render<OrganizationEdit>();

        cut.Find("[data-testid=organization-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Бул талааны толтуруңуз.", cut.Markup));
        Assert.Contains("Белгисиз өлкө", cut.Markup);
        Assert.Contains("Белгисиз саат алкагы", cut.Markup);
    }

    [Fact]
    public void UserEdit_New_ListsEveryRole()
    {
        Render<MudPopoverProvider>();
        var cut = Render<UserEdit>();

        cut.WaitForAssertion(() => Assert.Contains("Калыс", cut.Markup));
        foreach (var role in new[] { "Администратор", "Уюштуруучу", "Тренер", "Аналитик", "Катышуучу" })
            Assert.Contains(role, cut.Markup);
    }

}
