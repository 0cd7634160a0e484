using Bunit;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Web.Components.Pages.Indicators;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Indicators;

/// <summary>
/// The indicators dashboard (English UI) over the real services and database. Each test seeds its own past year through the
/// database (the tests of the class share one), so that the numbers on the page are known in advance.
/// </summary>
public class DashboardTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app = app;

    private EventsDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    private async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<Actor> UserAsync(string role, params int[] organizations)
    {
        _ = _app.Server;
        string adminId;
        await using (var db = Db()) adminId = await db.Users.Where(u => u.Email == EventsWebFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        var admin = new Actor(adminId, IsAdministrator: true, "Admin");
        var name = $"{role} {ContestPageData.Unique()}";
        var id = await UseAsync<UserAdministration, string>(users => users.CreateAsync(admin,
            new NewUser($"{ContestPageData.Unique()}@plan.test", name, ContestPageData.Password, [role], organizations)));
        return new Actor(id, IsAdministrator: false, name);
    }

    private async Task<int> OrganizationAsync(string name)
    {
        _ = _app.Server;
        await using var db = Db();
        var o = new Organization { Name = $"{name} {ContestPageData.Unique()}", Kind = OrganizationKind.Embassy, CountryCode = "TR", TimeZone = "Europe/Istanbul" };
        db.Organizations.Add(o);
        await db.SaveChangesAsync();
        return o.Id;
    }

    /// <summary>A published event with one held session on the given local date and the given people checked in at it.</summary>
    private async Task EventAsync(int organizationId, EventKind kind, DateTime start, params (string Email, Gender? Gender)[] checkedIn)
    {
        await using var db = Db();
        var now = DateTime.UtcNow;
        var e = new Event { OrganizationId = organizationId, Kind = kind, Title = $"{kind} {ContestPageData.Unique()}", CreatedUtc = now, UpdatedUtc = now };
        e.Sessions.Add(Session.Create(new SessionInput(null, start, "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/1"), now, "test"));
        e.Publish(now);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        var s = e.Sessions[0];
        foreach (var (email, gender) in checkedIn)
            db.Registrations.Add(new Events.Core.Registration.Registration
            {
                EventId = e.Id, SessionId = s.Id, FullName = "Name " + email, Email = email, NormalizedEmail = email, ActiveEmailKey = email, CountryCode = "RU",
                Gender = gender, Status = RegistrationStatus.Confirmed, CreatedUtc = now, UpdatedUtc = now, ConsentUtc = now, CheckedInUtc = s.StartUtc,
                ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
            });
        await db.SaveChangesAsync();
    }

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
        Assert.NotNull(cut.Find("[data-testid=splits-note]"));
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
        Assert.Equal("/analytics/participants?year=2013&month=4", cut.Find("[data-testid=trend] tr[data-month='4'] a").GetAttribute("href"));
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
