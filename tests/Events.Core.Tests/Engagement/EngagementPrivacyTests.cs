using System.Text;
using Events.Core.Engagement;
using Events.Core.Notifications;
using Events.Core.Privacy;
using Events.Core.Registration;
using Events.Core.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Core.Tests.Engagement.EngagementScenario;

namespace Events.Core.Tests.Engagement;

/// <summary>
/// "Download my data" lists the person's survey responses and questions; "delete my data" keeps the counted answers and the
/// feedback figures, and removes the person's words and address everywhere (database, its log, pickup files).
/// </summary>
public class EngagementPrivacyTests
{
    private const string Email = "aigul.erase@example.kg";
    private const string Comment = "Менин пикирим: Aigul-comment-5521";
    private const string FreeText = "Себеби: Aigul-freetext-8830";
    private const string PrivateQuestion = "Жеке суроо: Aigul-private-1177";
    private const string PublicQuestion = "Жазуу YouTube'да болобу?";
    private const string Asker = "Айгүл Эрасова";

    private sealed record Arranged(EngagementScenario S, RegistrationResult Person, string AgainId, string WhyId, int Published, int Private, int Queued);

    private static async Task<Arranged> ArrangeAsync(TestDatabase db)
    {
        var s = await CreateAsync(db);
        var questions = await s.Surveys.SetQuestionsAsync(s.Organizer, s.Event.Id,
        [
            new RegistrationQuestion { Kind = QuestionKind.YesNo, Prompt = "Дагы катышасызбы?" },
            new RegistrationQuestion { Kind = QuestionKind.LongText, Prompt = "Эмне үчүн?" },
        ]);
        var person = await s.RegisterAsync("ru", email: Email, name: Asker);
        await s.RegisterAsync("en", email: "other@example.kg");
        // Two questions asked with the same address in another case: one will be published, one answered privately.
        var published = await s.Questions.AskAsync(s.Event.Id, new QuestionInput(PublicQuestion, Asker, "Aigul.Erase@Example.KG", "ru"), "ru");
        var privateOne = await s.Questions.AskAsync(s.Event.Id, new QuestionInput(PrivateQuestion, Asker, Email, "ru"), "ru");
        var others = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Башка адамдын суроосу", "Башка", "other@example.kg"), "ky");
        foreach (var id in new[] { published.Id, privateOne.Id, others.Id }) await s.Questions.AnswerAsync(s.Organizer, id, "Жооп " + id);
        await s.Questions.SetPublishedAsync(s.Organizer, published.Id, true);
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync() > 0) { }
        // One more, answered after the dispatch: its email is still queued when the person asks to be forgotten.
        var queued = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Үчүнчү суроо", null, Email), "ky");
        await s.Questions.AnswerAsync(s.Organizer, queued.Id, "Үчүнчү жооп");
        s.At(StartOf(1).AddHours(2));
        await s.Surveys.RespondAsync(s.Event.Id, person.ManageToken, Answers(aware: true, satisfaction: 2, important: false, comment: Comment,
            answers: new Dictionary<string, string?> { [questions[0].Id] = "yes", [questions[1].Id] = FreeText }));
        return new Arranged(s, person, questions[0].Id, questions[1].Id, published.Id, privateOne.Id, queued.Id);
    }

    [Fact]
    public async Task Export_ListsSurveyResponsesAndQuestionsAskedWithTheAddress()
    {
        await using var db = await TestDatabase.CreateAsync();
        var a = await ArrangeAsync(db);

        var data = await db.Get<PersonalData>().ExportAsync(a.Person.ManageToken);

        var json = System.Text.Json.JsonSerializer.Serialize(data, new System.Text.Json.JsonSerializerOptions
            { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("\"surveyResponses\"", json);
        Assert.Contains("\"wave\":\"FollowUp\"", json);
        Assert.Contains("\"satisfaction\":2", json);
        Assert.Contains(Comment, json);
        Assert.Contains(FreeText, json);
        Assert.Contains("Эмне үчүн?", json);
        Assert.Contains(PublicQuestion, json);
        Assert.Contains(PrivateQuestion, json);
        Assert.DoesNotContain("Башка адамдын суроосу", json);
    }

    [Fact]
    public async Task Forget_CountsAndFiguresStay_WordsNamesAndAddressesFoundNowhere()
    {
        await using var db = await TestDatabase.CreateAsync();
        var a = await ArrangeAsync(db);
        var s = a.S;
        var figuresBefore = await s.Questions.FiguresAsync(s.Organizer, s.Event.Id);
        var surveyBefore = (await s.Surveys.OverviewAsync(s.Organizer, s.Event.Id)).Waves.Single(w => w.Wave == SurveyWave.FollowUp).Figures;
        Assert.NotEmpty(await WhereFoundAsync(db, Email, Comment, FreeText, PrivateQuestion));

        await db.Get<PersonalData>().ForgetAsync(a.Person.ManageToken);
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync() > 0) { }

        // The survey response keeps what is counted: yes/no, 1–5 and the organizer's yes/no answer.
        var response = await s.QueryAsync(c => c.SurveyResponses.AsNoTracking().SingleAsync(x => x.RegistrationId == a.Person.Registration.Id));
        Assert.Equal((true, 2, false, (string?)null), (response.AwareOfOpportunities, response.Satisfaction, response.InvestingImportant, response.Comment));
        Assert.Equal(new Dictionary<string, string> { [a.AgainId] = "yes" }, response.Answers);
        // Questions lose name and address; the published one keeps its text (the page's Q&A), the unpublished one does not.
        var questions = await s.QueryAsync(c => c.Questions.AsNoTracking().ToDictionaryAsync(q => q.Id));
        Assert.All(new[] { a.Published, a.Private, a.Queued }, id => Assert.Equal((null, null, null),
            (questions[id].Name, questions[id].Email, questions[id].NormalizedEmail)));
        Assert.Equal(PublicQuestion, questions[a.Published].Text);
        Assert.Equal("—", questions[a.Private].Text);
        Assert.Equal("Жооп " + a.Private, questions[a.Private].AnswerText);
        Assert.Equal("other@example.kg", questions.Values.Single(q => q.Text == "Башка адамдын суроосу").Email);
        Assert.Equal([PublicQuestion], (await s.Questions.PublishedAsync(s.Event.Id)).Select(p => p.Question));
        // The answers mailed to the address are emptied; the queued one is dropped; another asker's answer stays.
        var answerMail = await s.QueryAsync(c => c.Outbox.AsNoTracking().Where(m => m.Kind == EngagementMail.AnswerKind).ToListAsync());
        Assert.Equal(3, answerMail.Count);
        Assert.Equal(2, answerMail.Count(m => m.To == "" && m.Mime.Length == 0));
        Assert.Single(answerMail, m => m.To == "other@example.kg");
        // The feedback figures do not move.
        Assert.Equal(figuresBefore, await s.Questions.FiguresAsync(s.Organizer, s.Event.Id));
        Assert.Equal(surveyBefore, (await s.Surveys.OverviewAsync(s.Organizer, s.Event.Id)).Waves.Single(w => w.Wave == SurveyWave.FollowUp).Figures);

        SqliteConnection.ClearAllPools();
        Assert.Empty(await WhereFoundAsync(db, Email, Comment, FreeText, PrivateQuestion));
    }

    /// <summary>Every file under the content root (database, its log, pickup mail) and every stored email, searched for the texts.</summary>
    private static async Task<List<string>> WhereFoundAsync(TestDatabase db, params string[] needles)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(db.Folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }
            foreach (var needle in needles)
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0 || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle.ToLowerInvariant())) >= 0)
                    found.Add($"{Path.GetRelativePath(db.Folder, file)}: {needle}");
        }
        await using var context = db.NewContext();
        foreach (var m in await context.Outbox.AsNoTracking().ToListAsync())
        {
            var text = Encoding.UTF8.GetString(m.MimeBytes());
            foreach (var needle in needles)
                if (text.Contains(needle, StringComparison.OrdinalIgnoreCase) || m.To.Contains(needle, StringComparison.OrdinalIgnoreCase))
                    found.Add($"outbox {m.Id} ({m.Kind}): {needle}");
        }
        return found;
    }
}
