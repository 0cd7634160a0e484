using Events.Core.Common;
using Events.Core.Engagement;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Engagement;

/// <summary>Questions (appeals): asking, the inbox, assigning, answering by email in the asker's language, publishing, figures, access.</summary>
public class QuestionServiceTests
{
    [Fact]
    public async Task Ask_PublishedEvent_StoredTrimmedWithLanguageAndNormalizedEmail()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);

        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("  Кантип инвестиция салсам болот?  ", " Азамат ", " Azamat@Example.KG ", "ru"), "ky");

        var stored = await s.QueryAsync(c => c.Questions.AsNoTracking().SingleAsync(x => x.Id == q.Id));
        Assert.Equal("Кантип инвестиция салсам болот?", stored.Text);
        Assert.Equal("Азамат", stored.Name);
        Assert.Equal("Azamat@Example.KG", stored.Email);
        Assert.Equal("azamat@example.kg", stored.NormalizedEmail);
        Assert.Equal("ru", stored.Language);
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, stored.AskedUtc);
        Assert.False(stored.IsAnswered);
        Assert.False(stored.IsPublished);
    }

    [Fact]
    public async Task Ask_NoLanguageGiven_TakesTheRequestsLanguage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);

        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Where is the recording?"), "en");

        Assert.Equal("en", q.Language);
        Assert.Null(q.Email);
    }

    [Theory]
    [InlineData("", null, "text", "Validation_Required")]
    [InlineData("   ", null, "text", "Validation_Required")]
    [InlineData("2001", null, "text", "Validation_TooLong")]
    [InlineData("ok", "not-an-email", "email", "Validation_Email")]
    [InlineData("ok", "a@b", "email", "Validation_Email")]
    public async Task Ask_InvalidInput_400OnTheField(string text, string? email, string field, string key)
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var input = new QuestionInput(text == "2001" ? new string('а', 2001) : text, null, email);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Questions.AskAsync(s.Event.Id, input, "ky"));

        Assert.Contains(e.Errors, x => x.Field == field && x.Key == key);
        Assert.Equal(0, await s.QueryAsync(c => c.Questions.CountAsync()));
    }

    [Fact]
    public async Task Ask_TextOf2000Characters_Accepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);

        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput(new string('ө', 2000)), "ky");

        Assert.Equal(2000, q.Text.Length);
    }

    [Fact]
    public async Task Ask_DraftOrUnknownEvent_NotFound_CancelledEvent_422()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var draft = await s.DraftAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => s.Questions.AskAsync(draft.Id, new QuestionInput("?"), "ky"));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Questions.AskAsync(999_999, new QuestionInput("?"), "ky"));
        await db.Get<SchedulingService>().CancelEventAsync(s.Organizer, s.Event.Id, null);
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Questions.AskAsync(s.Event.Id, new QuestionInput("?"), "ky"));
        Assert.Equal("Rule_QuestionsClosed", e.Key);
    }

    [Theory]
    [InlineData("ky", "Сурооңузга жооп: " + EngagementScenario.Title, "Уюштуруучунун жообу:")]
    [InlineData("ru", "Ответ на ваш вопрос: " + EngagementScenario.TitleRu, "Ответ организатора:")]
    [InlineData("en", "An answer to your question: " + EngagementScenario.TitleEn, "The organizer's answer:")]
    public async Task Answer_AskerLeftEmail_MailedInTheAskersLanguage(string language, string subject, string lead)
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["App:PublicBaseUrl"] = "https://events.example.kg" });
        var s = await EngagementScenario.CreateAsync(db);
        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Жазуу болобу?", "Гүлнара", "gulnara@example.kg", language), "ky");

        // The organizer's screen is in English; the email follows the asker.
        var row = await s.Questions.AnswerAsync(s.Organizer, q.Id, "  Ооба, YouTube каналыбызда болот.  ", "en");

        Assert.True(row.IsAnswered);
        Assert.Equal("Ооба, YouTube каналыбызда болот.", row.AnswerText);
        Assert.Equal(s.Organizer.UserId, row.AnsweredBy);
        Assert.Equal("Айгүл Уюштуруучу", row.AnsweredByName);
        var (mailRow, message) = Assert.Single(await s.MailAsync(EngagementMail.AnswerKind));
        Assert.Equal("gulnara@example.kg", mailRow.To);
        Assert.Null(mailRow.RegistrationId);
        Assert.Equal(subject, message.Subject);
        Assert.Contains("Content-Language: " + language, System.Text.Encoding.ASCII.GetString(mailRow.MimeBytes()));
        Assert.Equal(EngagementScenario.OrganizationEmail, message.ReplyTo.Mailboxes.Single().Address);
        var body = EngagementScenario.Body(message);
        Assert.Contains("Гүлнара", body);
        Assert.Contains(lead, body);
        Assert.Contains("Жазуу болобу?", body);
        Assert.Contains("Ооба, YouTube каналыбызда болот.", body);
        Assert.Contains($"https://events.example.kg/events/{s.Event.Id}", body);
    }

    [Fact]
    public async Task Answer_NoEmail_NoMail_SameTextAgain_NoSecondMail_Correction_MailedAgainFirstTimeKept()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var anonymous = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Без почты?"), "ru");
        var withEmail = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("С почтой?", null, "asker@example.kg", "ru"), "ru");
        var asked = db.Clock.GetUtcNow().UtcDateTime;

        await s.Questions.AnswerAsync(s.Organizer, anonymous.Id, "Да.");
        Assert.Empty(await s.MailAsync(EngagementMail.AnswerKind));

        db.Clock.Advance(TimeSpan.FromHours(2));
        var first = await s.Questions.AnswerAsync(s.Organizer, withEmail.Id, "Да.");
        await s.Questions.AnswerAsync(s.Organizer, withEmail.Id, " Да. ");
        Assert.Single(await s.MailAsync(EngagementMail.AnswerKind));

        db.Clock.Advance(TimeSpan.FromHours(5));
        var corrected = await s.Questions.AnswerAsync(s.Colleague, withEmail.Id, "Да, с субтитрами.");
        Assert.Equal(asked.AddHours(2), first.AnsweredUtc);
        Assert.Equal(asked.AddHours(2), corrected.AnsweredUtc); // the figures measure the first answer
        Assert.Equal(asked.AddHours(7), corrected.AnswerChangedUtc);
        Assert.Equal(s.Colleague.UserId, corrected.AnsweredBy);
        var mails = await s.MailAsync(EngagementMail.AnswerKind);
        Assert.Equal(2, mails.Count);
        Assert.Contains("Да, с субтитрами.", EngagementScenario.Body(mails[1].Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Answer_Empty_400(string text)
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("?", null, "a@example.kg"), "ky");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Questions.AnswerAsync(s.Organizer, q.Id, text));

        Assert.Equal(("text", "Validation_Required"), (e.Errors[0].Field, e.Errors[0].Key));
        Assert.Empty(await s.MailAsync(EngagementMail.AnswerKind));
    }

    [Fact]
    public async Task Publish_Unanswered_422_Answered_ShownOnThePage_Unpublished_Gone()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var first = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Биринчи суроо", "Азамат", "azamat@example.kg"), "ky");
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Экинчи суроо"), "ky");
        var third = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("Үчүнчү суроо"), "ky");

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Questions.SetPublishedAsync(s.Organizer, first.Id, true));
        Assert.Equal("Rule_QuestionNotAnswered", e.Key);
        Assert.Empty(await s.Questions.PublishedAsync(s.Event.Id));

        await s.Questions.AnswerAsync(s.Organizer, first.Id, "Биринчи жооп");
        await s.Questions.AnswerAsync(s.Organizer, second.Id, "Экинчи жооп");
        await s.Questions.AnswerAsync(s.Organizer, third.Id, "Үчүнчү жооп");
        Assert.True((await s.Questions.SetPublishedAsync(s.Organizer, second.Id, true)).IsPublished);
        await s.Questions.SetPublishedAsync(s.Organizer, first.Id, true);

        var published = await s.Questions.PublishedAsync(s.Event.Id);
        Assert.Equal(["Биринчи суроо", "Экинчи суроо"], published.Select(p => p.Question)); // in the order asked; the third is not published
        Assert.Equal(["Биринчи жооп", "Экинчи жооп"], published.Select(p => p.Answer));

        Assert.False((await s.Questions.SetPublishedAsync(s.Organizer, first.Id, false)).IsPublished);
        Assert.Equal(["Экинчи суроо"], (await s.Questions.PublishedAsync(s.Event.Id)).Select(p => p.Question));
    }

    [Fact]
    public async Task Assign_ColleagueOrNobody_Saved_NonOrganizerMemberOrOutsider_400()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("?"), "ky");

        var assigned = await s.Questions.AssignAsync(s.Organizer, q.Id, s.Colleague.UserId);
        Assert.Equal((s.Colleague.UserId, "Бакыт Кесиптеш"), (assigned.AssignedToUserId, assigned.AssignedToName));

        foreach (var wrong in new[] { s.JurorMember.UserId, s.Outsider.UserId, "no-such-user" })
        {
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Questions.AssignAsync(s.Organizer, q.Id, wrong));
            Assert.Equal(("userId", "Validation_NotAnOrganizer"), (e.Errors[0].Field, e.Errors[0].Key));
        }
        Assert.Null((await s.Questions.AssignAsync(s.Organizer, q.Id, null)).AssignedToUserId);
        var assignees = await s.Questions.AssigneesAsync(s.Organizer, s.Event.Id);
        Assert.Equal(["Айгүл Уюштуруучу", "Бакыт Кесиптеш"], assignees.Select(a => a.FullName).Order());
    }

    [Fact]
    public async Task Inbox_Filters_UnansweredFirst_OnlyTheOrganizationsQuestions()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var other = await s.OtherEventAsync();
        var a = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("A"), "ky");
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var b = await s.Questions.AskAsync(other.Id, new QuestionInput("B"), "ky");
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var c = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("C"), "ky");
        await s.Questions.AnswerAsync(s.Organizer, c.Id, "Жооп");
        await s.Questions.AssignAsync(s.Organizer, a.Id, s.Colleague.UserId);

        async Task<string[]> Texts(Actor actor, QuestionFilter filter, int? eventId = null) =>
            (await s.Questions.InboxAsync(actor, filter, eventId)).Items.Select(q => q.Text).ToArray();

        Assert.Equal(["B", "A", "C"], await Texts(s.Organizer, QuestionFilter.All)); // unanswered newest first, then answered
        Assert.Equal(["B", "A"], await Texts(s.Organizer, QuestionFilter.Unanswered));
        Assert.Equal(["C"], await Texts(s.Organizer, QuestionFilter.Answered));
        Assert.Equal(["A"], await Texts(s.Colleague, QuestionFilter.AssignedToMe));
        Assert.Empty(await Texts(s.Organizer, QuestionFilter.AssignedToMe));
        Assert.Equal(["A", "C"], await Texts(s.Organizer, QuestionFilter.All, s.Event.Id));
        Assert.Empty(await Texts(s.Outsider, QuestionFilter.All));
        Assert.Equal(3, (await s.Questions.InboxAsync(TestActors.Admin)).Total);
        Assert.Equal(b.Id, (await s.Questions.InboxAsync(s.Organizer, take: 1)).Items.Single().Id);
        Assert.Equal(3, (await s.Questions.InboxAsync(s.Organizer, take: 1)).Total);
    }

    [Fact]
    public async Task Figures_AnswersAtKnownTimes_MedianAndP90AsComputedByHand()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var t0 = db.Clock.GetUtcNow().UtcDateTime;
        var q = new List<int>();
        for (var i = 0; i < 5; i++) q.Add((await s.Questions.AskAsync(s.Event.Id, new QuestionInput($"Q{i}"), "ky")).Id);

        // Answered after 2, 4, 10 and 30 hours; the fifth never.
        foreach (var (hours, id) in new[] { (2, q[0]), (4, q[1]), (10, q[2]), (30, q[3]) })
        {
            s.At(t0.AddHours(hours));
            await s.Questions.AnswerAsync(s.Organizer, id, "Жооп " + hours);
        }
        s.At(t0.AddHours(50));
        await s.Questions.AnswerAsync(s.Organizer, q[0], "Оңдолгон жооп"); // a correction does not move the first answer

        var f = await s.Questions.FiguresAsync(s.Organizer, s.Event.Id);

        // received 5, answered 4, rate 0.8; median (4 + 10) / 2 = 7; p90 rank ⌈0.9 · 4⌉ = 4 → 30.
        Assert.Equal(new QuestionFigures(5, 4, 0.8, 7, 30), f);
        Assert.Equal(f, await s.QueryAsync(c => QuestionFigures.OfAsync(c.Questions.Where(x => x.EventId == s.Event.Id))));
    }

    [Fact]
    public async Task OrganizerOfAnotherOrganization_EveryOperation403_NothingChanged()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var q = await s.Questions.AskAsync(s.Event.Id, new QuestionInput("?", null, "asker@example.kg"), "ky");
        var before = await s.QueryAsync(c => c.Questions.AsNoTracking().SingleAsync());

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Questions.AnswerAsync(s.Outsider, q.Id, "Жооп"));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Questions.AssignAsync(s.Outsider, q.Id, s.Outsider.UserId));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Questions.SetPublishedAsync(s.Outsider, q.Id, true));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Questions.GetAsync(s.Outsider, q.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Questions.FiguresAsync(s.Outsider, s.Event.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Questions.AssigneesAsync(TestActors.Stranger, s.Event.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Questions.AnswerAsync(s.Organizer, 999_999, "Жооп"));

        var after = await s.QueryAsync(c => c.Questions.AsNoTracking().SingleAsync());
        Assert.Equal((before.AnswerText, before.AssignedToUserId, before.IsPublished), (after.AnswerText, after.AssignedToUserId, after.IsPublished));
        Assert.Empty(await s.MailAsync(EngagementMail.AnswerKind));
    }
}
