using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.People;

public class UserAdministrationTests
{
    [Fact]
    public async Task CreateAsync_WithRolesAndOrganizations_ListsThem()
    {
        await using var db = await TestDatabase.CreateAsync();
        var orgs = await db.Get<OrganizationService>().ListAsync("en", "Moscow");
        var moscow = Assert.Single(orgs.Items);
        var service = db.Get<UserAdministration>();

        var id = await service.CreateAsync(TestActors.Admin, new NewUser(" Aizada@Example.kg ", "Айзада Үсөнова", "Strong-2026",
            [Roles.Organizer, Roles.Trainer], [moscow.Id], "ru"));

        var row = await service.FindAsync(TestActors.Admin, id);
        Assert.NotNull(row);
        Assert.Equal("Aizada@Example.kg", row.Email);
        Assert.Equal([Roles.Organizer, Roles.Trainer], row.Roles);
        Assert.Equal(moscow.Id, Assert.Single(row.Organizations).Id);
        Assert.Single((await service.ListAsync(TestActors.Admin, "үсөнова")).Items);
        Assert.Single((await service.ListAsync(TestActors.Admin, role: Roles.Trainer)).Items);
        var user = await db.Get<UserManager<EventsUser>>().FindByIdAsync(id);
        Assert.True(await db.Get<UserManager<EventsUser>>().CheckPasswordAsync(user!, "Strong-2026"));
    }

    [Fact]
    public async Task CreateAsync_SameEmailOtherCase_Conflict()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<UserAdministration>();
        await service.CreateAsync(TestActors.Admin, new NewUser("juror@example.kg", "Juror", "Strong-2026", [Roles.Juror], []));

        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            service.CreateAsync(TestActors.Admin, new NewUser("JUROR@example.kg", "Juror 2", "Strong-2026", [Roles.Juror], [])));
        Assert.Equal("Conflict_UserEmailTaken", e.Key);
    }

    [Fact]
    public async Task CreateAsync_UnknownRoleAndOrganization_AllFieldsReported()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser("bad", "", "Strong-2026", ["Emperor"], [424242])));

        Assert.Equal(["email", "fullName", "organizationIds", "roles"], e.Errors.Select(x => x.Field).Order());
    }

    [Fact]
    public async Task CreateAsync_WeakPassword_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser("weak@example.kg", "Weak", "short", [Roles.Analyst], [])));

        Assert.Contains(e.Errors, x => x.Key == "Identity_PasswordTooShort");
        await using var context = db.NewContext();
        Assert.False(await context.Users.AnyAsync(u => u.Email == "weak@example.kg"));
    }

    [Fact]
    public async Task UpdateAsync_ReplacesRolesAndOrganizations()
    {
        await using var db = await TestDatabase.CreateAsync();
        var orgs = (await db.Get<OrganizationService>().ListAsync("en", kind: OrganizationKind.Consulate)).Items;
        var service = db.Get<UserAdministration>();
        var id = await service.CreateAsync(TestActors.Admin, new NewUser("o@example.kg", "O", "Strong-2026", [Roles.Organizer], [orgs[0].Id]));

        await service.UpdateAsync(TestActors.Admin, id, new UserChanges("Осмон", [Roles.Analyst], [orgs[1].Id, orgs[2].Id]));

        var row = await service.FindAsync(TestActors.Admin, id);
        Assert.Equal("Осмон", row!.FullName);
        Assert.Equal([Roles.Analyst], row.Roles);
        Assert.Equal(new[] { orgs[1].Id, orgs[2].Id }.Order(), row.Organizations.Select(o => o.Id).Order());
    }
}
