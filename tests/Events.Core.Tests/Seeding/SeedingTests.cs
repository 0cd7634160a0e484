using Events.Core.People;
using Events.Core.Reference;
using Events.Core.Seeding;
using Events.Core.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Seeding;

public class SeedingTests
{
    [Fact]
    public async Task ReferenceData_SeededTwice_SameRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<ReferenceDataSeeder>().SeedAsync();

        await using var context = db.NewContext();
        Assert.Equal(CountryCatalog.All.Count, await context.Countries.CountAsync());
        Assert.Equal(ReferenceOrganizations.All.Count, await context.Organizations.CountAsync());
        Assert.Equal(Roles.All.Order(), (await context.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    [Fact]
    public async Task ReferenceData_HasTheAudiencesMissions()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.NewContext();
        var codes = await context.Organizations.Select(o => o.Code).ToListAsync();

        foreach (var code in new[] { "MLSSM", "MFA", "EMB-RU", "CON-RU-NOVOSIBIRSK", "CON-RU-YEKATERINBURG", "EMB-TR", "EMB-KZ", "EMB-DE",
                     "EMB-IT", "EMB-KR", "EMB-US", "EMB-AE", "EMB-GB" })
            Assert.Contains(code, codes);
        var novosibirsk = await context.Organizations.SingleAsync(o => o.Code == "CON-RU-NOVOSIBIRSK");
        Assert.Equal("Asia/Novosibirsk", novosibirsk.TimeZone);
        Assert.All(await context.Organizations.ToListAsync(), o => Assert.True(Events.Core.Common.TimeZones.IsValidIana(o.TimeZone), o.TimeZone));
    }

    [Fact]
    public void Countries_AllIsoCodesWithThreeNamesAndRealZones()
    {
        Assert.Equal(249, CountryCatalog.All.Count);
        Assert.Equal(CountryCatalog.All.Count, CountryCatalog.All.Select(c => c.Code).Distinct().Count());
        Assert.All(CountryCatalog.All, c =>
        {
            Assert.Matches("^[A-Z]{2}$", c.Code);
            Assert.False(string.IsNullOrWhiteSpace(c.NameKy + c.NameRu + c.NameEn));
            Assert.True(Events.Core.Common.TimeZones.IsValidIana(c.TimeZone), $"{c.Code}: {c.TimeZone}");
        });
        var kg = CountryCatalog.All.Single(c => c.Code == "KG");
        Assert.Equal(("Кыргызстан", "Кыргызстан", "Kyrgyzstan"), (kg.NameKy, kg.NameRu, kg.NameEn));
        Assert.Equal("Түркия", CountryCatalog.All.Single(c => c.Code == "TR").NameKy);
    }

    [Fact]
    public async Task Administrator_FirstRunWithoutPassword_GeneratesStrongOneOnce()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["Seed:AdminPassword"] = "", ["Seed:AdminEmail"] = "root@events.kg" });
        await db.Get<AdministratorSeeder>().SeedAsync();
        await db.Get<AdministratorSeeder>().SeedAsync();

        var users = db.Get<UserManager<EventsUser>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        var admin = Assert.Single(admins);
        Assert.Equal("root@events.kg", admin.Email);
        Assert.NotNull(admin.PasswordHash);
    }

    [Fact]
    public async Task Administrator_ConfiguredPassword_SignsIn()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["Seed:AdminPassword"] = "Configured-2026" });
        await db.Get<AdministratorSeeder>().SeedAsync();

        var users = db.Get<UserManager<EventsUser>>();
        var admin = await users.FindByEmailAsync("admin@events.local");
        Assert.True(await users.CheckPasswordAsync(admin!, "Configured-2026"));
    }

    [Fact]
    public void PasswordGenerator_Strong_HasEveryClassAndDiffers()
    {
        var a = PasswordGenerator.Strong();
        var b = PasswordGenerator.Strong();
        Assert.Equal(20, a.Length);
        Assert.NotEqual(a, b);
        Assert.Contains(a, char.IsDigit);
        Assert.Contains(a, char.IsUpper);
        Assert.Contains(a, char.IsLower);
        Assert.Contains(a, c => !char.IsLetterOrDigit(c));
    }

    [Fact]
    public async Task Demo_SeededTwice_PeopleOnceSpreadLikeTheAudience()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");

        await using var context = db.NewContext();
        var compatriots = await context.Users.Where(u => u.Email!.StartsWith("compatriot")).ToListAsync();
        Assert.Equal(DemoPeople.CompatriotCount, compatriots.Count);
        var inRussia = compatriots.Count(u => u.CountryCode == "RU") / (double)compatriots.Count;
        Assert.InRange(inRussia, 0.45, 0.68);
        Assert.True(compatriots.Select(u => u.CountryCode).Distinct().Count() >= 10);
        Assert.Contains(compatriots, u => u.Gender == Gender.Female);
        Assert.Contains(compatriots, u => u.Gender == Gender.Male);

        var users = db.Get<UserManager<EventsUser>>();
        var organizer = await users.FindByEmailAsync($"organizer@{DemoPeople.EmailDomain}");
        Assert.True(await users.CheckPasswordAsync(organizer!, "Demo-Test-2026"));
        Assert.True(await users.IsInRoleAsync(organizer!, Roles.Organizer));
    }

    [Fact]
    public async Task Demo_Contests_ClosedShortlist_OpenFinalOfItsBest_PublishedStories()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        var admin = TestActors.Admin;
        var contests = db.Get<Events.Core.Contests.ContestService>();

        await using var context = db.NewContext();
        var mykty = await context.Contests.Include(c => c.Rounds).SingleAsync(c => c.Kind == Events.Core.Contests.ContestKind.MyktyMekendesh);
        var rounds = mykty.Rounds.OrderBy(r => r.Number).ToList();
        Assert.Equal([Events.Core.Contests.RoundStatus.Closed, Events.Core.Contests.RoundStatus.Open], rounds.Select(r => r.Status));
        var shortlist = await contests.ResultsAsync(admin, rounds[0].Id, null);
        Assert.Equal(8, shortlist.Count);
        Assert.All(shortlist, r => Assert.Equal(3, r.JurorCount)); // every sheet of the shortlist is final
        // The final judges the shortlist's four best, and one juror is not done yet.
        var final = await contests.ResultsAsync(admin, rounds[1].Id, null);
        Assert.Equal(shortlist.Take(4).Select(r => r.EntryId).Order(), final.Select(r => r.EntryId).Order());
        Assert.Contains(final, r => r.JurorCount == 2);
        Assert.Equal(2, (await contests.SuccessStoriesAsync("ky")).Count);
        // The jury can sign in with the demo password.
        var users = db.Get<UserManager<EventsUser>>();
        var juror = await users.FindByEmailAsync($"juror3@{DemoPeople.EmailDomain}");
        Assert.True(await users.CheckPasswordAsync(juror!, "Demo-Test-2026"));
    }
}
