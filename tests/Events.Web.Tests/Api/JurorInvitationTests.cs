using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Events.Core.Data;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>A person invited to a jury by email: a new account sets its password through the mailed link, then signs in as a juror.</summary>
public class JurorInvitationTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private readonly ContestKit _kit = new(app);

    private async Task<MimeKit.MimeMessage> InvitationAsync(string email)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var stored = await db.Outbox.AsNoTracking().SingleAsync(m => m.To == email && m.Kind == "JurorInvitation");
        return await MimeKit.MimeMessage.LoadAsync(new MemoryStream(stored.MimeBytes()));
    }

    [Fact]
    public async Task NewPerson_InvitedInRussian_SetsPasswordThroughTheLink_SignsInAndSeesTheContest()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var email = $"invited.{Guid.NewGuid():N}@example.kg";

        var invited = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite",
            new { email, fullName = "Чолпон Исакова", affiliation = "КНУ", language = "ru" }), HttpStatusCode.Created);
        Assert.Equal("Чолпон Исакова", invited.GetProperty("fullName").GetString());
        var jurors = await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/jurors"), HttpStatusCode.OK);
        Assert.Contains(jurors.EnumerateArray(), j => j.GetProperty("email").GetString() == email && j.GetProperty("affiliation").GetString() == "КНУ");

        var message = await InvitationAsync(email);
        Assert.StartsWith("Вас пригласили в жюри", message.Subject, StringComparison.Ordinal);
        var link = Regex.Match(message.TextBody ?? "", @"http\S+/account/set-password\?\S+").Value;
        Assert.NotEmpty(link);

        var client = app.Anonymous();
        var uri = new Uri(link);
        var page = await client.GetStringAsync(uri.PathAndQuery);
        Assert.Contains(email, page);
        string Field(string html, string name) => WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "set-password", ["__RequestVerificationToken"] = Field(page, "__RequestVerificationToken"),
            ["Input.Email"] = Field(page, "Input.Email"), ["Input.Code"] = Field(page, "Input.Code"),
            ["Input.Password"] = "Juror-Chosen-2026", ["Input.Confirm"] = "Juror-Chosen-2026",
        };
        var done = await (await client.PostAsync("/account/set-password", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"password-set\"", done);

        // The link is spent: a second use does not set anything.
        var again = await (await client.PostAsync("/account/set-password", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"set-password-error\"", again);

        var login = await app.Anonymous().PostAsJsonAsync("/api/v1/identity/login", new { email, password = "Juror-Chosen-2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task ExistingAccount_GetsTheJurorRole_AndAnInvitationWithoutPasswordLink()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var trainer = await _kit.UserAsync("Trainer");

        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite", new { email = trainer.Email }), HttpStatusCode.Created);

        var message = await InvitationAsync(trainer.Email);
        Assert.DoesNotContain("set-password", message.TextBody);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var roles = await db.UserRoles.Where(ur => ur.UserId == trainer.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync();
        Assert.Contains("Juror", roles);
        Assert.Contains("Trainer", roles);
    }

    [Fact]
    public async Task NewPerson_WithoutName_400_AndNoAccountMade()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var email = $"nameless.{Guid.NewGuid():N}@example.kg";

        var problem = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite", new { email }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("fullName", out _));
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task UnknownCategory_400_AndNoAccountOrRoleLeftBehind()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var email = $"category.{Guid.NewGuid():N}@example.kg";

        var problem = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite",
            new { email, fullName = "Бакыт Категориясыз", categories = new[] { "No such category" } }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("categories", out _));
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task InvitedAgain_BeforeSettingAPassword_GetsAFreshLink_AfterItADuplicateIs409()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var email = $"again.{Guid.NewGuid():N}@example.kg";
        var body = new { email, fullName = "Айпери Кайталоо" };
        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite", body), HttpStatusCode.Created);

        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite", body), HttpStatusCode.Created);

        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var invitations = await db.Outbox.AsNoTracking().Where(m => m.To == email && m.Kind == "JurorInvitation").ToListAsync();
        Assert.Equal(2, invitations.Count);
        var second = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(invitations[1].MimeBytes()));
        Assert.Contains("/account/set-password?", second.TextBody);
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.PasswordHash = "set"; // as if the person had chosen a password
        await db.SaveChangesAsync();
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors/invite", body), HttpStatusCode.Conflict);
    }
}
