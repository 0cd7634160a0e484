using System.Globalization;
using Bunit;
using Events.Web.Components.Pages.Scheduling;
using Events.Web.Components.Pages.Planning;
using Events.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Events.Web.Tests.Pages.Scheduling;

public class SchedulingComponentTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    [Fact]
    public void CityPreview_TwoOptions_LocalTimesAndComfortPerCity()
    {
        // 12:00Z on 15 January 2027: Moscow 15:00, New York 07:00; 23:00Z: Moscow 02:00 (next day), New York 18:00.
        var cut = Render<CityTimesPreview>(p => p.Add(x => x.Options, new List<CityTimesPreview.Option>
        {
            new(new DateTime(2027, 1, 15, 12, 0, 0, DateTimeKind.Utc), 90),
            new(new DateTime(2027, 1, 15, 23, 0, 0, DateTimeKind.Utc), 90),
        }));

        var moscow = cut.Find("tr[data-city=Moscow]").QuerySelectorAll("td");
        Assert.StartsWith("15:00", moscow[1].TextContent.Trim());
        Assert.Equal("comfortable", moscow[1].ClassName);
        Assert.StartsWith("02:00", moscow[2].TextContent.Trim());
        Assert.Equal("uncomfortable", moscow[2].ClassName);
        var newYork = cut.Find("tr[data-city=NewYork]").QuerySelectorAll("td");
        Assert.StartsWith("07:00", newYork[1].TextContent.Trim());
        Assert.StartsWith("18:00", newYork[2].TextContent.Trim());
        Assert.Equal("comfortable", newYork[2].ClassName);
        Assert.Equal(13, cut.FindAll("tbody tr").Count);
    }

    [Fact]
    public void CityPreview_IncompleteOption_Dashes()
    {
        var cut = Render<CityTimesPreview>(p => p.Add(x => x.Options, new List<CityTimesPreview.Option> { new(null, 90) }));
        Assert.All(cut.FindAll("tbody tr"), row => Assert.Equal("—", row.QuerySelectorAll("td")[1].TextContent.Trim()));
    }

    [Fact]
    public void Planner_Propose_ShowsOptionsCoverageAndUses()
    {
        IReadOnlyList<DateTime>? used = null;
        Render<MudPopoverProvider>();
        var cut = Render<PlannerPanel>(p => p
            .Add(x => x.InitialDate, new DateTime(2027, 3, 27))
            .Add(x => x.DurationMinutes, 90)
            .Add(x => x.OnUse, (IReadOnlyList<DateTime> options) => used = options));

        cut.Find("[data-testid=planner-propose] ").Click();

        cut.WaitForAssertion(() => Assert.Contains("UTC", cut.Find("[data-testid=planner-options]").TextContent));
        // No one registered in this database: the strategy's mapping shares weigh the countries.
        Assert.Equal(Events.Core.Reference.AudienceShares.ByCountry.Count, cut.FindAll("[data-testid=planner-coverage] tbody tr").Count);
        Assert.Contains("Europe/Moscow", cut.Find("tr[data-country=RU]").TextContent);
        cut.Find("[data-testid=planner-use]").Click();
        Assert.NotNull(used);
        Assert.Equal(2, used!.Count);
        Assert.True(used[0] < used[1]);
    }
}
