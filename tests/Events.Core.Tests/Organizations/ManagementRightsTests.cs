using Events.Core.Administration;
using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.People;
using Events.Core.Planning;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Organizations;

/// <summary>The rule is in Core: platform operations refuse anyone but an administrator, whoever calls them (page, endpoint, job).</summary>
public class ManagementRightsTests
{
    public static TheoryData<string> PlatformOperations => new()
    {
        "users.list", "users.find", "users.create", "outbox.list", "outbox.counts", "outbox.retry", "dashboard", "plan.targets", "organizations.create",
    };

    [Theory]
    [MemberData(nameof(PlatformOperations))]
    public async Task PlatformOperation_NotAdministrator_Forbidden(string operation)
    {
        await using var db = await TestDatabase.CreateAsync();
        int Count() { using var c = db.NewContext(); return c.Users.Count() + c.Organizations.Count() + c.PlanTargets.Count(); }
        var before = Count();
        var stranger = TestActors.Stranger;
        Func<Task> call = operation switch
        {
            "users.list" => () => db.Get<UserAdministration>().ListAsync(stranger),
            "users.find" => () => db.Get<UserAdministration>().FindAsync(stranger, "x"),
            "users.create" => () => db.Get<UserAdministration>().CreateAsync(stranger, new NewUser("x@example.kg", "X", "Strong-2026", [Roles.Administrator], [])),
            "outbox.list" => () => db.Get<OutboxAdministration>().ListAsync(stranger, null, null, 0, 10),
            "outbox.counts" => () => db.Get<OutboxAdministration>().CountsAsync(stranger),
            "outbox.retry" => () => db.Get<OutboxAdministration>().RetryAsync(stranger),
            "dashboard" => () => db.Get<AdministrationSummary>().GetAsync(stranger),
            "plan.targets" => () => db.Get<PlanService>().SetTargetsAsync(stranger, 2027, []),
            "organizations.create" => () => db.Get<Events.Core.Organizations.OrganizationService>().CreateAsync(stranger,
                new Events.Core.Organizations.OrganizationInput("Mine", Events.Core.Organizations.OrganizationKind.Ngo, "KG", "Asia/Bishkek")),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        await Assert.ThrowsAsync<ForbiddenException>(call);
        Assert.Equal(before, Count());
    }

    [Fact]
    public async Task SessionHistory_OrganizerOfAnotherOrganization_Forbidden_OwnOrganizer_Allowed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await RegistrationScenario.PublishedAsync(db, capacity: null, options: 1);
        var scheduling = db.Get<SchedulingService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => scheduling.HistoryAsync(TestActors.Stranger, e.Sessions[0].Id));
        Assert.NotEmpty(await scheduling.HistoryAsync(TestActors.Admin, e.Sessions[0].Id));
        await Assert.ThrowsAsync<NotFoundException>(() => scheduling.HistoryAsync(TestActors.Admin, 999_999));
    }
}
