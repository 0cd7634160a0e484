using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Api;

public class UserAndIdentityApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    [Fact]
    public async Task Login_Administrator_BearerTokenShape()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/identity/login",
            new { email = EventsWebFactory.AdminEmail, password = EventsWebFactory.AdminPassword });

        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrEmpty(token.GetProperty("refreshToken").GetString()));
        Assert.True(token.GetProperty("expiresIn").GetInt64() > 0);
    }

    [Fact]
    public async Task Login_WrongPassword_401()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/identity/login",
            new { email = EventsWebFactory.AdminEmail, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Register_SelfRegistrationOff_404()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/identity/register",
            new { email = "intruder@example.com", password = "Intruder-2026" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateUser_Administrator_201ThenSignsInWithRole()
    {
        var admin = await app.SignedInAsync();
        var orgs = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var orgId = orgs[0].GetProperty("id").GetInt32();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "trainer@events.test", fullName = "Бермет Жумабаева", password = "Trainer-2026",
            roles = new[] { "Trainer", "Organizer" }, organizationIds = new[] { orgId },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?search=жумабаева");
        var row = Assert.Single(users.EnumerateArray());
        Assert.Equal(["Organizer", "Trainer"], row.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await app.SignedInAsync("trainer@events.test", "Trainer-2026");
    }

    [Fact]
    public async Task CreateUser_DuplicateEmail_409Localized()
    {
        var admin = await app.SignedInAsync(language: "ky");
        var body = new { email = "dup@events.test", fullName = "Dup", password = "Duplicate-2026", roles = new[] { "Analyst" }, organizationIds = Array.Empty<int>() };
        (await admin.PostAsJsonAsync("/api/v1/users", body)).EnsureSuccessStatusCode();

        var response = await admin.PostAsJsonAsync("/api/v1/users", body with { email = " DUP@events.test " });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("электрондук почта", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateUser_UnknownRole_400()
    {
        var admin = await app.SignedInAsync(language: "en");
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "emperor@events.test", fullName = "E", password = "Emperor-2026", roles = new[] { "Emperor" }, organizationIds = Array.Empty<int>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Unknown role", problem.GetProperty("errors").GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task CreateUser_Anonymous_401()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/users", new { email = "x@events.test" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SelfRegistrationFactory : EventsWebFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:AllowSelfRegistration", "true");
        builder.UseSetting("App:PublicBaseUrl", "https://events.example.kg");
    }
}

/// <summary>An account opened by anyone reaches "my events" only through the link mailed to its address.</summary>
public class SelfRegistrationTests(SelfRegistrationFactory app) : IClassFixture<SelfRegistrationFactory>
{
    [Fact]
    public async Task Register_ConfirmationMailedThroughOutbox_LinkConfirmsAndOpensMyEvents()
    {
        var email = $"self.{Guid.NewGuid():N}@example.kg";
        var response = await app.Anonymous("ru").PostAsJsonAsync("/api/v1/identity/register", new { email, password = "Self-Reg-2026" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Events.Core.Data.EventsDbContext>>().CreateDbContext();
        var user = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Email == email);
        Assert.False(user.EmailConfirmed);
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Outbox, m => m.To == email);
        Assert.Equal("ConfirmEmail", stored.Kind);
        var message = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(stored.MimeBytes()));
        Assert.Equal("Подтвердите адрес электронной почты", message.Subject); // the language of the request that opened the account
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"http\S+confirmEmail\?\S+").Value;
        Assert.DoesNotContain("&amp;", link); // Identity hands the link HTML-encoded; the text part carries it as it is
        // Identity builds it from the request's Host (here "localhost", chosen by the caller): the mail points at App:PublicBaseUrl.
        Assert.StartsWith("https://events.example.kg/api/v1/identity/confirmEmail?", link, StringComparison.Ordinal);
        var uri = new Uri(link);

        var confirm = await app.Anonymous().GetAsync(uri.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/my/events?confirmed=true", confirm.Headers.Location!.OriginalString);
        await db.Entry(user).ReloadAsync();
        Assert.True(user.EmailConfirmed);
    }
}
