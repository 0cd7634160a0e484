using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Api;

public class OrganizationApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private static object Body(string name = "Посольство в Польше", string timeZone = "Europe/Warsaw", string country = "PL") =>
        new { name, kind = "Embassy", countryCode = country, timeZone };

    [Theory]
    [InlineData("ru", "Посольство Кыргызской Республики в России (Москва)")]
    [InlineData("ky", "Кыргыз Республикасынын Россиядагы элчилиги (Москва)")]
    [InlineData("en", "Embassy of the Kyrgyz Republic in Russia (Moscow)")]
    public async Task List_Public_NamesInRequestLanguage(string language, string moscow)
    {
        var list = await app.Anonymous(language).GetFromJsonAsync<JsonElement>("/api/v1/organizations");

        var embassy = list.EnumerateArray().Single(o => o.GetProperty("name").GetString() == moscow);
        Assert.Equal("Embassy", embassy.GetProperty("kind").GetString());
        Assert.Equal("RU", embassy.GetProperty("countryCode").GetString());
        Assert.Equal("Europe/Moscow", embassy.GetProperty("timeZone").GetString());
        Assert.True(embassy.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task Create_WithoutToken_401Problem()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/organizations", Body());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_AsOrganizer_403()
    {
        var admin = await app.SignedInAsync();
        (await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email = "org403@events.test", fullName = "Organizer", password = "Organizer-2026", roles = new[] { "Organizer" }, organizationIds = Array.Empty<int>(),
        })).EnsureSuccessStatusCode();
        var organizer = await app.SignedInAsync("org403@events.test", "Organizer-2026");

        var response = await organizer.PostAsJsonAsync("/api/v1/organizations", Body());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Create_AsAdministrator_201AndListed()
    {
        var admin = await app.SignedInAsync(language: "ru");

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", Body("Посольство в Швеции", "Europe/Stockholm", "se"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/organizations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("SE", created.GetProperty("countryCode").GetString());
        var list = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        Assert.Contains(list.EnumerateArray(), o => o.GetProperty("id").GetInt32() == id && o.GetProperty("name").GetString() == "Посольство в Швеции");
    }

    [Theory]
    [InlineData("ky", "Белгисиз саат алкагы")]
    [InlineData("ru", "Неизвестный часовой пояс")]
    [InlineData("en", "Unknown time zone")]
    public async Task Create_UnknownTimeZone_400LocalizedPerField(string language, string message)
    {
        var admin = await app.SignedInAsync(language: language);

        var response = await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "", kind = "Embassy", countryCode = "XX", timeZone = "Europe/Atlantis" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.StartsWith(message, errors.GetProperty("timeZone")[0].GetString());
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("countryCode", out _));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Create_MalformedJson_400Problem()
    {
        var admin = await app.SignedInAsync(language: "en");

        var response = await admin.PostAsync("/api/v1/organizations", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_Unknown_404Problem()
    {
        var response = await app.Anonymous("ru").GetAsync("/api/v1/organizations/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Не найдено.", problem.GetProperty("title").GetString());
    }
}
