using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Events.Web.Tests.Infrastructure;

/// <summary>The real app on a temporary SQLite file (migrated and seeded at start), without demo data.</summary>
public class EventsWebFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@events.test";
    public const string AdminPassword = "Admin-Test-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "events-web-tests", Guid.NewGuid().ToString("N"));

    public string PickupFolder => Path.Combine(_folder, "mail");

    /// <summary>0 turns the limit off; a subclass sets a small one to test it.</summary>
    protected virtual int RegistrationPermits => 0;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Events", $"Data Source={Path.Combine(_folder, "events.db")}");
        builder.UseSetting("DataProtection:KeysFolder", Path.Combine(_folder, "keys"));
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Email:PickupFolder", PickupFolder);
        builder.UseSetting("Contests:AttachmentsFolder", Path.Combine(_folder, "attachments")); // not the source tree's App_Data
        builder.UseSetting("RateLimiting:Registrations:PermitPerMinute", RegistrationPermits.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public HttpClient Anonymous(string? language = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    public async Task<HttpClient> SignedInAsync(string email = AdminEmail, string password = AdminPassword, string? language = null)
    {
        var client = Anonymous(language);
        var response = await client.PostAsJsonAsync("/api/v1/identity/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* left for the OS to clean */ }
    }
}
