using System.Text.RegularExpressions;
using Events.Core.Common;
using Events.Core.Engagement;
using Events.Core.Registration;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Events.Core.Tests.Engagement.EngagementScenario;

namespace Events.Core.Tests.Engagement;

/// <summary>
/// The survey: one response per registration and wave, the waves' windows (before / from the person's start), tokens, ranges,
/// the organizer's own questions, invitations once per person and wave in the person's language, figures per wave.
/// </summary>
public partial class SurveyServiceTests
{
    [GeneratedRegex(@"/r/([A-Za-z0-9_-]{32})/survey\?wave=(Baseline|FollowUp)")]
    private static partial Regex SurveyLink();

    [Fact]
    public async Task Respond_FollowUpAfterTheStart_Stored_SecondResponse409()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var p = await s.RegisterAsync("ru");
        s.At(StartOf(1).AddHours(3));

        var r = await s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers(aware: false, satisfaction: 5, important: true, comment: "  Полезно!  "));

        var stored = await s.QueryAsync(c => c.SurveyResponses.AsNoTracking().SingleAsync(x => x.Id == r.Id));
        Assert.Equal((p.Registration.Id, SurveyWave.FollowUp, false, 5, true, "Полезно!", "ru"),
            (stored.RegistrationId, stored.Wave, stored.AwareOfOpportunities, stored.Satisfaction, stored.InvestingImportant, stored.Comment, stored.Language));
        Assert.Equal(StartOf(1).AddHours(3), stored.SubmittedUtc);
        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers(satisfaction: 1)));
        Assert.Equal("Conflict_SurveyAnswered", e.Key);
        Assert.Equal(1, await s.QueryAsync(c => c.SurveyResponses.CountAsync()));
    }

    [Fact]
    public async Task Respond_BaselineBeforeTheStart_Accepted_ThenFollowUpOnce_TheTwoWavesSeparate()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var p = await s.RegisterAsync();

        await s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers(SurveyWave.Baseline, aware: false, satisfaction: 2, important: false));
        var notYet = await Assert.ThrowsAsync<RuleViolationException>(() => s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers()));
        Assert.Equal("Rule_SurveyNotYet", notYet.Key);
        s.At(StartOf(1));
        await s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers(aware: true, satisfaction: 5, important: true));

        var waves = await s.QueryAsync(c => c.SurveyResponses.Where(x => x.RegistrationId == p.Registration.Id).OrderBy(x => x.Wave)
            .Select(x => new { x.Wave, x.Satisfaction }).ToListAsync());
        Assert.Equal([(SurveyWave.Baseline, 2), (SurveyWave.FollowUp, 5)], waves.Select(w => (w.Wave, w.Satisfaction)));
    }

    [Fact]
    public async Task Respond_BaselineOnceThePersonsSessionStarted_422_ButOption2StillBefore()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var first = await s.RegisterAsync(option: 1);
        var second = await s.RegisterAsync(option: 2);
        s.At(StartOf(1).AddMinutes(1));

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Surveys.RespondAsync(s.Event.Id, first.ManageToken, Answers(SurveyWave.Baseline)));
        Assert.Equal("Rule_SurveyBaselineClosed", e.Key);
        // Option 2 starts a day later: its person is still "before".
        await s.Surveys.RespondAsync(s.Event.Id, second.ManageToken, Answers(SurveyWave.Baseline));
        var notYet = await Assert.ThrowsAsync<RuleViolationException>(() => s.Surveys.RespondAsync(s.Event.Id, second.ManageToken, Answers()));
        Assert.Equal("Rule_SurveyNotYet", notYet.Key);
    }

    [Fact]
    public async Task Respond_WrongToken_404_TokenOfAnotherEvent_403_UnknownOrDraftEvent_404()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var other = await s.OtherEventAsync();
        var draft = await s.DraftAsync();
        var p = await s.RegisterAsync();
        var elsewhere = await s.RegisterAsync(sessionId: other.Sessions.Single().Id);
        s.At(StartOf(1).AddHours(1));

        await Assert.ThrowsAsync<NotFoundException>(() => s.Surveys.RespondAsync(s.Event.Id, "not-a-token", Answers()));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Surveys.RespondAsync(s.Event.Id, ManageTokens.New(), Answers()));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Surveys.RespondAsync(s.Event.Id, null, Answers()));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Surveys.RespondAsync(s.Event.Id, elsewhere.ManageToken, Answers()));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Surveys.RespondAsync(999_999, p.ManageToken, Answers()));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Surveys.RespondAsync(draft.Id, p.ManageToken, Answers()));
        Assert.Equal(0, await s.QueryAsync(c => c.SurveyResponses.CountAsync()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(null)]
    public async Task Respond_SatisfactionOutside1To5_400(int? satisfaction)
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var p = await s.RegisterAsync();
        s.At(StartOf(1).AddHours(1));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, new SurveyAnswers(SurveyWave.FollowUp, true, satisfaction, true)));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("satisfaction", satisfaction is null ? "Validation_Required" : "Validation_Range"), (error.Field, error.Key));
        if (satisfaction is not null) Assert.Equal(new object[] { 1, 5 }, error.Args);
        Assert.Equal(0, await s.QueryAsync(c => c.SurveyResponses.CountAsync()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Respond_SatisfactionAtTheBounds_Accepted(int satisfaction)
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var p = await s.RegisterAsync();
        s.At(StartOf(1).AddHours(1));

        var r = await s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers(satisfaction: satisfaction));

        Assert.Equal(satisfaction, r.Satisfaction);
    }

    [Fact]
    public async Task Respond_MissingYesNoAnswersAndLongComment_400OnEachField()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var p = await s.RegisterAsync();
        s.At(StartOf(1).AddHours(1));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, new SurveyAnswers(SurveyWave.FollowUp, null, 3, null, new string('x', 2001))));

        Assert.Equal(["awareOfOpportunities", "comment", "investingImportant"], e.Errors.Select(x => x.Field).Order());
    }

    [Fact]
    public async Task Respond_FollowUp_WaitlistedPerson422_CancelledPerson422_BaselineWaitlistedAccepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db, capacity: 1);
        await s.RegisterAsync();
        var waiting = await s.RegisterAsync();
        var leaving = await s.RegisterAsync(option: 2);
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Registration.Status);
        await s.Registrations.CancelAsync(leaving.ManageToken);

        await s.Surveys.RespondAsync(s.Event.Id, waiting.ManageToken, Answers(SurveyWave.Baseline));
        s.At(StartOf(2).AddHours(1));
        Assert.Equal("Rule_NotConfirmed", (await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Surveys.RespondAsync(s.Event.Id, waiting.ManageToken, Answers()))).Key);
        Assert.Equal("Rule_RegistrationNotActive", (await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Surveys.RespondAsync(s.Event.Id, leaving.ManageToken, Answers()))).Key);
    }

    [Fact]
    public async Task Respond_OrganizersOwnQuestions_RequiredChecked_AnswersStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var questions = await s.Surveys.SetQuestionsAsync(s.Organizer, s.Event.Id,
        [
            new RegistrationQuestion { Kind = QuestionKind.YesNo, Prompt = "Кийинки жолу катышасызбы?", Required = true },
            new RegistrationQuestion { Kind = QuestionKind.Choice, Prompt = "Кайдан билдиңиз?", Options = ["WhatsApp", "Facebook"] },
        ]);
        var (again, from) = (questions[0].Id, questions[1].Id);
        var p = await s.RegisterAsync();
        s.At(StartOf(1).AddHours(1));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Surveys.RespondAsync(s.Event.Id, p.ManageToken,
            Answers(answers: new Dictionary<string, string?> { [from] = "Telegram" })));
        Assert.Equal([("answers." + again, "Validation_Required"), ("answers." + from, "Validation_UnknownValue")],
            e.Errors.Select(x => (x.Field, x.Key)).OrderBy(x => x.Field == "answers." + from));

        var r = await s.Surveys.RespondAsync(s.Event.Id, p.ManageToken, Answers(answers: new Dictionary<string, string?> { [again] = "yes", [from] = "WhatsApp" }));
        Assert.Equal(new Dictionary<string, string> { [again] = "yes", [from] = "WhatsApp" }, r.Answers);
        Assert.Equal(2, (await s.Surveys.OverviewAsync(s.Organizer, s.Event.Id)).Questions.Count);
    }

    [Fact]
    public async Task Invite_FollowUp_ConfirmedWhoseSessionStartedAndNotAnswered_OncePerWave_InTheirLanguage()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["App:PublicBaseUrl"] = "https://events.example.kg" });
        var s = await CreateAsync(db, capacity: 3);
        var answered = await s.RegisterAsync("en");
        var russian = await s.RegisterAsync("ru", name: "Айбек Русский");
        var kyrgyz = await s.RegisterAsync("ky", name: "Нурлан Кыргыз");
        var waiting = await s.RegisterAsync("en");
        var later = await s.RegisterAsync("en", option: 2);
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Registration.Status);
        s.At(StartOf(1).AddHours(2));
        await s.Surveys.RespondAsync(s.Event.Id, answered.ManageToken, Answers());

        var result = await s.Surveys.InviteAsync(s.Organizer, s.Event.Id, SurveyWave.FollowUp);

        // Option 2 has not started yet; the waitlisted person had no place; the first person has answered.
        Assert.Equal(new SurveyInvitationResult(SurveyWave.FollowUp, 2, 0, 1), result);
        var mails = await s.MailAsync(EngagementMail.SurveyKind);
        Assert.Equal([russian.Registration.Id, kyrgyz.Registration.Id], mails.Select(m => m.Row.RegistrationId!.Value));
        var (_, ru) = mails[0];
        Assert.Equal("Поделитесь мнением: " + TitleRu, ru.Subject);
        Assert.Contains("Content-Language: ru", System.Text.Encoding.ASCII.GetString(mails[0].Row.MimeBytes()));
        Assert.Contains("Здравствуйте, Айбек Русский!", Body(ru));
        Assert.Contains($"https://events.example.kg/r/{russian.ManageToken}/survey?wave=FollowUp", Body(ru));
        Assert.Equal("Пикириңизди билдириңиз: " + Title, mails[1].Message.Subject);

        // A second press sends nothing twice; option 2's people are invited once their session has started.
        Assert.Equal(new SurveyInvitationResult(SurveyWave.FollowUp, 0, 2, 1), await s.Surveys.InviteAsync(s.Organizer, s.Event.Id, SurveyWave.FollowUp));
        s.At(StartOf(2).AddHours(2));
        Assert.Equal(new SurveyInvitationResult(SurveyWave.FollowUp, 1, 2, 1), await s.Surveys.InviteAsync(s.Colleague, s.Event.Id, SurveyWave.FollowUp));
        Assert.Equal(later.Registration.Id, (await s.MailAsync(EngagementMail.SurveyKind)).Last().Row.RegistrationId);
        Assert.Equal(3, await s.QueryAsync(c => c.SurveyInvitations.CountAsync(i => i.Wave == SurveyWave.FollowUp)));

        // The link works: the token in the email answers the survey.
        var link = SurveyLink().Match(Body(ru));
        Assert.Equal(russian.ManageToken, link.Groups[1].Value);
        await s.Surveys.RespondAsync(s.Event.Id, link.Groups[1].Value, Answers());
    }

    [Fact]
    public async Task Invite_Baseline_BeforeTheStart_EveryConfirmed_ClosedOnceTheLastOptionStarted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        await s.RegisterAsync("en");
        await s.RegisterAsync("ky", option: 2);

        var notYet = await Assert.ThrowsAsync<RuleViolationException>(() => s.Surveys.InviteAsync(s.Organizer, s.Event.Id, SurveyWave.FollowUp));
        Assert.Equal("Rule_SurveyNotYet", notYet.Key);
        var result = await s.Surveys.InviteAsync(s.Organizer, s.Event.Id, SurveyWave.Baseline);
        Assert.Equal(2, result.Sent);
        var mails = await s.MailAsync(EngagementMail.SurveyKind);
        Assert.Equal("A short survey: " + TitleEn, mails[0].Message.Subject);
        Assert.Matches(SurveyLink(), Body(mails[0].Message));
        Assert.EndsWith("wave=Baseline", SurveyLink().Match(Body(mails[0].Message)).Value);

        s.At(StartOf(2));
        var closed = await Assert.ThrowsAsync<RuleViolationException>(() => s.Surveys.InviteAsync(s.Organizer, s.Event.Id, SurveyWave.Baseline));
        Assert.Equal("Rule_SurveyBaselineClosed", closed.Key);
    }

    [Fact]
    public async Task Invite_OtherOrganizationsOrganizer403_Draft422_NothingSent()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        await s.RegisterAsync();
        var draft = await s.DraftAsync();
        s.At(StartOf(1).AddHours(2));

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Surveys.InviteAsync(s.Outsider, s.Event.Id, SurveyWave.FollowUp));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Surveys.OverviewAsync(s.Outsider, s.Event.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Surveys.ResponsesAsync(s.Outsider, s.Event.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Surveys.SetQuestionsAsync(s.Outsider, s.Event.Id, []));
        Assert.Equal("Rule_EventNotPublished", (await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Surveys.InviteAsync(s.Organizer, draft.Id, SurveyWave.FollowUp))).Key);
        Assert.Empty(await s.MailAsync(EngagementMail.SurveyKind));
        Assert.Equal(0, await s.QueryAsync(c => c.SurveyInvitations.CountAsync()));
    }

    [Fact]
    public async Task Overview_FiguresPerWave_AsComputedByHand()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await CreateAsync(db);
        var people = new List<RegistrationResult>();
        for (var i = 0; i < 4; i++) people.Add(await s.RegisterAsync());

        // Before: aware 1 of 3, satisfaction 2, 3, 4 → satisfied 1, average 3; important 2.
        await s.Surveys.RespondAsync(s.Event.Id, people[0].ManageToken, Answers(SurveyWave.Baseline, false, 2, true));
        await s.Surveys.RespondAsync(s.Event.Id, people[1].ManageToken, Answers(SurveyWave.Baseline, false, 3, false));
        await s.Surveys.RespondAsync(s.Event.Id, people[2].ManageToken, Answers(SurveyWave.Baseline, true, 4, true));
        s.At(StartOf(1).AddHours(2));
        // After: aware 3 of 4, satisfaction 5, 4, 4, 2 → satisfied 3, average 15 / 4 = 3.75; important 4.
        await s.Surveys.RespondAsync(s.Event.Id, people[0].ManageToken, Answers(SurveyWave.FollowUp, true, 5, true));
        await s.Surveys.RespondAsync(s.Event.Id, people[1].ManageToken, Answers(SurveyWave.FollowUp, true, 4, true));
        await s.Surveys.RespondAsync(s.Event.Id, people[2].ManageToken, Answers(SurveyWave.FollowUp, false, 4, true));
        await s.Surveys.RespondAsync(s.Event.Id, people[3].ManageToken, Answers(SurveyWave.FollowUp, true, 2, true, "Көбүрөөк мисал керек"));

        var overview = await s.Surveys.OverviewAsync(s.Organizer, s.Event.Id);

        Assert.Equal(4, overview.Confirmed);
        var baseline = overview.Waves.Single(w => w.Wave == SurveyWave.Baseline);
        var followUp = overview.Waves.Single(w => w.Wave == SurveyWave.FollowUp);
        Assert.Equal(new SurveyWaveFigures(3, 1, 3, 1, 2), baseline.Figures);
        Assert.Equal(new SurveyWaveFigures(4, 3, 3.75, 3, 4), followUp.Figures);
        Assert.Null(baseline.Refusal); // open until the last option starts: option 2 is tomorrow
        Assert.Null(followUp.Refusal);
        var rows = await s.QueryAsync(c => c.SurveyResponses.Select(x => new { x.Wave, x.AwareOfOpportunities, x.Satisfaction, x.InvestingImportant }).ToListAsync());
        Assert.Equal(SurveyFigures.ByWave(rows.Select(r => (r.Wave, r.AwareOfOpportunities, r.Satisfaction, r.InvestingImportant))),
            await s.QueryAsync(c => SurveyFigures.ByWaveAsync(c.SurveyResponses)));
        var comments = await s.Surveys.ResponsesAsync(s.Organizer, s.Event.Id, SurveyWave.FollowUp);
        Assert.Equal(4, comments.Count);
        Assert.Equal("Көбүрөөк мисал керек", comments.Single(c => c.Comment is not null).Comment);
    }
}
