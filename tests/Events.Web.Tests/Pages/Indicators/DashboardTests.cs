using Bunit;
using Events.Core.Common;
using Events.Core.People;
using Events.Core.Scheduling;
using Events.Web.Components.Pages.Indicators;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Indicators;

/// <summary>
/// The indicators dashboard (English UI) over the real services and database. Each test seeds its own past year through the
/// database (the tests of the class share one), so that the numbers on the page are known in advance.
/// </summary>
public class DashboardTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly IndicatorPageData _data = new(app);

    private Task<Actor> UserAsync(string role, params int[] organizations) => _data.UserAsync(role, organizations);

    private Task<int> OrganizationAsync(string name) => _data.OrganizationAsync(name);

    private Task EventAsync(int organizationId, EventKind kind, DateTime start, params (string Email, Gender? Gender)[] checkedIn) =>
        _data.EventAsync(organizationId, kind, start, checkedIn);

    private IRenderedComponent<Dashboard> Page(Actor who, string role)
    {
        ContestPageData.SignIn(this, who, role);
        var cut = Render<Dashboard>();
        cut.WaitForElement("[data-testid=dashboard-filters]");
        return cut;
    }

    private static string Tile(IRenderedComponent<Dashboard> cut, string name) => cut.Find($"[data-tile={name}] .value").TextContent.Trim();

    private static IEnumerable<string> PlanRows(IRenderedComponent<Dashboard> cut) =>
        cut.FindAll("[data-testid=plan-vs-actual] tr[data-kind]").Select(r => r.GetAttribute("data-kind")!);

    [Fact]
    public async Task Filters_YearOrganizationKind_RequeryAndShowTheirNumbers()
    {
        var (a, b) = (await OrganizationAsync("Ministry A"), await OrganizationAsync("Embassy B"));
        await EventAsync(a, EventKind.OnlineMekendesh, new DateTime(2011, 3, 10, 18, 0, 0), ("a@x.kg", Gender.Female), ("b@x.kg", Gender.Male));
        await EventAsync(b, EventKind.EmbassyMeeting, new DateTime(2011, 6, 20, 18, 0, 0), ("c@x.kg", null));
        await EventAsync(a, EventKind.Webinar, new DateTime(2012, 2, 2, 18, 0, 0), ("d@x.kg", null));
        var cut = Page(await UserAsync(Roles.Analyst), Roles.Analyst);
        Assert.Contains($"No held events in {DateTime.UtcNow.Year} yet.", cut.Find("[data-testid=dashboard-empty]").TextContent);

        cut.Find("[data-testid=filter-year]").Change("2011");
        cut.WaitForAssertion(() => Assert.Equal("3", Tile(cut, "Participants")));
        Assert.Equal("2", Tile(cut, "MeetingsHeld"));
        Assert.Equal(["OnlineMekendesh", "EmbassyMeeting"], PlanRows(cut));
        Assert.Equal(["1", "1"], cut.FindAll("[data-testid=by-gender] tr[data-key=Female] td, [data-testid=by-gender] tr[data-key=Male] td")
            .Where((_, i) => i % 2 == 0).Select(td => td.TextContent.Trim()));

        cut.Find("[data-testid=filter-organization]").Change(b.ToString());
        cut.WaitForAssertion(() => Assert.Equal("1", Tile(cut, "Participants")));
        Assert.Equal(["EmbassyMeeting"], PlanRows(cut));

        cut.Find("[data-testid=filter-organization]").Change("");
        cut.Find("[data-testid=filter-kind]").Change("OnlineMekendesh");
        cut.WaitForAssertion(() => Assert.Equal("2", Tile(cut, "Participants")));
        Assert.Equal(["OnlineMekendesh"], PlanRows(cut));
        Assert.Equal("1", Tile(cut, "MeetingsHeld"));
        Assert.Contains("Online-Mekendesh", cut.Find("[data-testid=splits-note]").TextContent);
        // The splits are the kind's: the embassy meeting's participant (no gender given) is not among them.
        Assert.Equal("0", cut.Find("[data-testid=by-gender] tr[data-key=Undisclosed] td").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=by-gender] tr[data-key=Female] td").TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-testid=trend] tr[data-month='3'] td:last-child").TextContent.Trim());

        cut.Find("[data-testid=filter-year]").Change("2012");
        cut.WaitForAssertion(() => Assert.Contains("No held events in 2012 yet.", cut.Find("[data-testid=dashboard-empty]").TextContent));
        cut.Find("[data-testid=filter-kind]").Change("");
        cut.WaitForAssertion(() => Assert.Equal("1", Tile(cut, "Participants")));
        Assert.Equal(["Webinar"], PlanRows(cut));
        Assert.EndsWith("/analytics?year=2012", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Organizer_ChoosesAmongTheirOrganizationsOnly_AndSeesOnlyTheirWork()
    {
        var (mine, other) = (await OrganizationAsync("Mine"), await OrganizationAsync("Other"));
        await EventAsync(mine, EventKind.EmbassyMeeting, new DateTime(2014, 5, 5, 18, 0, 0), ("m@x.kg", null));
        await EventAsync(other, EventKind.EmbassyMeeting, new DateTime(2014, 5, 6, 18, 0, 0), ("o1@x.kg", null), ("o2@x.kg", null));
        var cut = Page(await UserAsync(Roles.Organizer, mine), Roles.Organizer);

        Assert.Equal(["", mine.ToString()], cut.FindAll("[data-testid=filter-organization] option").Select(o => o.GetAttribute("value")));
        cut.Find("[data-testid=filter-year]").Change("2014");
        cut.WaitForAssertion(() => Assert.Equal("1", Tile(cut, "Participants")));
        Assert.NotNull(cut.Find("[data-testid=dashboard-plan-link]"));
    }

    [Theory]
    [InlineData(Roles.Participant)]
    [InlineData(Roles.Juror)]
    [InlineData(Roles.Trainer)]
    public async Task WithoutRights_TheLocalized403_NoFigures(string role)
    {
        ContestPageData.SignIn(this, await UserAsync(role), role);

        var cut = Render<Dashboard>();

        cut.WaitForAssertion(() => Assert.Equal("You may not do this.", cut.Find("[data-testid=dashboard-problem]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-filters]"));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-tiles]"));
    }

    [Fact]
    public async Task ParticipantNumbers_LinkToTheListBehindThem_WhichListsThem()
    {
        var a = await OrganizationAsync("Ministry A");
        await EventAsync(a, EventKind.OnlineMekendesh, new DateTime(2013, 4, 4, 18, 0, 0), ("first@x.kg", Gender.Female), ("second@x.kg", Gender.Male));
        var analyst = await UserAsync(Roles.Analyst);
        var cut = Page(analyst, Roles.Analyst);
        cut.Find("[data-testid=filter-year]").Change("2013");
        cut.WaitForAssertion(() => Assert.Equal("2", Tile(cut, "Participants")));

        Assert.Equal("/analytics/participants?year=2013", cut.Find("[data-tile=Participants] a").GetAttribute("href"));
        Assert.Equal("/analytics/participants?year=2013&kind=OnlineMekendesh", cut.Find("[data-testid=participants-link]").GetAttribute("href"));
        Assert.Equal("/analytics/participants?year=2013&gender=Female", cut.Find("[data-testid=by-gender] tr[data-key=Female] a").GetAttribute("href"));
        Assert.Equal("/analytics/participants?year=2013&month=4", cut.Find("[data-testid=trend] tr[data-month='4'] td:last-child a").GetAttribute("href"));
        Assert.Equal("/analytics/sessions?year=2013&month=4", cut.Find("[data-testid=trend] tr[data-month='4'] a").GetAttribute("href"));
        Assert.Equal("/analytics/sessions?year=2013", cut.Find("[data-tile=MeetingsHeld] a").GetAttribute("href"));
        Assert.Equal("/analytics/sessions?year=2013&kind=OnlineMekendesh", cut.Find("[data-testid=sessions-link]").GetAttribute("href"));
        cut.Find("[data-testid=filter-organization]").Change(a.ToString());
        cut.WaitForAssertion(() => Assert.Equal($"/analytics/participants?year=2013&organizationId={a}&kind=OnlineMekendesh",
            cut.Find("[data-testid=participants-link]").GetAttribute("href")));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/analytics/participants?year=2013&gender=Female");
        var list = Render<ParticipantsPage>();
        list.WaitForAssertion(() => Assert.Equal(["Name first@x.kg"], list.FindAll("[data-testid=participant-name]").Select(td => td.TextContent.Trim())));
        // An analyst reads names, not emails (decision 011).
        Assert.Equal("—", list.Find("[data-testid=participant-email]").TextContent.Trim());
    }
}
