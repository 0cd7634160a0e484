using System.Net.Http.Json;
using System.Text.Json;
using Events.E2E.Accessibility;
using Microsoft.Playwright;

namespace Events.E2E.Contests;

/// <summary>
/// A contest from entry to published results, at 390 px, as its people do it: an entrant submits in Kyrgyz with a file,
/// a juror scores two entries on a phone, the organizer closes the round, reads both rankings and publishes the results.
/// axe-core checks each of these pages.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ContestFlowTests(BrowserFixture browser)
{
    private const string JurorPassword = "Juror-E2E-2026";

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<int> ContestAsync(AdminApi api, string title, bool blind)
    {
        var contest = await JsonAsync(await api.Http.PostAsJsonAsync("/api/v1/contests", new
        {
            organizationId = await api.FirstOrganizationAsync(), kind = "MyktyMekendesh", title, blind, grantBudget = 100000, currency = "KGS",
            submissionOpensUtc = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            submissionClosesUtc = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            description = "Мекенине инвестиция салган мекендештердин долбоорлору.",
        }));
        var id = contest.GetProperty("id").GetInt32();
        await JsonAsync(await api.Http.PostAsync($"/api/v1/contests/{id}/publish", null));
        return id;
    }

    private static async Task<string> JurorAsync(AdminApi api, string email)
    {
        var user = await JsonAsync(await api.Http.PostAsJsonAsync("/api/v1/users", new
        {
            email, fullName = "Калыс Сынакбаев", password = JurorPassword, roles = new[] { "Juror" }, organizationIds = Array.Empty<int>(),
        }));
        return user.GetProperty("id").GetString()!;
    }

    private static Task SnackbarsGoneAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelectorAll('.mud-snackbar').length === 0", null, new() { Timeout = 15_000 });

    [Fact]
    public async Task Entrant_Juror_Organizer_FromEntryToPublishedResults_At390()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using var api = await AdminApi.SignInAsync(browser.App);
        var contestId = await ContestAsync(api, $"Мыкты мекендеш {suffix}", blind: true);

        // 1. The entrant, in Kyrgyz (the default) on a phone, with a PDF.
        var entrant = await browser.NewPageAsync(390, 844);
        await entrant.GotoAsync($"/contests/{contestId}");
        Assert.Equal("ky", await entrant.Locator("html").GetAttributeAsync("lang"));
        await Axe.AssertAccessibleAsync(entrant);
        await entrant.FillAsync("#title", "Баткенге суу түтүгү");
        await entrant.FillAsync("#summary", "Айылга таза суу жеткирүү үчүн мекендештер каражат чогултушту.");
        await entrant.FillAsync("#entrantName", "Айбек Мамытов");
        await entrant.FillAsync("#entrantEmail", $"aibek.{suffix}@example.kg");
        await entrant.SelectOptionAsync("#countryCode", "TR");
        await entrant.SetInputFilesAsync("#files", new FilePayload { Name = "Айбек-долбоор.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%demo\n"u8.ToArray() });
        await entrant.CheckAsync("input[name='Input.Consent']");
        await entrant.ClickAsync("[data-testid=entry-submit]");
        await entrant.WaitForURLAsync("**/e/*?new=1");
        Assert.Contains("кабыл алынды", await entrant.InnerTextAsync("[data-testid=entry-welcome]"));
        Assert.Contains("Айбек-долбоор.pdf", await entrant.InnerTextAsync("[data-testid=entry-files]"));
        Assert.True(await entrant.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the manage page overflows at 390 px");
        await Axe.AssertAccessibleAsync(entrant);
        await entrant.Context.CloseAsync();

        // A second entry through the public API, then the jury and the round (arranged by the organizer through the API).
        using (var anonymous = new HttpClient { BaseAddress = api.Http.BaseAddress })
            await JsonAsync(await anonymous.PostAsJsonAsync($"/api/v1/contests/{contestId}/entries", new
            {
                title = "Нарындагы жылуулук", summary = "Мектепке жылуулук системасы.", entrantName = "Жылдыз Токтогулова",
                entrantEmail = $"jyldyz.{suffix}@example.kg", countryCode = "RU",
            }));
        var jurorEmail = $"juror.{suffix}@e2e.test";
        var jurorId = await JurorAsync(api, jurorEmail);
        var round = await JsonAsync(await api.Http.PostAsJsonAsync($"/api/v1/contests/{contestId}/rounds", new
        {
            name = "Кыска тизме", seeOtherScores = "Never",
            criteria = new object[] { new { name = "Мекенге пайдасы", weight = 2, maxScore = 10 }, new { name = "Далилдер", weight = 1, maxScore = 5 } },
        }));
        var roundId = round.GetProperty("id").GetInt32();
        await JsonAsync(await api.Http.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors", new { userId = jurorId }));
        await JsonAsync(await api.Http.PostAsync($"/api/v1/rounds/{roundId}/open", null));
        var assigned = await JsonAsync(await api.Http.PostAsJsonAsync($"/api/v1/rounds/{roundId}/assignments/auto", new { jurorsPerEntry = 1 }));
        Assert.Equal(2, assigned.GetArrayLength());

        // 2. The juror scores both entries on a phone: "save and next" goes from the first to the second, then home.
        var juror = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(juror, jurorEmail, JurorPassword, "**/jury");
        await BrowserFixture.WaitForInteractiveAsync(juror);
        await Axe.AssertAccessibleAsync(juror);
        await juror.ClickAsync("[data-testid=jury-continue]");
        await juror.WaitForURLAsync($"**/jury/rounds/{roundId}/entries/*");
        await juror.Locator("[data-testid=sheet-form]").WaitForAsync();
        // Blind: neither the entrant's name nor the file's name reaches the juror.
        var content = await juror.ContentAsync();
        Assert.DoesNotContain("Айбек", content);
        Assert.Contains("attachment-1.pdf", content);
        await Axe.AssertAccessibleAsync(juror);
        Assert.True(await juror.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the scoring page overflows at 390 px");
        foreach (var (first, second) in new[] { ("8", "4"), ("6", "5") })
        {
            var inputs = juror.Locator("[data-testid=score-input]");
            await inputs.Nth(0).FillAsync(first);
            await inputs.Nth(0).DispatchEventAsync("change");
            await inputs.Nth(1).FillAsync(second);
            await inputs.Nth(1).DispatchEventAsync("change");
            var url = juror.Url;
            await juror.ClickAsync("[data-testid=sheet-save-next]");
            await juror.WaitForURLAsync(u => u != url);
        }
        await juror.WaitForURLAsync("**/jury");
        await juror.Locator("[data-testid=jury-progress]").WaitForAsync();
        Assert.Contains("2", await juror.InnerTextAsync("[data-testid=jury-progress]"));
        await juror.Context.CloseAsync();

        // 3. The organizer closes the round, reads both rankings and publishes the results.
        var organizer = await browser.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(organizer);
        await organizer.GotoAsync($"/organizer/contests/{contestId}");
        await BrowserFixture.WaitForInteractiveAsync(organizer);
        // Every tab of the contest's back office, as the organizer reads it on a phone.
        foreach (var (tab, ready) in new[] { ("Арыздар", "[data-testid=entry-row]"), ("Калыстар тобу", "[data-testid=jurors-table]"), ("Турлар", "[data-testid=round-card]") })
        {
            await organizer.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await organizer.Locator(ready).First.WaitForAsync();
            await Axe.AssertAccessibleAsync(organizer);
            Assert.True(await organizer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"the {tab} tab overflows at 390 px");
        }
        await organizer.ClickAsync("[data-testid=round-close]");
        await organizer.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Турду жабуу" }).ClickAsync();
        await organizer.Locator("[data-testid=round-status]", new() { HasText = "Жабык" }).WaitForAsync();
        await organizer.ClickAsync("[data-testid=round-results]");
        await organizer.WaitForURLAsync($"**/organizer/rounds/{roundId}/results");
        await organizer.Locator("[data-testid=result-row]").First.WaitForAsync();
        // Totals: 100·(2·8/10 + 1·4/5)/3 = 80 and 100·(2·6/10 + 1·5/5)/3 = 73.33: the first entry leads by both methods.
        var rows = organizer.Locator("[data-testid=result-row]");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Equal("1", (await rows.Nth(0).Locator("[data-testid=rank-mean]").InnerTextAsync()).Trim());
        Assert.Equal("80,00", (await rows.Nth(0).Locator("[data-testid=mean]").InnerTextAsync()).Trim());
        Assert.Equal("73,33", (await rows.Nth(1).Locator("[data-testid=mean]").InnerTextAsync()).Trim());
        await SnackbarsGoneAsync(organizer); // axe would read a toast's colours mid-fade
        await Axe.AssertAccessibleAsync(organizer);

        var firstEntry = int.Parse(await rows.Nth(0).GetAttributeAsync("data-entry-id") ?? "0");
        await organizer.GotoAsync($"/organizer/contests/{contestId}");
        await BrowserFixture.WaitForInteractiveAsync(organizer);
        await organizer.GetByRole(AriaRole.Tab, new() { Name = "Сыйлыктар" }).ClickAsync();
        await organizer.ClickAsync("[data-testid=award-entry]");
        await organizer.GetByRole(AriaRole.Option, new() { Name = "Баткенге суу түтүгү" }).ClickAsync();
        await organizer.ClickAsync("[data-testid=award-add]");
        await organizer.Locator("[data-testid=awards-table]").WaitForAsync();
        await SnackbarsGoneAsync(organizer);
        await Axe.AssertAccessibleAsync(organizer);
        await organizer.ClickAsync("[data-testid=results-publish]");
        await organizer.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Жыйынтыктарды жарыялоо" }).ClickAsync();
        await organizer.GetByText("Жыйынтыктар жарыяланган.").WaitForAsync();
        await organizer.Context.CloseAsync();

        // The public results page names the winner; the award letter waits in the outbox.
        var visitor = await browser.NewPageAsync(390, 844);
        await visitor.GotoAsync($"/contests/{contestId}/results");
        Assert.Contains("Баткенге суу түтүгү", await visitor.InnerTextAsync("[data-testid=award]"));
        await Axe.AssertAccessibleAsync(visitor);
        await visitor.Context.CloseAsync();
        Assert.True(firstEntry > 0);
    }

    /// <summary>The entrant's path in the other two languages, chosen with the switcher as a visitor does.</summary>
    [Theory]
    [InlineData("ru", "Ваша заявка принята!", "Срок подачи заявок")]
    [InlineData("en", "Your entry has been received!", "Entry deadline")]
    public async Task Entrant_SubmitsInRussianOrEnglish_At390(string language, string welcome, string deadline)
    {
        using var api = await AdminApi.SignInAsync(browser.App);
        var contestId = await ContestAsync(api, $"Invest-challenge {Guid.NewGuid():N}", blind: false);
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync($"/contests/{contestId}");
        await page.ClickAsync($"[data-testid=lang-{language}]");
        await page.WaitForURLAsync($"**/contests/{contestId}");
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains(deadline, await page.InnerTextAsync("[data-testid=contest-deadline]"));
        await Axe.AssertAccessibleAsync(page);

        // A missing title is refused in the visitor's language and what was typed stays.
        await page.FillAsync("#summary", "Start-up of young compatriots.");
        await page.FillAsync("#entrantName", "Elnura Kadyrova");
        await page.FillAsync("#entrantEmail", $"elnura.{Guid.NewGuid():N}@example.kg");
        await page.CheckAsync("input[name='Input.Consent']");
        await page.EvalOnSelectorAsync("#title", "e => e.removeAttribute('required')");
        await page.ClickAsync("[data-testid=entry-submit]");
        await page.Locator("[data-testid=entry-problem]").WaitForAsync();
        Assert.Equal("Elnura Kadyrova", await page.InputValueAsync("#entrantName"));
        Assert.NotEmpty(await page.InnerTextAsync(".field-error[data-field=title]"));

        await page.FillAsync("#title", "Agro start-up");
        await page.ClickAsync("[data-testid=entry-submit]");
        await page.WaitForURLAsync("**/e/*?new=1");
        Assert.Contains(welcome, await page.InnerTextAsync("[data-testid=entry-welcome]"));
        Assert.Contains("no-files", await page.ContentAsync()); // the plain path: an entry without files
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the manage page overflows at 390 px");
        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }
}
