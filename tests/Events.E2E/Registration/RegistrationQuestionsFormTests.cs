using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Events.E2E.Registration;

[Collection(BrowserCollection.Name)]
public class RegistrationQuestionsFormTests(BrowserFixture browser)
{
    private async Task<int> PublishedEditionAsync(string title)
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.App.BaseUrl) };
        var login = await (await http.PostAsJsonAsync("/api/v1/identity/login", new { email = AppProcess.AdminEmail, password = AppProcess.AdminPassword }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var orgs = await http.GetFromJsonAsync<JsonElement>("/api/v1/organizations");
        var created = await (await http.PostAsJsonAsync("/api/v1/events", new
        {
            organizationId = orgs[0].GetProperty("id").GetInt32(), kind = "OnlineMekendesh", title,
            sessions = new object[]
            {
                new { start = "2027-05-15T15:00", timeZone = "Europe/Moscow", durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/5", capacity = 100 },
                new { start = "2027-05-15T19:00", timeZone = "America/New_York", durationMinutes = 90, mode = "Online", joinUrl = "https://zoom.us/j/6", capacity = 100 },
            },
            questions = new object[]
            {
                new { kind = "Choice", prompt = "Кайсы тармакта иштейсиз?", required = true, options = new[] { "Курулуш", "Медицина", "IT" } },
                new { kind = "YesNo", prompt = "Котормо керекпи?", required = true },
                new { kind = "LongText", prompt = "Суроолоруңуз" },
            },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        (await http.PostAsync($"/api/v1/events/{id}/publish", null)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task Visitor_RegistersInKyrgyz_OpensManageLink_SwitchesOption_Cancels()
    {
        var title = $"Мекендеш {Guid.NewGuid().ToString("N")[..6]}";
        var id = await PublishedEditionAsync(title);
        var page = await browser.NewPageAsync(390, 844);

        await page.GotoAsync($"/events/{id}");
        Assert.Equal("ky", await page.Locator("html").GetAttributeAsync("lang"));
        await page.FillAsync("#fullName", "Айгүл Үсөнова");
        await page.FillAsync("#email", $"aigul.{Guid.NewGuid():N}@example.kg");
        await page.SelectOptionAsync("#countryCode", "RU");
        await page.SelectOptionAsync("#homeRegion", "Batken");
        await page.CheckAsync("input[name='Input.SessionId'] >> nth=0");
        await page.CheckAsync("input[name='Input.Consent']");
        // The organizer's own questions, answered on the same form.
        await page.GetByLabel("Кайсы тармакта иштейсиз? *").SelectOptionAsync("Медицина");
        await page.GetByTestId(new System.Text.RegularExpressions.Regex("^answer-")).Last.GetByLabel("Ооба").CheckAsync();
        await page.Locator("textarea[name^='Input.Answers']").FillAsync("Виза тууралуу 🛂");
        await page.ClickAsync("[data-testid=registration-submit]");

        await page.WaitForURLAsync("**/r/**");
        await Assertions.Expect(page.Locator("[data-testid=manage-status]")).ToHaveTextAsync("Ырасталды");
        await Assertions.Expect(page.Locator("[data-testid=manage-answers]")).ToContainTextAsync("Медицина");
        await Assertions.Expect(page.Locator("[data-testid=manage-answers]")).ToContainTextAsync("Ооба");
        await Assertions.Expect(page.Locator("[data-testid=manage-answers]")).ToContainTextAsync("Виза тууралуу 🛂");
        var manageUrl = page.Url.Split('?')[0];
        await Assertions.Expect(page.Locator("[data-testid=add-to-calendar]")).ToBeVisibleAsync();

        // The link from the email, opened again later.
        await page.GotoAsync(manageUrl);
        await page.CheckAsync("input[name='SwitchInput.SessionId'] >> nth=0");
        await page.ClickAsync("[data-testid=switch-submit]");
        await Assertions.Expect(page.Locator("[data-testid=manage-message]")).ToContainTextAsync("алмаштырылды");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("New York");

        await page.CheckAsync("[data-testid=cancel-confirm]");
        await page.ClickAsync("[data-testid=cancel-submit]");
        await Assertions.Expect(page.Locator("[data-testid=manage-status]")).ToHaveTextAsync("Жокко чыгарылды");
        await Assertions.Expect(page.Locator("[data-testid=cancel-form]")).ToHaveCountAsync(0);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visitor_WithoutConsent_StaysOnFormWithMessage()
    {
        var id = await PublishedEditionAsync($"Consent {Guid.NewGuid().ToString("N")[..6]}");
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/events/{id}");
        await page.FillAsync("#fullName", "Бакыт");
        await page.FillAsync("#email", "bakyt@example.kg");
        await page.SelectOptionAsync("#countryCode", "KZ");
        await page.CheckAsync("input[name='Input.SessionId'] >> nth=1");
        // Bypass the browser's own "required" check to reach the server's validation.
        await page.EvalOnSelectorAllAsync("input[required], select[required]", "els => els.forEach(e => e.removeAttribute('required'))");
        await page.ClickAsync("[data-testid=registration-submit]");
        await Assertions.Expect(page.Locator(".field-error[data-field=consent]")).ToContainTextAsync("макулдук");
        Assert.Contains($"/events/{id}", page.Url);
        // A required question left blank is named next to it; what was typed stays.
        await Assertions.Expect(page.Locator(".field-error[data-field^='answers.']")).ToHaveCountAsync(2);
        Assert.Equal("Бакыт", await page.InputValueAsync("#fullName"));
        await page.Context.CloseAsync();
    }
}
