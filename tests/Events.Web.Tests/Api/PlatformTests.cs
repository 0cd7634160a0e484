using System.Net;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Api;

/// <summary>Health, OpenAPI, pages in three languages, language cookie and access to the back office.</summary>
public class PlatformTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    [Fact]
    public async Task Health_DatabaseReachable_Healthy()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DescribesTheApiAndBearerScheme()
    {
        var doc = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/organizations", out _));
        Assert.True(paths.TryGetProperty("/api/v1/users", out _));
        Assert.True(paths.TryGetProperty("/api/v1/identity/login", out _));
        Assert.False(paths.TryGetProperty("/preferences/culture", out _));
        Assert.True(doc.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
        Assert.Equal("Events API", doc.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task ApiReference_Browsable()
    {
        var response = await app.CreateClient().GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Home_NoCookie_KyrgyzByDefault()
    {
        var html = await app.Anonymous().GetStringAsync("/");
        Assert.Contains("<html lang=\"ky\"", html);
        Assert.Contains("Мекендештер үчүн иш-чаралар", html);
    }

    [Theory]
    [InlineData("ru", "Мероприятия для соотечественников")]
    [InlineData("en", "Events for compatriots")]
    [InlineData("ky", "Мекендештер үчүн иш-чаралар")]
    public async Task Culture_SetByLink_RemembersInCookie(string culture, string heading)
    {
        var client = app.Anonymous();
        var set = await client.GetAsync($"/preferences/culture?culture={culture}&returnUrl=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location?.OriginalString);
        var cookie = set.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture="));

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"{culture}\"", html);
        Assert.Contains(heading, html);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Culture_ForeignReturnUrl_GoesHome(string returnUrl)
    {
        var response = await app.Anonymous().GetAsync($"/preferences/culture?culture=ru&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Culture_Unsupported_IgnoredKyrgyzStays()
    {
        var client = app.Anonymous();
        var set = await client.GetAsync("/preferences/culture?culture=de&returnUrl=/");
        Assert.False(set.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Culture=")));
        Assert.Contains("<html lang=\"ky\"", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/organizations")]
    [InlineData("/admin/users")]
    public async Task BackOffice_Anonymous_RedirectedToSignIn(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task UnknownPage_404InLanguage()
    {
        var client = app.Anonymous();
        await client.GetAsync("/preferences/culture?culture=ru&returnUrl=/");
        var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Страница не найдена", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_BrowserAsksEnglish_PageStaysKyrgyz()
    {
        var html = await app.Anonymous("en-US").GetStringAsync("/");
        Assert.Contains("<html lang=\"ky\"", html);
    }

    [Fact]
    public async Task Login_WrongPassword_ErrorInLanguage()
    {
        var client = app.Anonymous();
        await client.GetAsync("/preferences/culture?culture=en&returnUrl=/");
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token,
            ["Input.Email"] = EventsWebFactory.AdminEmail, ["Input.Password"] = "not-the-password",
        });

        var response = await client.PostAsync("/account/login", form);

        Assert.Contains("The email or password is not correct.", await response.Content.ReadAsStringAsync());
    }
}
