using Bunit;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;
using Events.Web.Components.Pages.Training;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Training;

/// <summary>The trainer's roster of a session (English UI) over the real services and database; the app runs on real time.</summary>
public class RosterPageTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app = app;

    private sealed record Program(int EventId, int RunningSessionId, int TomorrowSessionId, Actor Trainer, IReadOnlyList<int> People);

    private async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private EventsDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    /// <summary>A published training with a session that started 30 minutes ago and one tomorrow, its trainer, and three people enrolled.</summary>
    private async Task<Program> ProgramAsync(params string[] names)
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
        var u = ContestPageData.Unique();
        var trainerId = await UseAsync<UserAdministration, string>(users => users.CreateAsync(admin,
            new NewUser($"trainer-{u}@org.test", "Тренер Тестов", ContestPageData.Password, [Roles.Trainer], [])));
        var start = DateTime.UtcNow.AddMinutes(-30);
        var running = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0);
        var e = await UseAsync<SchedulingService, Event>(async scheduling =>
        {
            var created = await scheduling.CreateEventAsync(admin, new EventDraft(organizationId, EventKind.Training, $"Excel {u}",
                Sessions:
                [
                    new SessionInput(null, running, "Etc/UTC", 60, SessionMode.Online, "https://zoom.us/j/1"),
                    new SessionInput(null, running.AddDays(1), "Etc/UTC", 60, SessionMode.Online, "https://zoom.us/j/1"),
                ]));
            return await scheduling.PublishAsync(admin, created.Id);
        });
        await UseAsync<ProgramService, EventTrainer>(programs => programs.AddTrainerAsync(admin, e.Id, trainerId));
        var sessions = e.Sessions.OrderBy(s => s.StartUtc).Select(s => s.Id).ToList();
        var people = new List<int>();
        foreach (var name in names)
        {
            var r = await UseAsync<RegistrationService, RegistrationResult>(registrations => registrations.RegisterAsync(sessions[0],
                new RegistrationInput(name, $"{ContestPageData.Unique()}@example.kg", "TR", Consent: true), "en"));
            people.Add(r.Registration.Id);
        }
        return new Program(e.Id, sessions[0], sessions[1], new Actor(trainerId, IsAdministrator: false, "Тренер Тестов"), people);
    }

    private IRenderedComponent<RosterPage> Page(Program p, int sessionId)
    {
        ContestPageData.SignIn(this, p.Trainer, Roles.Trainer);
        return Render<RosterPage>(x => x.Add(c => c.SessionId, sessionId));
    }

    private async Task<Dictionary<int, AttendanceStatus>> MarksAsync(int sessionId)
    {
        await using var db = Db();
        return await db.Attendance.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.RegistrationId, a => a.Status);
    }

    [Fact]
    public async Task Rows_OnePerEnrolledPerson_ByName_WithCounts()
    {
        var p = await ProgramAsync("Чолпон Рыскулова", "Айгүл Асанова", "Бакыт Осмонов");

        var cut = Page(p, p.RunningSessionId);

        cut.WaitForElement("[data-testid=roster]");
        var rows = cut.FindAll("[data-testid=roster-row]");
        Assert.Equal(["Айгүл Асанова", "Бакыт Осмонов", "Чолпон Рыскулова"], rows.Select(r => r.QuerySelector(".roster-name p")!.TextContent.Trim()));
        Assert.Equal(p.People.Order().Select(id => id.ToString()), rows.Select(r => r.GetAttribute("data-registration")!).Order());
        Assert.Contains("Not marked: 3", cut.Find("[data-testid=roster-counts]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=roster-not-started]"));
        Assert.NotNull(cut.Find("[data-testid=import-panel]"));
        Assert.Null(cut.Find("[data-testid=roster-all-present]").GetAttribute("disabled"));
    }

    [Fact]
    public async Task MarkAllPresent_MarksTheUnmarked_KeepsExistingMarks()
    {
        var p = await ProgramAsync("Айгүл Асанова", "Бакыт Осмонов", "Чолпон Рыскулова");
        await UseAsync<AttendanceService, AttendanceRecord>(a => a.MarkAsync(p.Trainer, p.RunningSessionId, p.People[0], AttendanceStatus.Excused, "Ооруп калды"));
        var cut = Page(p, p.RunningSessionId);
        cut.WaitForElement("[data-testid=roster]");
        Assert.Contains("Not marked: 2", cut.Find("[data-testid=roster-counts]").TextContent);

        await cut.Find("[data-testid=roster-all-present]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Present: 2", cut.Find("[data-testid=roster-counts]").TextContent));
        Assert.Contains("Excused: 1", cut.Find("[data-testid=roster-counts]").TextContent);
        Assert.Contains("Not marked: 0", cut.Find("[data-testid=roster-counts]").TextContent);
        Assert.Equal(new Dictionary<int, AttendanceStatus>
        {
            [p.People[0]] = AttendanceStatus.Excused, [p.People[1]] = AttendanceStatus.Present, [p.People[2]] = AttendanceStatus.Present,
        }, await MarksAsync(p.RunningSessionId));
    }

    [Fact]
    public async Task NotStarted_Banner_NothingToMark()
    {
        var p = await ProgramAsync("Айгүл Асанова");

        var cut = Page(p, p.TomorrowSessionId);

        var banner = cut.WaitForElement("[data-testid=roster-not-started]");
        Assert.Equal("Marks can be set once the session starts.", banner.TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=roster-all-present]").GetAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=import-panel]"));
        Assert.Single(cut.FindAll("[data-testid=roster-row]"));
        Assert.Empty(await MarksAsync(p.TomorrowSessionId));
    }

    [Fact]
    public async Task TrainerOfAnotherProgram_SeesAWarning_NoRows()
    {
        var mine = await ProgramAsync("Айгүл Асанова");
        var other = await ProgramAsync("Бакыт Осмонов");

        var cut = Page(mine, other.RunningSessionId);

        cut.WaitForElement(".mud-alert");
        Assert.Empty(cut.FindAll("[data-testid=roster-row]"));
        Assert.DoesNotContain("Бакыт Осмонов", cut.Markup);
    }
}
