using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Organizations;

public class OrganizationServiceTests
{
    private static OrganizationInput Embassy(string name = "Embassy in Poland") =>
        new(name, OrganizationKind.Embassy, "pl", "Europe/Warsaw", "warsaw@mfa.example", "Польшадагы элчилик", "Посольство в Польше", "Embassy in Poland");

    [Fact]
    public async Task CreateAsync_ValidInput_StoresNormalizedFields()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<OrganizationService>();

        var created = await service.CreateAsync(TestActors.Admin, Embassy("  Embassy in Poland  "));

        var stored = await service.FindAsync(created.Id);
        Assert.NotNull(stored);
        Assert.Equal("Embassy in Poland", stored.Name);
        Assert.Equal("PL", stored.CountryCode);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, stored.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedUtc.Kind);
    }

    [Fact]
    public async Task CreateAsync_BadInput_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<OrganizationService>();
        var before = (await service.ListAsync("en")).Total;

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.CreateAsync(TestActors.Admin, new OrganizationInput("X", OrganizationKind.Ngo, "ZZ", "Europe/Nowhere", "not-an-email")));

        Assert.Equal(["countryCode", "email", "timeZone"], e.Errors.Select(x => x.Field).Order());
        Assert.Equal(before, (await service.ListAsync("en")).Total);
    }

    [Fact]
    public async Task ListAsync_CyrillicSearchIgnoringCase_FindsInEveryLanguage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<OrganizationService>();
        await service.CreateAsync(TestActors.Admin, Embassy());

        Assert.Single((await service.ListAsync("ky", "ПОЛЬШАДАГЫ")).Items);
        Assert.Single((await service.ListAsync("ru", "посольство в польше")).Items);
        var row = Assert.Single((await service.ListAsync("ru", "poland")).Items);
        Assert.Equal("Посольство в Польше", row.Name);
    }

    [Fact]
    public async Task ListAsync_Paging_ReturnsTotalAndPage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<OrganizationService>();

        var page = await service.ListAsync("ky", kind: OrganizationKind.Embassy, skip: 5, take: 5);

        Assert.Equal(5, page.Items.Count);
        Assert.True(page.Total >= 15, $"embassies: {page.Total}");
        Assert.All(page.Items, o => Assert.Equal(OrganizationKind.Embassy, o.Kind));
    }

    [Fact]
    public async Task Members_AddTwiceRemove_ManagedOrganizationsFollow_OnlyAdministratorsChangeThem()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<OrganizationService>();
        var org = await service.CreateAsync(TestActors.Admin, Embassy());
        var userId = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin, 
            new NewUser("consul@mfa.example", "Консул", "Consul-2026", [Roles.Organizer], []));

        await service.AddMemberAsync(TestActors.Admin, org.Id, userId);
        await service.AddMemberAsync(TestActors.Admin, org.Id, userId);
        Assert.Single(await service.MembersAsync(TestActors.Admin, org.Id));
        var member = new Actor(userId, IsAdministrator: false);
        Assert.Equal([org.Id], (await service.ManagedAsync(member, "ky")).Select(o => o.Id));
        Assert.True((await service.ManagedAsync(TestActors.Admin, "ky")).Count > 1);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.AddMemberAsync(member, org.Id, userId));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(member, Embassy("Not mine")));

        await service.RemoveMemberAsync(TestActors.Admin, org.Id, userId);
        Assert.Empty(await service.MembersAsync(TestActors.Admin, org.Id));
    }

    [Fact]
    public async Task UpdateAsync_Unknown_NotFound()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => db.Get<OrganizationService>().UpdateAsync(TestActors.Admin, 999_999, Embassy()));
    }
}
