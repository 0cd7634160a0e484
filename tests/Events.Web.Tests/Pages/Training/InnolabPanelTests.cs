using Bunit;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;
using Events.Web.Components.Pages.Training;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Events.Web.Tests.Pages.Training;

/// <summary>The innolab panel (English UI) over the real services: the empty state, forming a team, its project, deletion after a confirmation.</summary>
public class InnolabPanelTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app = app;

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private EventsDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    /// <summary>An organizer of the first seeded organization and a published innolab of theirs a month ahead, with the given participants.</summary>
    private async Task<(Actor Organizer, Event Innolab)> InnolabAsync(params string[] participants)
    {
        _ = _app.Server;
        string adminId;
        int organizationId;
        await using (var db = Db())
        {
            adminId = await db.Users.Where(u => u.Email == EventsWebFactory.AdminEmail).Select(u => u.Id).SingleAsync();
            organizationId = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        }
        var admin = new Actor(adminId, IsAdministrator: true, "Admin");
        var organizerId = await UseAsync<UserAdministration, string>(users => users.CreateAsync(admin,
            new NewUser($"organizer-{Unique()}@org.test", "Уюштуруучу Тест", "Strong-Pass-2026", [Roles.Organizer], [organizationId])));
        var organizer = new Actor(organizerId, IsAdministrator: false, "Уюштуруучу Тест");
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(10);
        var innolab = await UseAsync<SchedulingService, Event>(async scheduling =>
        {
            var e = await scheduling.CreateEventAsync(organizer, new EventDraft(organizationId, EventKind.Innolab, $"Иннолаб {Unique()}",
                Sessions: [new("1", start, "Asia/Bishkek", 240, SessionMode.Online, "https://zoom.us/j/1")]));
            return await scheduling.PublishAsync(organizer, e.Id);
        });
        int sessionId;
        await using (var db = Db())
            sessionId = await db.Sessions.Where(s => s.EventId == innolab.Id).Select(s => s.Id).SingleAsync();
        foreach (var name in participants)
            await UseAsync<RegistrationService, RegistrationResult>(r => r.RegisterAsync(sessionId,
                new RegistrationInput(name, $"p-{Unique()}@example.kg", "RU", Consent: true, Language: "ky"), "ky"));
        return (organizer, innolab);
    }

    /// <summary>Signs the organizer in (services are added before anything renders), then the providers and the panel.</summary>
    private (IRenderedComponent<InnolabPanel> Panel, IRenderedComponent<MudDialogProvider> Dialogs) RenderPanel(Actor organizer, int eventId)
    {
        ContestPageData.SignIn(this, organizer, Roles.Organizer);
        var dialogs = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        return (Render<InnolabPanel>(p => p.Add(x => x.EventId, eventId)), dialogs);
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<InnolabPanel> cut, string testId)
    {
        var e = cut.WaitForElement($"[data-testid={testId}]");
        return e.TagName is "INPUT" or "TEXTAREA" ? e : e.QuerySelector("input, textarea")!;
    }

    private static void Tick(IRenderedComponent<InnolabPanel> cut, string name) =>
        cut.FindAll("[data-testid=member-picker] label").Single(l => l.TextContent.Contains(name)).QuerySelector("input[type=checkbox]")!.Change(true);

    [Fact]
    public async Task EmptyState_ThenCreateTeam_ThenSaveItsProject()
    {
        var (organizer, innolab) = await InnolabAsync("Бакыт Осмонов", "Айгүл Асанова", "Нурлан Токтогулов");
        var (cut, _) = RenderPanel(organizer, innolab.Id);

        var empty = cut.WaitForElement("[data-testid=innolab-empty]");
        Assert.Contains("No teams yet", empty.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=innolab-team]"));
        Assert.Equal(3, cut.FindAll("[data-testid=member-option]").Count);

        // Name and two members, ticked Aigul first: she is the contact, listed first.
        Input(cut, "team-name-input").Change("Өрүк");
        Tick(cut, "Айгүл Асанова");
        Tick(cut, "Бакыт Осмонов");
        cut.Find("[data-testid=team-create]").Click();

        var card = cut.WaitForElement("[data-testid=innolab-team]");
        Assert.Equal("Өрүк", card.QuerySelector("[data-testid=team-name]")!.TextContent.Trim());
        Assert.Equal(["Айгүл Асанова", "Бакыт Осмонов"], card.QuerySelectorAll("[data-testid=team-members] .mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("The team has not written its project yet.", card.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=innolab-empty]"));
        // Only the one left without a team can be picked for a new team.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=team-new] [data-testid=member-option]")));

        Input(cut, "project-title").Change("Кургатылган өрүк");
        Input(cut, "project-summary").Change("Нарындагы күн кургаткычтар");
        cut.Find("[data-testid=project-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Draft", cut.Find("[data-testid=project-status]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=no-project]"));
        Assert.Contains("No notes yet.", cut.Find("[data-testid=innolab-team]").TextContent);
        await using var db = Db();
        var team = await db.InnolabTeams.Include(t => t.Project).Include(t => t.Members).SingleAsync(t => t.EventId == innolab.Id);
        Assert.Equal(("Кургатылган өрүк", "Нарындагы күн кургаткычтар", ProjectStatus.Draft), (team.Project!.Title, team.Project.Summary, team.Project.Status));
        Assert.Equal(2, team.Members.Count);

        // A mentor's note appears under the project.
        Input(cut, "note-text").Change("Кардарлар менен сүйлөшкүлө.");
        cut.Find("[data-testid=note-add]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Кардарлар менен сүйлөшкүлө.", cut.Find("[data-testid=notes]").TextContent));
        Assert.Contains("Уюштуруучу Тест", cut.Find("[data-testid=note]").TextContent);
    }

    [Fact]
    public async Task CreateTeam_Refused_MessagesInTheForm_NothingSaved()
    {
        var (organizer, innolab) = await InnolabAsync("Бакыт Осмонов");
        var (cut, _) = RenderPanel(organizer, innolab.Id);
        cut.WaitForElement("[data-testid=innolab-empty]");

        cut.Find("[data-testid=team-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("This field is required.", cut.Find("[data-testid=team-new]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=team-new] [data-field=memberRegistrationIds]"));
        await using var db = Db();
        Assert.False(await db.InnolabTeams.AnyAsync(t => t.EventId == innolab.Id));
    }

    [Fact]
    public async Task DeleteTeam_AsksFirst_ThenTheEmptyStateIsBack()
    {
        var (organizer, innolab) = await InnolabAsync("Бакыт Осмонов");
        await using (var db = Db())
        {
            var registration = await db.Registrations.SingleAsync(r => r.EventId == innolab.Id);
            await UseAsync<InnolabService, TeamView>(s => s.CreateTeamAsync(organizer, innolab.Id, "Өрүк", [registration.Id]));
        }
        var (cut, dialogs) = RenderPanel(organizer, innolab.Id);
        cut.WaitForElement("[data-testid=innolab-team]");

        cut.Find("[data-testid=team-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the team “Өрүк” with its project and notes?", dialogs.Markup));
        Assert.Single(cut.FindAll("[data-testid=innolab-team]")); // not yet
        await dialogs.FindAll("button").First(b => b.TextContent.Contains("Delete team")).ClickAsync(new());

        cut.WaitForElement("[data-testid=innolab-empty]");
        await using var check = Db();
        Assert.False(await check.InnolabTeams.AnyAsync(t => t.EventId == innolab.Id));
    }
}
