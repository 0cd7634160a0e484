using System.Security.Claims;
using Bunit;
using Events.Core.Data;
using Events.Core.People;
using Events.Web.Components.Pages.Organizations;
using Events.Web.Components.Pages.People;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Events.Web.Tests.Pages.Administration;

/// <summary>Back-office pages rendered with bUnit against the real services and a real SQLite database: what a click does, not how markup looks.</summary>
public class AdminPageTests : MudComponentTest, IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app;

    public AdminPageTests(EventsWebFactory app) : base(app, "ky") => _app = app;

    private EventsDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    private async Task SignInAsAdministratorAsync()
    {
        await using var db = Db();
        var adminId = await db.Users.Where(u => u.Email == EventsWebFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        var auth = AddAuthorization();
        auth.SetAuthorized(EventsWebFactory.AdminEmail);
        auth.SetRoles(Roles.Administrator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, adminId));
    }

    [Fact]
    public async Task Organizations_Search_GridKeepsOnlyMatchingOrganizations()
    {
        await SignInAsAdministratorAsync();
        Render<MudPopoverProvider>();
        var cut = Render<Organizations>();
        cut.WaitForAssertion(() => Assert.Contains("Кыргыз Республикасынын Россиядагы элчилиги (Москва)", cut.Markup));
        Assert.Contains("Түркиядагы", cut.Markup);

        cut.Find("input[type=text]").Input("Москва");

        cut.WaitForAssertion(() => Assert.DoesNotContain("Түркиядагы", cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Contains("Россиядагы элчилиги (Москва)", cut.Markup);
    }

    [Fact]
    public async Task OrganizationEdit_SaveEmpty_LocalizedFieldErrors_NothingStored()
    {
        await SignInAsAdministratorAsync();
        await using var db = Db();
        var before = await db.Organizations.CountAsync();
        Render<MudPopoverProvider>();
        var cut = Render<OrganizationEdit>();

        cut.Find("[data-testid=organization-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Бул талааны толтуруңуз.", cut.Markup));
        Assert.Contains("Белгисиз өлкө", cut.Markup);
        Assert.Equal(before, await db.Organizations.CountAsync());
    }

    [Fact]
    public async Task UserEdit_FillAndSave_CreatesUserWithChosenRole()
    {
        await SignInAsAdministratorAsync();
        Render<MudPopoverProvider>();
        var cut = Render<UserEdit>();
        var email = $"trainer.{Guid.NewGuid():N}@example.kg";
        AngleSharp.Dom.IElement Field(string testId)
        {
            var e = cut.WaitForElement($"[data-testid={testId}]");
            return e.TagName == "INPUT" ? e : e.QuerySelector("input")!;
        }
        Field("user-fullname").Change("Тренер Тестов");
        foreach (var role in new[] { "Администратор", "Уюштуруучу", "Тренер", "Аналитик", "Катышуучу", "Калыс" })
            Assert.Contains(role, cut.Markup); // every role can be given
        Field("user-email").Change(email);
        Field("user-password").Change("Trainer-2026");
        var trainer = cut.FindAll("label").Single(l => l.TextContent.Contains("Тренер") && l.QuerySelector("input[type=checkbox]") is not null);
        trainer.QuerySelector("input[type=checkbox]")!.Change(true);

        cut.Find("[data-testid=user-save]").Click();

        await using var db = Db();
        var user = await WaitForAsync(() => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email));
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        Assert.Equal([Roles.Trainer], roles);
        Assert.True(user.EmailConfirmed); // an administrator vouches for the address they typed
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> read) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (await read() is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException("not stored");
    }
}
