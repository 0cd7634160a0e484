using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Engagement over HTTP against the contract (api-v1.md, "Engagement and indicators"): questions, survey responses, survey
/// invitations and coverage end to end — status codes, enum strings, ...Utc with Z, localized errors — and the event page,
/// which still renders and registers, with its question form and the survey page behind the manage link.
/// </summary>
public class EngagementApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private readonly EngagementKit _kit = new(app);

    private async Task<(HttpClient Organizer, int Organization)> OrganizerAsync(string language = "en")
    {
        var org = await _kit.Users.OrganizationAsync();
        return ((await _kit.Users.OrganizerAsync(org, language)).Client, org);
    }

    private async Task<T> DbAsync<T>(Func<EventsDbContext, Task<T>> query)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        return await query(db);
    }

    private static string[] Names(JsonElement o) => o.EnumerateObject().Select(p => p.Name).Order().ToArray();

    [Fact]
    public async Task Questions_AskAnswerPublish_AsTheContractSays()
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org, startsInMinutes: 24 * 60);
        var email = $"asker-{Guid.NewGuid():N}@example.kg";

        // Public: 201 with the question's id; the answer will go in the asker's language (here from Accept-Language).
        var response = await app.Anonymous("ru").PostAsJsonAsync($"/api/v1/events/{e.Id}/questions",
            new { text = "Будет ли запись на YouTube?", name = "Гүлнара", email });
        var asked = await JsonAsync(response, HttpStatusCode.Created);
        var id = asked.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/questions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((e.Id, "ru"), (asked.GetProperty("eventId").GetInt32(), asked.GetProperty("language").GetString()));
        Assert.EndsWith("Z", asked.GetProperty("askedUtc").GetString());
        await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/questions", new { text = "Без почты" }), HttpStatusCode.Created);

        // The inbox: unanswered first, header X-Total-Count.
        var inbox = await organizer.GetAsync($"/api/v1/questions?filter=Unanswered&eventId={e.Id}");
        var list = await JsonAsync(inbox, HttpStatusCode.OK);
        Assert.Equal("2", inbox.Headers.GetValues("X-Total-Count").Single());
        var row = list.EnumerateArray().Single(q => q.GetProperty("id").GetInt32() == id);
        Assert.Equal((email, "Гүлнара", false), (row.GetProperty("email").GetString(), row.GetProperty("name").GetString(), row.GetProperty("answered").GetBoolean()));

        // Publishing needs an answer: 422 in the caller's language.
        var early = await ProblemAsync(await organizer.PostAsync($"/api/v1/questions/{id}/publish", null), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("A question without an answer cannot be published: answer it first.", early.GetProperty("detail").GetString());

        // Answer → the question; the asker is mailed in Russian.
        var answered = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/questions/{id}/answer", new { text = "Да, запись появится через день." }),
            HttpStatusCode.OK);
        Assert.True(answered.GetProperty("answered").GetBoolean());
        Assert.Equal("Да, запись появится через день.", answered.GetProperty("answerText").GetString());
        Assert.EndsWith("Z", answered.GetProperty("answeredUtc").GetString());
        Assert.False(answered.GetProperty("isPublished").GetBoolean());
        var mail = await DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == EngagementMail.AnswerKind && m.To == email).ToListAsync());
        Assert.Equal("Ответ на ваш вопрос: " + e.Title, Assert.Single(mail).Subject);

        // Published: on the event's public list, without who asked.
        Assert.True((await JsonAsync(await organizer.PostAsync($"/api/v1/questions/{id}/publish", null), HttpStatusCode.OK)).GetProperty("isPublished").GetBoolean());
        var published = await JsonAsync(await app.Anonymous().GetAsync($"/api/v1/events/{e.Id}/questions/published"), HttpStatusCode.OK);
        var item = Assert.Single(published.EnumerateArray());
        Assert.Equal(["answer", "answeredUtc", "askedUtc", "id", "question"], Names(item));
        Assert.Equal(("Будет ли запись на YouTube?", "Да, запись появится через день."), (item.GetProperty("question").GetString(), item.GetProperty("answer").GetString()));

        var figures = await JsonAsync(await organizer.GetAsync($"/api/v1/events/{e.Id}/question-figures"), HttpStatusCode.OK);
        Assert.Equal((2, 1, 0.5), (figures.GetProperty("received").GetInt32(), figures.GetProperty("answered").GetInt32(), figures.GetProperty("responseRate").GetDouble()));
        Assert.True(figures.GetProperty("medianHoursToAnswer").GetDouble() >= 0);
        Assert.False((await JsonAsync(await organizer.PostAsync($"/api/v1/questions/{id}/unpublish", null), HttpStatusCode.OK)).GetProperty("isPublished").GetBoolean());
        Assert.Equal(0, (await JsonAsync(await app.Anonymous().GetAsync($"/api/v1/events/{e.Id}/questions/published"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Theory]
    [InlineData("ky", "Бул талааны толтуруңуз.", "Туура электрондук почта дарегин киргизиңиз.")]
    [InlineData("ru", "Заполните это поле.", "Введите правильный адрес электронной почты.")]
    [InlineData("en", "This field is required.", "Enter a valid email address.")]
    public async Task Questions_Invalid_400WithErrorsInTheCallersLanguage(string language, string required, string badEmail)
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org, startsInMinutes: 24 * 60);

        var problem = await ProblemAsync(await app.Anonymous(language).PostAsJsonAsync($"/api/v1/events/{e.Id}/questions", new { text = " ", email = "nobody@" }),
            HttpStatusCode.BadRequest);

        Assert.Equal(required, problem.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(badEmail, problem.GetProperty("errors").GetProperty("email")[0].GetString());
        var tooLong = await ProblemAsync(await app.Anonymous("en").PostAsJsonAsync($"/api/v1/events/{e.Id}/questions", new { text = new string('a', 2001) }),
            HttpStatusCode.BadRequest);
        Assert.Equal("At most 2000 characters.", tooLong.GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(0, await DbAsync(db => db.Questions.CountAsync(q => q.EventId == e.Id)));
    }

    [Fact]
    public async Task Questions_DraftOrUnknownEvent_404()
    {
        var (organizer, org) = await OrganizerAsync();
        var draft = await EngagementKit.EventAsync(organizer, org, startsInMinutes: 24 * 60, publish: false);

        await ProblemAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{draft.Id}/questions", new { text = "?" }), HttpStatusCode.NotFound);
        await ProblemAsync(await app.Anonymous().PostAsJsonAsync("/api/v1/events/999999/questions", new { text = "?" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SurveyResponses_AsTheContractSays_OnePerRegistrationAndWave()
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org); // started 30 minutes ago: "after"
        var person = await _kit.RegisterAsync(e.SessionId);

        // Without a wave: FollowUp. 201 with the response, enums as strings.
        var response = await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", new
        {
            manageToken = person.Token, awareOfOpportunities = true, satisfaction = 4, investingImportant = false, comment = "Пайдалуу болду",
        });
        var created = await JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("FollowUp", created.GetProperty("wave").GetString());
        Assert.Equal((true, 4, false, "Пайдалуу болду"), (created.GetProperty("awareOfOpportunities").GetBoolean(), created.GetProperty("satisfaction").GetInt32(),
            created.GetProperty("investingImportant").GetBoolean(), created.GetProperty("comment").GetString()));
        Assert.Equal((e.Id, person.Id), (created.GetProperty("eventId").GetInt32(), created.GetProperty("registrationId").GetInt32()));
        Assert.EndsWith("Z", created.GetProperty("submittedUtc").GetString());
        Assert.NotNull(response.Headers.Location);

        // The same registration and wave again: 409, in the caller's language.
        var again = await ProblemAsync(await app.Anonymous("ru").PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", new
        {
            manageToken = person.Token, wave = "FollowUp", awareOfOpportunities = false, satisfaction = 1, investingImportant = false,
        }), HttpStatusCode.Conflict);
        Assert.Equal("На этот опрос уже есть ответ.", again.GetProperty("detail").GetString());

        // Baseline once the session started: 422 with the reason.
        var baseline = await ProblemAsync(await app.Anonymous("en").PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", new
        {
            manageToken = person.Token, wave = "Baseline", awareOfOpportunities = false, satisfaction = 3, investingImportant = true,
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The before-event survey is closed: the event has started.", baseline.GetProperty("detail").GetString());
        Assert.Equal(1, await DbAsync(db => db.SurveyResponses.CountAsync(r => r.RegistrationId == person.Id)));
    }

    [Theory]
    [InlineData("en", 0, "The value must be between 1 and 5.")]
    [InlineData("ru", 6, "Значение должно быть от 1 до 5.")]
    [InlineData("ky", 6, "Маани 1 жана 5 ортосунда болушу керек.")]
    public async Task SurveyResponses_SatisfactionOutside1To5_400Localized(string language, int satisfaction, string message)
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org);
        var person = await _kit.RegisterAsync(e.SessionId);

        var problem = await ProblemAsync(await app.Anonymous(language).PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", new
        {
            manageToken = person.Token, awareOfOpportunities = true, satisfaction, investingImportant = true,
        }), HttpStatusCode.BadRequest);

        Assert.Equal(message, problem.GetProperty("errors").GetProperty("satisfaction")[0].GetString());
        Assert.Equal(0, await DbAsync(db => db.SurveyResponses.CountAsync(r => r.RegistrationId == person.Id)));
    }

    [Fact]
    public async Task SurveyResponses_WrongToken404_AnotherEventsToken403_UnknownWave400()
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org);
        var other = await EngagementKit.EventAsync(organizer, org);
        var elsewhere = await _kit.RegisterAsync(other.SessionId);
        object Body(string? token, string? wave = null) => new { manageToken = token, wave, awareOfOpportunities = true, satisfaction = 3, investingImportant = true };

        await ProblemAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", Body("not-a-token")), HttpStatusCode.NotFound);
        await ProblemAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", Body("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")),
            HttpStatusCode.NotFound);
        await ProblemAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", Body(elsewhere.Token)), HttpStatusCode.Forbidden);
        await ProblemAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", Body(elsewhere.Token, "Later")),
            HttpStatusCode.BadRequest);
        Assert.Equal(0, await DbAsync(db => db.SurveyResponses.CountAsync(r => r.EventId == e.Id || r.EventId == other.Id)));
    }

    [Fact]
    public async Task SurveyInvitations_MailEachConfirmedOncePerWave_OverviewCounts()
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org);
        var answered = await _kit.RegisterAsync(e.SessionId);
        var silent = await _kit.RegisterAsync(e.SessionId, "ru");
        await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-responses", new
        {
            manageToken = answered.Token, awareOfOpportunities = true, satisfaction = 5, investingImportant = true,
        }), HttpStatusCode.Created);

        var first = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-invitations", new { wave = "FollowUp" }), HttpStatusCode.OK);
        Assert.Equal(["alreadyInvited", "answered", "sent", "wave"], Names(first));
        Assert.Equal(("FollowUp", 1, 0, 1), (first.GetProperty("wave").GetString(), first.GetProperty("sent").GetInt32(),
            first.GetProperty("alreadyInvited").GetInt32(), first.GetProperty("answered").GetInt32()));
        var second = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-invitations", new { }), HttpStatusCode.OK);
        Assert.Equal((0, 1), (second.GetProperty("sent").GetInt32(), second.GetProperty("alreadyInvited").GetInt32()));
        var mail = await DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == EngagementMail.SurveyKind && m.RegistrationId == silent.Id).ToListAsync());
        Assert.Equal("Поделитесь мнением: " + e.Title, Assert.Single(mail).Subject);

        // Baseline after the start: 422.
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/survey-invitations", new { wave = "Baseline" }), HttpStatusCode.UnprocessableEntity);

        var overview = await JsonAsync(await organizer.GetAsync($"/api/v1/events/{e.Id}/survey"), HttpStatusCode.OK);
        Assert.Equal(2, overview.GetProperty("confirmed").GetInt32());
        var followUp = overview.GetProperty("waves").GetProperty("FollowUp");
        Assert.Equal((1, true), (followUp.GetProperty("invited").GetInt32(), followUp.GetProperty("open").GetBoolean()));
        var figures = followUp.GetProperty("figures");
        Assert.Equal(["awareOfOpportunities", "investingImportant", "responses", "satisfied", "satisfiedAverage"], Names(figures));
        Assert.Equal((1, 1, 5.0, 1, 1), (figures.GetProperty("responses").GetInt32(), figures.GetProperty("awareOfOpportunities").GetInt32(),
            figures.GetProperty("satisfiedAverage").GetDouble(), figures.GetProperty("satisfied").GetInt32(), figures.GetProperty("investingImportant").GetInt32()));
        var baseline = overview.GetProperty("waves").GetProperty("Baseline");
        Assert.False(baseline.GetProperty("open").GetBoolean());
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("figures").GetProperty("satisfiedAverage").ValueKind);

        // The holder's view of their survey.
        var form = await JsonAsync(await app.Anonymous().GetAsync($"/api/v1/registrations/{answered.Token}/survey"), HttpStatusCode.OK);
        Assert.Equal((true, false), (form.GetProperty("answered").GetBoolean(), form.GetProperty("open").GetBoolean()));
        var open = await JsonAsync(await app.Anonymous().GetAsync($"/api/v1/registrations/{silent.Token}/survey?wave=FollowUp"), HttpStatusCode.OK);
        Assert.True(open.GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Coverage_RecordListDelete_AsTheContractSays_InvalidInput400()
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org);

        var response = await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/coverage", new { channel = "Telegram", reposts = 12, views = 340, url = "https://t.me/kg/1" });
        var created = await JsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/coverage/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Telegram", 12, 340L, "https://t.me/kg/1"), (created.GetProperty("channel").GetString(), created.GetProperty("reposts").GetInt32(),
            created.GetProperty("views").GetInt64(), created.GetProperty("url").GetString()));
        Assert.EndsWith("Z", created.GetProperty("recordedUtc").GetString());
        var noViews = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/coverage", new { channel = "NewsMedia", reposts = 0 }), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, noViews.GetProperty("views").ValueKind);

        var negative = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/coverage", new { channel = "WhatsApp", reposts = -1, views = -2, url = "ftp://x.kg" }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["reposts", "url", "views"], negative.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("The value cannot be negative.", negative.GetProperty("errors").GetProperty("reposts")[0].GetString());
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/coverage", new { channel = "Viber", reposts = 1 }), HttpStatusCode.BadRequest);
        var missing = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{e.Id}/coverage", new { reposts = 1 }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("channel", out _));

        var list = await JsonAsync(await organizer.GetAsync($"/api/v1/events/{e.Id}/coverage"), HttpStatusCode.OK);
        Assert.Equal(["NewsMedia", "Telegram"], list.EnumerateArray().Select(c => c.GetProperty("channel").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await organizer.DeleteAsync($"/api/v1/coverage/{id}")).StatusCode);
        Assert.Equal(1, (await JsonAsync(await organizer.GetAsync($"/api/v1/events/{e.Id}/coverage"), HttpStatusCode.OK)).GetArrayLength());
        await ProblemAsync(await organizer.DeleteAsync($"/api/v1/coverage/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EventPage_WithoutQuestions_RendersAndRegisters_QuestionFormAndSurveyPageWork()
    {
        var (organizer, org) = await OrganizerAsync();
        var e = await EngagementKit.EventAsync(organizer, org, startsInMinutes: 24 * 60);
        var browser = app.Anonymous();

        var page = await browser.GetStringAsync($"/events/{e.Id}");
        Assert.Contains("data-testid=\"registration-form\"", page);
        Assert.Contains("data-testid=\"ask-form\"", page);
        Assert.DoesNotContain("data-testid=\"published-answers\"", page);

        // Registering through the page still works (and lands on the manage page).
        var email = $"page-{Guid.NewGuid():N}@example.kg";
        var registered = await EngagementKit.PostFormAsync(browser, $"/events/{e.Id}", "register", new()
        {
            ["Input.SessionId"] = e.SessionId.ToString(), ["Input.FullName"] = "Бакыт Осмонов", ["Input.Email"] = email, ["Input.CountryCode"] = "KZ",
            ["Input.Consent"] = "true", ["Input.Language"] = "ky",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var location = registered.Headers.Location!;
        var manage = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        Assert.StartsWith("/r/", manage);

        // A question through the page's form.
        var asked = await EngagementKit.PostFormAsync(browser, $"/events/{e.Id}", "ask", new()
        {
            ["Input.Text"] = "Кайсы тилде өтөт?", ["Input.Email"] = email, ["Input.Language"] = "ky",
        });
        Assert.Contains("data-testid=\"ask-done\"", await asked.Content.ReadAsStringAsync());
        var stored = await DbAsync(db => db.Questions.AsNoTracking().SingleAsync(q => q.EventId == e.Id));
        Assert.Equal(("Кайсы тилде өтөт?", email, "ky"), (stored.Text, stored.Email, stored.Language));

        // The survey page behind the manage link: the "before" wave is open until the session starts.
        var token = manage[3..].Split('?')[0];
        // The manage page links to the wave the person may answer now (before the event: Baseline).
        Assert.Contains($"/r/{token}/survey?wave=Baseline", await browser.GetStringAsync($"/r/{token}"));
        var survey = await browser.GetStringAsync($"/r/{token}/survey?wave=Baseline");
        Assert.Contains("data-testid=\"survey-form\"", survey);
        var sent = await EngagementKit.PostFormAsync(browser, $"/r/{token}/survey?wave=Baseline", "survey", new()
        {
            ["Input.AwareOfOpportunities"] = "false", ["Input.Satisfaction"] = "3", ["Input.InvestingImportant"] = "true", ["Input.Comment"] = "Күтөм",
        });
        Assert.Contains("data-testid=\"survey-done\"", await sent.Content.ReadAsStringAsync());
        var response = await DbAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.EventId == e.Id));
        Assert.Equal((SurveyWave.Baseline, false, 3, true, "Күтөм"), (response.Wave, response.AwareOfOpportunities, response.Satisfaction, response.InvestingImportant, response.Comment));
        Assert.Contains("data-testid=\"survey-answered\"", await browser.GetStringAsync($"/r/{token}/survey?wave=Baseline"));
        Assert.DoesNotContain("data-testid=\"manage-survey\"", await browser.GetStringAsync($"/r/{token}")); // answered; "after" is not open yet
        Assert.Contains("data-testid=\"survey-closed\"", await browser.GetStringAsync($"/r/{token}/survey")); // after: not yet
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/survey")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheEngagementEndpoints()
    {
        var doc = await app.Anonymous().GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/v1/events/{id}/questions", "/api/v1/questions/{id}/answer", "/api/v1/events/{id}/survey-responses",
                     "/api/v1/events/{id}/survey-invitations", "/api/v1/events/{id}/coverage" })
            Assert.Contains($"\"{path}\"", doc);
        Assert.Contains("\"NewsMedia\"", doc);
        Assert.Contains("\"FollowUp\"", doc);
    }
}
