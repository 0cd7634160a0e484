using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Api;

public class RegistrationApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private async Task<JsonElement> PublishedEventAsync(int? capacity = 2, bool requiresApproval = false)
    {
        var admin = await app.SignedInAsync();
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var org = orgs.EnumerateArray().First(o => o.GetProperty("name").GetString()!.Contains("Labor")).GetProperty("id").GetInt32();
        var created = await (await admin.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = org, kind = "OnlineMekendesh", title = "Онлайн-Мекендеш", requiresApproval,
            sessions = new object[]
            {
                new { start = "2027-03-27T18:00", timeZone = "America/New_York", durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/1", capacity },
                new { start = "2027-03-28T13:00", timeZone = "Asia/Bishkek", durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/2", capacity },
            },
        })).Content.ReadFromJsonAsync<JsonElement>();
        return await (await admin.PostAsync($"/api/v1/events/{created.GetProperty("id").GetInt32()}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static object Person(string email, bool consent = true, string country = "RU") => new
    {
        fullName = "Айгүл Асанова", email, countryCode = country, city = "Москва", homeRegion = "Osh", gender = "Female", birthYear = 1990,
        language = "ky", timeZone = "Europe/Moscow", consent,
    };

    private static int Session(JsonElement e, int i) => e.GetProperty("sessions")[i].GetProperty("id").GetInt32();

    [Fact]
    public async Task Register_ConfirmedThenWaitlisted_ContractShape()
    {
        var e = await PublishedEventAsync(capacity: 1);
        var client = app.Anonymous();

        var first = await client.PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("a@example.kg"));
        var second = await client.PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("b@example.kg"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Confirmed", a.GetProperty("status").GetString());
        Assert.Equal(Session(e, 0), a.GetProperty("sessionId").GetInt32());
        Assert.True(a.GetProperty("id").GetInt32() > 0);
        Assert.True(a.GetProperty("manageToken").GetString()!.Length >= 22); // ≥ 128 bits in Base64
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Waitlisted", b.GetProperty("status").GetString());
        Assert.Equal(1, b.GetProperty("waitlistPosition").GetInt32());
        var session = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{Session(e, 0)}");
        Assert.Equal((1, 1), (session.GetProperty("confirmed").GetInt32(), session.GetProperty("waitlisted").GetInt32()));

        // The first cancels: the waiting one is promoted.
        var cancel = await client.PostAsync($"/api/v1/registrations/{a.GetProperty("manageToken").GetString()}/cancel", null);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var promoted = await client.GetFromJsonAsync<JsonElement>($"/api/v1/registrations/{b.GetProperty("manageToken").GetString()}");
        Assert.Equal("Confirmed", promoted.GetProperty("status").GetString());
        Assert.Equal(Session(e, 0), promoted.GetProperty("session").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Register_SameEmailOtherCase_409WithResendWay()
    {
        var e = await PublishedEventAsync(capacity: null);
        var client = app.Anonymous("ru");
        (await client.PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("dup@example.kg"))).EnsureSuccessStatusCode();

        var again = await client.PostAsJsonAsync($"/api/v1/sessions/{Session(e, 1)}/registrations", Person("  DUP@Example.KG "));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("повторно отправить", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var resend = await client.PostAsJsonAsync($"/api/v1/events/{e.GetProperty("id").GetInt32()}/registrations/resend-link", new { email = "dup@example.kg" });
        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
    }

    [Theory]
    [InlineData("{\"fullName\":\"A\",\"email\":\"not-an-email\",\"countryCode\":\"RU\",\"consent\":true}", "email")]
    [InlineData("{\"fullName\":\"A\",\"email\":\"x@example.kg\",\"countryCode\":\"XX\",\"consent\":true}", "countryCode")]
    [InlineData("{\"fullName\":\"A\",\"email\":\"x@example.kg\",\"countryCode\":\"RU\",\"consent\":false}", "consent")]
    [InlineData("{\"fullName\":\"   \",\"email\":\"x@example.kg\",\"countryCode\":\"RU\",\"consent\":true}", "fullName")]
    [InlineData("{\"fullName\":\"A\",\"email\":\"x@example.kg\",\"countryCode\":\"RU\",\"consent\":true,\"timeZone\":\"Mars/Base\"}", "timeZone")]
    public async Task Register_BadInput_400PerField(string body, string field)
    {
        var e = await PublishedEventAsync();
        var response = await app.Anonymous("ky").PostAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
        var session = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{Session(e, 0)}");
        Assert.Equal(0, session.GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task Register_OversizedBody_413()
    {
        var e = await PublishedEventAsync();
        var huge = "{\"fullName\":\"" + new string('a', 5 * 1024 * 1024) + "\"}";
        var response = await app.Anonymous().PostAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Register_CancelledSession_422_UnknownSession_404()
    {
        var e = await PublishedEventAsync();
        var admin = await app.SignedInAsync();
        await admin.PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/cancel", new { reason = "x" });

        var response = await app.Anonymous("en").PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("late@example.kg"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("The session is cancelled.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().PostAsJsonAsync("/api/v1/sessions/999999/registrations", Person("x@example.kg"))).StatusCode);
    }

    [Fact]
    public async Task Switch_ToOtherOption_AndOrganizerListSeesIt()
    {
        var e = await PublishedEventAsync(capacity: 5);
        var client = app.Anonymous();
        var r = await (await client.PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("switch@example.kg"))).Content.ReadFromJsonAsync<JsonElement>();
        var token = r.GetProperty("manageToken").GetString();

        var switched = await client.PostAsJsonAsync($"/api/v1/registrations/{token}/switch", new { sessionId = Session(e, 1) });

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal(Session(e, 1), (await switched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetInt32());
        var admin = await app.SignedInAsync();
        var list = await admin.GetAsync($"/api/v1/sessions/{Session(e, 1)}/registrations?take=10");
        Assert.Equal("1", list.Headers.GetValues("X-Total-Count").Single());
        var row = (await list.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal("switch@example.kg", row.GetProperty("email").GetString());
        Assert.Equal("Osh", row.GetProperty("homeRegion").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/sessions/{Session(e, 1)}/registrations")).StatusCode);
    }

    [Fact]
    public async Task ManageToken_UnknownOrMalformed_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/registrations/short")).StatusCode);
    }

    [Fact]
    public async Task Approval_PendingApproveCheckInWindowEnforced()
    {
        var e = await PublishedEventAsync(capacity: 5, requiresApproval: true);
        var r = await (await app.Anonymous().PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("pending@example.kg")))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pending", r.GetProperty("status").GetString());
        var admin = await app.SignedInAsync(language: "en");

        var approved = await (await admin.PostAsync($"/api/v1/registrations/{r.GetProperty("id").GetInt32()}/approve", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Confirmed", approved.GetProperty("status").GetString());
        var checkIn = await admin.PostAsync($"/api/v1/registrations/{r.GetProperty("id").GetInt32()}/check-in", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, checkIn.StatusCode); // months before the start
    }

    [Fact]
    public async Task PickupFolder_ReceivesInvitation()
    {
        var e = await PublishedEventAsync(capacity: null);
        await app.Anonymous().PostAsJsonAsync($"/api/v1/sessions/{Session(e, 0)}/registrations", Person("pickup@example.kg"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(app.PickupFolder))
                found = Directory.EnumerateFiles(app.PickupFolder, "*.eml").FirstOrDefault(f => File.ReadAllText(f).Contains("pickup@example.kg"));
            await Task.Delay(100);
        }
        Assert.NotNull(found);
        Assert.Contains("text/calendar", await File.ReadAllTextAsync(found));
    }
}

public sealed class RateLimitedFactory : EventsWebFactory
{
    protected override int RegistrationPermits => 3;
}

public class RegistrationRateLimitTests(RateLimitedFactory app) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Register_OverLimit_429()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/v1/sessions/999999/registrations", new { email = $"{i}@example.kg" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }
    [Fact]
    public async Task EventPageForm_PostsOverLimit_429PageInKyrgyz_ReadingTheEventPageNeverLimited()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 8; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("/events/987654")).StatusCode);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await client.PostAsync("/events/987654", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "register" }));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests)); // the first three reached the page (and its antiforgery check)
        var page = await last!.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ky\">", page);
        Assert.Contains("өтө көп каттоо", page);
        Assert.Equal("60", last.Headers.GetValues("Retry-After").Single());
    }
}

public class RegistrationExportApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    [Fact]
    public async Task Export_CsvWithBomNeutralized_XlsxZip_OrganizerOnly()
    {
        var admin = await app.SignedInAsync();
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var org = orgs[0].GetProperty("id").GetInt32();
        var e = await (await admin.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = org, kind = "Webinar", title = "Export",
            sessions = new object[] { new { start = "2027-06-01T10:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = e.GetProperty("id").GetInt32();
        await admin.PostAsync($"/api/v1/events/{id}/publish", null);
        var sessionId = e.GetProperty("sessions")[0].GetProperty("id").GetInt32();
        await app.Anonymous().PostAsJsonAsync($"/api/v1/sessions/{sessionId}/registrations",
            new { fullName = "=cmd|' /C calc'!A0", email = "csv@example.kg", countryCode = "KG", consent = true });

        var csv = await admin.GetAsync($"/api/v1/sessions/{sessionId}/registrations/export?format=csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("'=cmd", text);
        Assert.DoesNotContain(",=cmd", text);

        var xlsx = await admin.GetAsync($"/api/v1/sessions/{sessionId}/registrations/export?format=xlsx");
        var zip = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', zip[0]);
        Assert.Equal((byte)'K', zip[1]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/sessions/{sessionId}/registrations/export")).StatusCode);
    }

    [Fact]
    public async Task CustomQuestions_EventCarriesThem_AnswersValidatedStoredListedAndExported()
    {
        var admin = await app.SignedInAsync();
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var org = orgs.EnumerateArray().First(o => o.GetProperty("name").GetString()!.Contains("Labor")).GetProperty("id").GetInt32();
        var created = await admin.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = org, kind = "Webinar", title = "Вебинар", publish = true,
            sessions = new object[] { new { start = "2027-03-27T18:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online", joinUrl = "https://zoom.us/j/1" } },
            questions = new object[]
            {
                new
                {
                    kind = "Choice", prompt = "Тармак", prompts = new { ru = "Отрасль", en = "Sector" }, required = true, options = new[] { "IT", "Айыл чарба" },
                    optionTranslations = new { en = new[] { "IT", "Agriculture" } },
                },
                new { kind = "YesNo", prompt = "Котормо керекпи?" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = e.GetProperty("id").GetInt32();
        await admin.PostAsync($"/api/v1/events/{id}/publish", null);
        var publicView = await app.Anonymous("en").GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        var questions = publicView.GetProperty("questions");
        Assert.Equal(2, questions.GetArrayLength());
        Assert.Equal("Sector", questions[0].GetProperty("prompt").GetString());
        Assert.Equal("Choice", questions[0].GetProperty("kind").GetString());
        Assert.True(questions[0].GetProperty("required").GetBoolean());
        Assert.Equal(["IT", "Айыл чарба"], questions[0].GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(["IT", "Agriculture"], questions[0].GetProperty("optionLabels").EnumerateArray().Select(o => o.GetString()));
        var (sector, translation) = (questions[0].GetProperty("id").GetString()!, questions[1].GetProperty("id").GetString()!);
        var session = publicView.GetProperty("sessions")[0].GetProperty("id").GetInt32();

        var client = app.Anonymous("ru");
        var missing = await client.PostAsJsonAsync($"/api/v1/sessions/{session}/registrations", RegistrationApiTests.Person("q@example.kg"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Заполните это поле.", problem.GetProperty("errors").GetProperty($"answers.{sector}")[0].GetString());

        var ok = await client.PostAsJsonAsync($"/api/v1/sessions/{session}/registrations", new
        {
            fullName = "Айгүл", email = "q@example.kg", countryCode = "KR", consent = true,
            answers = new Dictionary<string, string> { [sector] = "Айыл чарба", [translation] = "yes" },
        });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var token = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString();
        var mine = await client.GetFromJsonAsync<JsonElement>($"/api/v1/registrations/{token}");
        Assert.Equal("Айыл чарба", mine.GetProperty("answers").GetProperty(sector).GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/registrations");
        Assert.Equal("yes", list[0].GetProperty("answers").GetProperty(translation).GetString());
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/v1/sessions/{session}/registrations/export?format=csv"));
        Assert.Contains("1. Sector,2. Котормо керекпи?", csv, StringComparison.Ordinal);
        Assert.Contains("Agriculture,Yes", csv, StringComparison.Ordinal);
    }
}

public sealed class StoppingWriterFactory : EventsWebFactory;

public class RegistrationBusyTests(StoppingWriterFactory app) : IClassFixture<StoppingWriterFactory>
{
    [Fact]
    public async Task Register_WhileTheWriterRefuses_503WithRetryAfter_NothingStored()
    {
        var admin = await app.SignedInAsync();
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var created = await (await admin.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = orgs[0].GetProperty("id").GetInt32(), kind = "Webinar", title = "Busy", publish = true,
            sessions = new object[] { new { start = "2027-03-27T18:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = created.GetProperty("sessions")[0].GetProperty("id").GetInt32();
        // A stopping instance: the writer takes no more registrations (a full queue answers the same way).
        await app.Services.GetRequiredService<Events.Core.Registration.RegistrationWriter>().StopAsync(CancellationToken.None);

        var response = await app.Anonymous("en").PostAsJsonAsync($"/api/v1/sessions/{sessionId}/registrations", RegistrationApiTests.Person("busy@example.kg"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Contains("try again", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await using var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Events.Core.Data.EventsDbContext>>().CreateDbContext();
        Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Registrations));
    }
}
