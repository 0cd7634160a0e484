using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Api;

/// <summary>
/// What the contest API tests do again and again, over HTTP only: people created by the administrator through
/// <c>POST /api/v1/users</c> and signed in with bearer tokens, contests, rounds, entries, the jury and sheets.
/// Emails are unique per call, so tests sharing one app never collide. Jurors live at jury.test and entrants at
/// example.kg, so no conflict of interest is suggested unless a test wants one.
/// </summary>
internal sealed class ContestKit(EventsWebFactory app)
{
    public const string Password = "Strong-Pass-2026";

    public EventsWebFactory App => app;

    public sealed record Person(string Id, string Email, HttpClient Client);

    public sealed record Rubric(int RoundId, int[] CriterionIds);

    public sealed record Entry(int Id, string ManageToken, string Email);

    public async Task<int> OrganizationAsync(string nameContains = "Labor")
    {
        var orgs = await app.Anonymous("en").GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        return orgs.EnumerateArray().First(o => o.GetProperty("name").GetString()!.Contains(nameContains)).GetProperty("id").GetInt32();
    }

    /// <summary>A user created by the administrator with one role, signed in (English unless told).</summary>
    public async Task<Person> UserAsync(string role, int[]? organizationIds = null, string language = "en", string? email = null, string? fullName = null)
    {
        var admin = await app.SignedInAsync();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@{(role == "Juror" ? "jury.test" : "org.test")}";
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/users", new
        {
            email, fullName = fullName ?? $"{role} {email[..12]}", password = Password, roles = new[] { role }, organizationIds = organizationIds ?? [],
        }), HttpStatusCode.Created);
        return new Person(created.GetProperty("id").GetString()!, email, await app.SignedInAsync(email, Password, language));
    }

    public async Task<Person> OrganizerAsync(int organizationId, string language = "en") => await UserAsync("Organizer", [organizationId], language);

    public static string Utc(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A contest body; by default its window opened yesterday and closes in 30 days (the server runs on real time).</summary>
    public static object ContestBody(int organizationId, string title = "Mykty Mekendesh", bool blind = false, DateTime? opens = null, DateTime? closes = null,
        decimal? grantBudget = null, string? currency = null, string kind = "MyktyMekendesh") => new
    {
        organizationId, kind, title, blind, grantBudget, currency,
        submissionOpensUtc = Utc(opens ?? DateTime.UtcNow.Date.AddDays(-1)),
        submissionClosesUtc = Utc(closes ?? DateTime.UtcNow.Date.AddDays(30)),
    };

    public async Task<int> ContestAsync(HttpClient organizer, int organizationId, bool blind = false, bool publish = true, DateTime? opens = null,
        DateTime? closes = null, decimal? grantBudget = null, string? currency = null)
    {
        var contest = await JsonAsync(await organizer.PostAsJsonAsync("/api/v1/contests",
            ContestBody(organizationId, blind: blind, opens: opens, closes: closes, grantBudget: grantBudget, currency: currency)), HttpStatusCode.Created);
        var id = contest.GetProperty("id").GetInt32();
        if (publish) await JsonAsync(await organizer.PostAsync($"/api/v1/contests/{id}/publish", null), HttpStatusCode.OK);
        return id;
    }

    /// <summary>A round with criteria given as (weight, maxScore); names are "C1", "C2", ….</summary>
    public static async Task<Rubric> RoundAsync(HttpClient organizer, int contestId, string rankBy = "Mean", params (double Weight, double Max)[] criteria)
    {
        var round = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/rounds", new
        {
            name = "Round", seeOtherScores = "Never", rankBy,
            criteria = criteria.Select((c, i) => new { name = $"C{i + 1}", weight = c.Weight, maxScore = c.Max }).ToArray(),
        }), HttpStatusCode.Created);
        return new Rubric(round.GetProperty("id").GetInt32(),
            round.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToArray());
    }

    public static object EntryBody(string title, string entrantName, string email, string? organizationName = null, string? language = null) => new
    {
        title, summary = "What the project does and for whom.", entrantName, entrantEmail = email, organizationName, countryCode = "RU",
        homeRegion = "Naryn", gender = "Female", birthYear = 1991, links = new[] { "https://example.kg/project" }, language,
    };

    public async Task<Entry> EntryAsync(int contestId, string title, string? entrantName = null, string? email = null, string? organizationName = null,
        string? language = null)
    {
        email ??= $"entrant-{Guid.NewGuid():N}@example.kg";
        var created = await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/contests/{contestId}/entries",
            EntryBody(title, entrantName ?? "Entrant " + title, email, organizationName, language)), HttpStatusCode.Created);
        return new Entry(created.GetProperty("id").GetInt32(), created.GetProperty("manageToken").GetString()!, email);
    }

    /// <summary>A user with the Juror role, added to the contest's jury.</summary>
    public async Task<Person> JurorAsync(HttpClient organizer, int contestId, string? email = null, int[]? organizationIds = null)
    {
        var juror = await UserAsync("Juror", organizationIds, email: email);
        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors", new { userId = juror.Id }), HttpStatusCode.Created);
        return juror;
    }

    public static async Task AssignAsync(HttpClient organizer, int roundId, Person juror, int entryId) =>
        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{roundId}/assignments", new { jurorId = juror.Id, entryId }), HttpStatusCode.Created);

    public static Task<HttpResponseMessage> PutSheetAsync(HttpClient juror, Rubric round, int entryId, double?[] scores, bool final = true) =>
        juror.PutAsJsonAsync($"/api/v1/rounds/{round.RoundId}/entries/{entryId}/scoresheet", new
        {
            scores = scores.Select((s, i) => new { criterionId = round.CriterionIds[i], score = s }).ToArray(), final,
        });

    public static async Task<JsonElement> SheetAsync(HttpClient juror, Rubric round, int entryId, double?[] scores, bool final = true) =>
        await JsonAsync(await PutSheetAsync(juror, round, entryId, scores, final), HttpStatusCode.OK);

    public static async Task<JsonElement> ResultsAsync(HttpClient organizer, int roundId, string? method = null) =>
        await JsonAsync(await organizer.GetAsync($"/api/v1/rounds/{roundId}/results" + (method is null ? "" : "?method=" + method)), HttpStatusCode.OK);

    public static HttpClient WithLanguage(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    /// <summary>The body as JSON after checking the status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A problem document with the given status (RFC 9457 media type).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await JsonAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
