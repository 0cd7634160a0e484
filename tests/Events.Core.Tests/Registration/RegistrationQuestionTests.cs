using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Registration;

public class RegistrationQuestionTests
{
    private static readonly Actor Admin = new("admin", IsAdministrator: true);

    private static List<RegistrationQuestion> Questions() =>
    [
        new() { Id = "", Kind = QuestionKind.Choice, Prompt = "  Кайсы облустан болосуз?  ", PromptRu = "Из какой вы области?", Required = true,
                Options = ["Ош", " Нарын ", "", "Ош", "=cmd|' /C calc'!A0"] },
        new() { Id = "", Kind = QuestionKind.YesNo, Prompt = "Виза кат керекпи?", PromptEn = "Do you need a visa letter?" },
        new() { Id = "", Kind = QuestionKind.LongText, Prompt = "Сунушуңуз" },
    ];

    private static async Task<(TestDatabase Db, Event Event)> EventAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var org = (await db.Get<OrganizationService>().ListAsync("en", "Berlin")).Items.Single();
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(Admin, new EventDraft(org.Id, EventKind.EmbassyMeeting, "Жолугушуу",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 12, 11, 0, 0), "Europe/Berlin", 120, SessionMode.Offline, null, "Элчилик", "Otto-Suhr-Allee 146", 80)],
            Questions: Questions()));
        await scheduling.PublishAsync(Admin, e.Id);
        return (db, (await scheduling.FindEventAsync(e.Id))!);
    }

    [Fact]
    public async Task Questions_AreCleanedAndGivenIds_AndKeepTheirIdsWhenEdited()
    {
        var (db, e) = await EventAsync();
        await using var _ = db;
        Assert.Equal(3, e.Questions.Count);
        var choice = e.Questions[0];
        Assert.Equal("Кайсы облустан болосуз?", choice.Prompt);
        Assert.Equal(["Ош", "Нарын", "=cmd|' /C calc'!A0"], choice.Options);
        Assert.All(e.Questions, q => Assert.Matches("^q[0-9a-f]{8}$", q.Id));
        Assert.Equal(3, e.Questions.Select(q => q.Id).Distinct().Count());
        Assert.Empty(e.Questions[1].Options);
        Assert.Equal("Из какой вы области?", choice.LocalizedPrompt("ru"));
        Assert.Equal("Кайсы облустан болосуз?", choice.LocalizedPrompt("en"));

        // Reworded and reordered: ids stay, so answers stay attached.
        var edited = e.Questions.AsEnumerable().Reverse().Select(q => new RegistrationQuestion
            { Id = q.Id, Kind = q.Kind, Prompt = q.Prompt + "!", Options = q.Options, Required = q.Required }).ToList();
        var draft = new EventDraft(e.OrganizationId, e.Kind, e.Title, Questions: edited);
        await db.Get<SchedulingService>().UpdateEventAsync(Admin, e.Id, draft);
        var reloaded = (await db.Get<SchedulingService>().FindEventAsync(e.Id))!;
        Assert.Equal(e.Questions.Select(q => q.Id).Reverse(), reloaded.Questions.Select(q => q.Id));
        Assert.Equal("Кайсы облустан болосуз?!", reloaded.Questions[2].Prompt);
    }

    [Fact]
    public async Task BadQuestions_FieldErrorsWithPaths()
    {
        var (db, e) = await EventAsync();
        await using var _ = db;
        List<RegistrationQuestion> bad =
        [
            new() { Kind = QuestionKind.Choice, Prompt = "", Options = ["only one"] },
            new() { Kind = (QuestionKind)42, Prompt = new string('x', 301) },
            new() { Id = "same", Prompt = "a" },
            new() { Id = "same", Prompt = "b" },
        ];
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<SchedulingService>()
            .UpdateEventAsync(Admin, e.Id, new EventDraft(e.OrganizationId, e.Kind, e.Title, Questions: bad)));
        Assert.Equal(["questions[0].options", "questions[0].prompt", "questions[1].kind", "questions[1].prompt", "questions[3].id"],
            error.Errors.Select(x => x.Field).Order());
        var tooMany = Enumerable.Range(0, 21).Select(i => new RegistrationQuestion { Prompt = $"Q{i}" }).ToList();
        Assert.Equal("questions", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<SchedulingService>()
            .UpdateEventAsync(Admin, e.Id, new EventDraft(e.OrganizationId, e.Kind, e.Title, Questions: tooMany)))).Errors).Field);
        Assert.Equal(3, (await db.Get<SchedulingService>().FindEventAsync(e.Id))!.Questions.Count);
    }

    [Fact]
    public async Task Answers_ValidatedTogetherWithTheForm_NothingStoredOnError()
    {
        var (db, e) = await EventAsync();
        await using var _ = db;
        var (choice, yesNo, text) = (e.Questions[0].Id, e.Questions[1].Id, e.Questions[2].Id);
        var service = db.Get<RegistrationService>();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => service.RegisterAsync(e.Sessions[0].Id,
            new RegistrationInput("", "a@example.kg", "DE", Consent: true,
                Answers: new Dictionary<string, string?> { [yesNo] = "maybe", [text] = new string('x', 1001), ["qdeadbeef"] = "?" }), "ky"));
        Assert.Equal(new[] { $"answers.{choice}", $"answers.{text}", $"answers.{yesNo}", "answers.qdeadbeef", "fullName" }.Order(StringComparer.Ordinal),
            error.Errors.Select(x => x.Field).Order(StringComparer.Ordinal));
        Assert.Equal("Validation_Required", error.Errors.Single(x => x.Field == $"answers.{choice}").Key);
        Assert.Equal("Validation_UnknownValue", error.Errors.Single(x => x.Field == $"answers.{yesNo}").Key);
        Assert.Equal("Validation_TooLong", error.Errors.Single(x => x.Field == $"answers.{text}").Key);
        await Assert.ThrowsAsync<ValidationFailedException>(() => service.RegisterAsync(e.Sessions[0].Id,
            new RegistrationInput("A", "a@example.kg", "DE", Consent: true, Answers: new Dictionary<string, string?> { [choice] = "Талас" }), "ky"));
        Assert.Equal(0, (await db.Get<RegistrationDesk>().CountsAsync(Admin, e.Sessions[0].Id)).Confirmed);

        var ok = await service.RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Айбек", "a@example.kg", "DE", Consent: true,
            Answers: new Dictionary<string, string?> { [choice] = " Нарын ", [yesNo] = "yes", [text] = "  " }), "ru");
        Assert.Equal(new Dictionary<string, string> { [choice] = "Нарын", [yesNo] = "yes" }, ok.Registration.Answers);

        var view = await service.FindByTokenAsync(ok.ManageToken);
        Assert.Equal("Нарын", view!.Registration.Answers[choice]);
        var data = await db.Get<Events.Core.Privacy.PersonalData>().ExportAsync(ok.ManageToken);
        Assert.Contains("Да", System.Text.Json.JsonSerializer.Serialize(data["answers"], new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_HasAColumnPerQuestion_InTheOrganizersLanguage_FormulasNeutralized()
    {
        var (db, e) = await EventAsync();
        await using var _ = db;
        var (choice, yesNo) = (e.Questions[0].Id, e.Questions[1].Id);
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Айбек", "a@example.kg", "DE", Consent: true,
            Answers: new Dictionary<string, string?> { [choice] = "=cmd|' /C calc'!A0", [yesNo] = "no" }), "ky");

        var row = Assert.Single(await db.Get<RegistrationDesk>().ExportAsync(Admin, e.Sessions[0].Id, "en"));
        Assert.Equal("'=cmd|' /C calc'!A0", row["1. Кайсы облустан болосуз?"]);
        Assert.Equal("No", row["2. Do you need a visa letter?"]);
        Assert.Null(row["3. Сунушуңуз"]);
    }

    [Fact]
    public async Task TranslatedOptions_ShownInTheReadersLanguage_StoredAsWritten_CountsMustMatch()
    {
        var (db, e) = await EventAsync();
        await using var _ = db;
        var sector = new RegistrationQuestion
        {
            Kind = QuestionKind.Choice, Prompt = "Тармак", Options = ["Курулуш", "Медицина"], OptionsRu = ["Строительство", "Медицина"],
            OptionsEn = ["Construction", "Health care"],
        };
        var scheduling = db.Get<SchedulingService>();
        var bad = new RegistrationQuestion { Kind = QuestionKind.Choice, Prompt = "Тармак", Options = ["A", "B"], OptionsEn = ["Only one"] };
        Assert.Equal(["questions[0].optionsEn"], (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scheduling.UpdateEventAsync(Admin, e.Id, new EventDraft(e.OrganizationId, e.Kind, e.Title, Questions: [bad])))).Errors.Select(x => x.Field));

        await scheduling.UpdateEventAsync(Admin, e.Id, new EventDraft(e.OrganizationId, e.Kind, e.Title, Questions: [sector]));
        var q = Assert.Single((await scheduling.FindEventAsync(e.Id))!.Questions);
        Assert.Equal(["Строительство", "Медицина"], q.LocalizedOptions("ru"));
        Assert.Equal(["Курулуш", "Медицина"], q.LocalizedOptions("ky")); // no Kyrgyz list: as written

        // The value sent is the option as written; a translated label is not an answer.
        await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id,
            new RegistrationInput("A", "a@example.kg", "DE", Consent: true, Answers: new Dictionary<string, string?> { [q.Id] = "Construction" }), "en"));
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id,
            new RegistrationInput("A", "a@example.kg", "DE", Consent: true, Answers: new Dictionary<string, string?> { [q.Id] = "Курулуш" }), "en");
        Assert.Equal("Construction", Assert.Single(await db.Get<RegistrationDesk>().ExportAsync(Admin, e.Sessions[0].Id, "en"))["1. Тармак"]);
        Assert.Equal("Строительство", Assert.Single(await db.Get<RegistrationDesk>().ExportAsync(Admin, e.Sessions[0].Id, "ru"))["1. Тармак"]);
    }
}
