using System.Text.Json;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Core.Indicators;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Indicators;

/// <summary>
/// The M&amp;E report on a small hand-built year (the clock stands at 28 Nov 2026): ministry A's Online-Mekendesh in March with coverage on
/// two channels, a survey in both waves and three questions of its own; embassy B's meeting in June with coverage; coverage of A's event of
/// last year and of a draft, which do not count.
/// </summary>
public class MonitoringReportServiceTests
{
    private sealed record Year(TestDatabase Db, int A, int B, int Mekendesh, int Meeting, string[] QuestionIds);

    private static async Task<Event> EventAsync(EventsDbContext db, int org, EventKind kind, DateTime start, string title, bool publish = true)
    {
        var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var e = new Event { OrganizationId = org, Kind = kind, Title = title, TitleEn = title + " (en)", CreatedUtc = now, UpdatedUtc = now };
        e.Sessions.Add(Session.Create(new SessionInput(null, start, "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/1"), now, "test"));
        if (publish) e.Publish(now);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    private static Events.Core.Registration.Registration Person(Event e, string email) => new()
    {
        EventId = e.Id, SessionId = e.Sessions[0].Id, FullName = email, Email = email, NormalizedEmail = email, ActiveEmailKey = email, CountryCode = "RU",
        Status = RegistrationStatus.Confirmed, CreatedUtc = e.Sessions[0].StartUtc.AddDays(-3), UpdatedUtc = e.Sessions[0].StartUtc.AddDays(-3),
        ConsentUtc = e.Sessions[0].StartUtc.AddDays(-3), CheckedInUtc = e.Sessions[0].StartUtc,
        ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
    };

    private static CoverageRecord Coverage(Event e, CoverageChannel channel, int reposts, long? views = null, string? url = null) =>
        new() { EventId = e.Id, Channel = channel, Reposts = reposts, Views = views, Url = url, RecordedBy = "test" };

    private static SurveyResponse Response(Event e, Events.Core.Registration.Registration r, SurveyWave wave, bool aware, int satisfaction, bool important,
        Dictionary<string, string>? answers = null) =>
        new()
        {
            EventId = e.Id, RegistrationId = r.Id, Wave = wave, AwareOfOpportunities = aware, Satisfaction = satisfaction, InvestingImportant = important,
            Answers = answers ?? [], SubmittedUtc = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
        };

    private static async Task<Year> BuildAsync()
    {
        var test = await TestDatabase.CreateAsync();
        await using var db = test.NewContext();
        var a = new Organization { Name = "Ministry A", Kind = OrganizationKind.Ministry, CountryCode = "KG", TimeZone = "Asia/Bishkek" };
        var b = new Organization { Name = "Embassy B", Kind = OrganizationKind.Embassy, CountryCode = "TR", TimeZone = "Europe/Istanbul" };
        db.Organizations.AddRange(a, b);
        await db.SaveChangesAsync();

        var mekendesh = await EventAsync(db, a.Id, EventKind.OnlineMekendesh, new DateTime(2026, 3, 10, 18, 0, 0), "Mekendesh");
        var meeting = await EventAsync(db, b.Id, EventKind.EmbassyMeeting, new DateTime(2026, 6, 1, 11, 0, 0), "Meeting");
        var lastYear = await EventAsync(db, a.Id, EventKind.OnlineMekendesh, new DateTime(2025, 11, 10, 18, 0, 0), "Last year");
        var draft = await EventAsync(db, a.Id, EventKind.Webinar, new DateTime(2026, 4, 1, 18, 0, 0), "Draft", publish: false);
        db.Coverage.AddRange(
            Coverage(mekendesh, CoverageChannel.Telegram, 10, 100, "https://t.me/kg/1"),
            Coverage(mekendesh, CoverageChannel.Telegram, 5),
            Coverage(mekendesh, CoverageChannel.Facebook, 3, 30, "https://facebook.com/kg/1"),
            Coverage(meeting, CoverageChannel.Telegram, 7, 70, "https://t.me/emb/2"),
            Coverage(meeting, CoverageChannel.Instagram, 2),
            Coverage(lastYear, CoverageChannel.YouTube, 99, 999, "https://youtube.com/old"),
            Coverage(draft, CoverageChannel.WhatsApp, 50, 500, "https://wa.me/draft"));

        var yesNo = new RegistrationQuestion { Kind = QuestionKind.YesNo, Prompt = "Would you come again?" };
        var choice = new RegistrationQuestion { Kind = QuestionKind.Choice, Prompt = "Where did you hear?", Options = ["Telegram", "Friends"] };
        var text = new RegistrationQuestion { Kind = QuestionKind.Text, Prompt = "What should we change?" };
        db.Surveys.Add(new Survey { EventId = mekendesh.Id, Questions = [yesNo, choice, text], UpdatedUtc = DateTime.UtcNow });
        var people = new[] { Person(mekendesh, "a@x.kg"), Person(mekendesh, "b@x.kg"), Person(mekendesh, "c@x.kg") };
        db.Registrations.AddRange(people);
        await db.SaveChangesAsync();
        db.SurveyResponses.AddRange(
            Response(mekendesh, people[0], SurveyWave.Baseline, aware: true, 5, important: true, new() { [yesNo.Id] = "yes", [choice.Id] = "Telegram", [text.Id] = "More" }),
            Response(mekendesh, people[1], SurveyWave.Baseline, aware: false, 3, important: true, new() { [yesNo.Id] = "no" }),
            Response(mekendesh, people[2], SurveyWave.Baseline, aware: false, 2, important: false),
            Response(mekendesh, people[0], SurveyWave.FollowUp, aware: true, 4, important: true, new() { [yesNo.Id] = "yes", [choice.Id] = "Friends" }));
        await db.SaveChangesAsync();
        return new Year(test, a.Id, b.Id, mekendesh.Id, meeting.Id, [yesNo.Id, choice.Id, text.Id]);
    }

    private static async Task<Actor> UserAsync(TestDatabase db, string role, params int[] organizations) =>
        new(await db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser($"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@plan.example.kg", role, "Report-Pass-2026", [role], organizations)), false);

    private static MonitoringReportService Service(Year y) => y.Db.Get<MonitoringReportService>();

    [Fact]
    public async Task ReportAsync_PartOne_IsTheIndicatorDocument()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;

        var report = await Service(y).ReportAsync(TestActors.Admin, 2026, null, "en");
        var document = await y.Db.Get<IndicatorService>().ComputeAsync(TestActors.Admin, 2026, null);

        Assert.Equal(JsonSerializer.Serialize(document), JsonSerializer.Serialize(report.Indicators));
        Assert.Equal((2026, (int?)null, (string?)null), (report.Year, report.OrganizationId, report.OrganizationName));
    }

    [Fact]
    public async Task ReportAsync_Internet_SumsTheYearsEventsByChannel_WithTheirLinks()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;

        var report = await Service(y).ReportAsync(TestActors.Admin, 2026, null, "en");

        var internet = report.Internet;
        ChannelCoverage Of(CoverageChannel c) => internet.Channels.Single(x => x.Channel == c);
        Assert.Equal((3, 22L, 170L, 2), (Of(CoverageChannel.Telegram).Records, Of(CoverageChannel.Telegram).Reposts, Of(CoverageChannel.Telegram).Views, Of(CoverageChannel.Telegram).Links));
        Assert.Equal((1, 3L, 30L, 1), (Of(CoverageChannel.Facebook).Records, Of(CoverageChannel.Facebook).Reposts, Of(CoverageChannel.Facebook).Views, Of(CoverageChannel.Facebook).Links));
        Assert.Equal((1, 2L, 0L, 0), (Of(CoverageChannel.Instagram).Records, Of(CoverageChannel.Instagram).Reposts, Of(CoverageChannel.Instagram).Views, Of(CoverageChannel.Instagram).Links));
        Assert.Equal((0, 0L), (Of(CoverageChannel.YouTube).Records, Of(CoverageChannel.WhatsApp).Reposts)); // last year's event and the draft do not count
        Assert.Equal((5, 27L, 200L, 3), (internet.Records, internet.Reposts, internet.Views, internet.Links));
        // The same sums as the indicators document, which counts coverage by kind.
        Assert.Equal((report.Indicators.Totals.Reposts, report.Indicators.Totals.Views), ((int)internet.Reposts, internet.Views));
        // By event, then by channel name.
        Assert.Equal([("Mekendesh (en)", "https://facebook.com/kg/1"), ("Mekendesh (en)", "https://t.me/kg/1"), ("Meeting (en)", "https://t.me/emb/2")],
            internet.LinkList.Select(l => (l.EventTitle, l.Url)));
    }

    [Fact]
    public async Task ReportAsync_Organizer_SeesOnlyTheirOrganizationsCoverage()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var organizer = await UserAsync(y.Db, Roles.Organizer, y.B);

        var report = await Service(y).ReportAsync(organizer, 2026, null, "ky");

        Assert.Equal((2, 9L, 70L, 1), (report.Internet.Records, report.Internet.Reposts, report.Internet.Views, report.Internet.Links));
        Assert.Equal(["https://t.me/emb/2"], report.Internet.LinkList.Select(l => l.Url));
        Assert.Equal(0, report.Survey.Baseline.Responses + report.Survey.FollowUp.Responses);
        Assert.Empty(report.Survey.Questions);
        Assert.Equal(9, report.Indicators.Totals.Reposts);
        var own = await Service(y).ReportAsync(organizer, 2026, y.B, "en");
        Assert.Equal("Embassy B", own.OrganizationName);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service(y).ReportAsync(organizer, 2026, y.A, "en"));
    }

    [Fact]
    public async Task ReportAsync_Survey_BothWavesWithShares_AndTheOrganizersQuestionsSummarised()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;

        var survey = (await Service(y).ReportAsync(TestActors.Admin, 2026, null, "en")).Survey;

        var b = survey.Baseline;
        Assert.Equal((3, 1, 33.33, 1, 33.33, 2, 66.67), (b.Responses, b.AwareOfOpportunities, b.AwarePercent, b.Satisfied, b.SatisfiedPercent, b.InvestingImportant,
            b.InvestingImportantPercent));
        Assert.Equal(10.0 / 3, b.SatisfiedAverage!.Value, 9);
        var f = survey.FollowUp;
        Assert.Equal((1, 1, 100.0, 4.0, 1, 100.0), (f.Responses, f.AwareOfOpportunities, f.AwarePercent, f.SatisfiedAverage, f.Satisfied, f.InvestingImportantPercent));

        Assert.Equal(["Would you come again?", "Where did you hear?", "What should we change?"], survey.Questions.Select(q => q.Prompt));
        Assert.All(survey.Questions, q => Assert.Equal("Mekendesh (en)", q.EventTitle));
        var yesNo = survey.Questions[0];
        Assert.Equal((2, 1), (yesNo.BaselineAnswered, yesNo.FollowUpAnswered));
        Assert.Equal([("Yes", 1, 1), ("No", 1, 0)], yesNo.Answers.Select(a => (a.Label, a.Baseline, a.FollowUp)));
        Assert.Equal([("Telegram", 1, 0), ("Friends", 0, 1)], survey.Questions[1].Answers.Select(a => (a.Value, a.Baseline, a.FollowUp)));
        // Free text is counted, never copied.
        Assert.Equal((1, 0), (survey.Questions[2].BaselineAnswered, survey.Questions[2].FollowUpAnswered));
        Assert.Empty(survey.Questions[2].Answers);
    }

    [Fact]
    public async Task ReportAsync_AYearWithNothing_ZerosEmptyListsNoText()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;

        var report = await Service(y).ReportAsync(TestActors.Admin, 2030, null, "ky");

        Assert.Equal((0, 0L, 0L, 0), (report.Internet.Records, report.Internet.Reposts, report.Internet.Views, report.Internet.Links));
        Assert.Equal(8, report.Internet.Channels.Count);
        Assert.Empty(report.Internet.LinkList);
        Assert.Equal((0, (double?)null, (double?)null), (report.Survey.Baseline.Responses, report.Survey.Baseline.AwarePercent, report.Survey.FollowUp.SatisfiedAverage));
        Assert.Empty(report.Survey.Questions);
        Assert.Null(report.Recommendations.Text);
        Assert.True(report.Recommendations.CanEdit);
        Assert.Equal(0, report.Indicators.Totals.MeetingsHeld);
    }

    [Fact]
    public async Task SaveRecommendations_SavesReplacesAndClears_OnePerYearAndScope()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var analyst = await UserAsync(y.Db, Roles.Analyst);
        var service = Service(y);

        var saved = await service.SaveRecommendationsAsync(analyst, new RecommendationsInput(2026, null, "  Publish the **recording**.\r\nAnswer faster.  "));
        Assert.Equal("Publish the **recording**.\nAnswer faster.", saved.Text);
        Assert.Equal((analyst.UserId, new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc)), (saved.UpdatedBy, saved.UpdatedUtc!.Value));
        await service.SaveRecommendationsAsync(TestActors.Admin, new RecommendationsInput(2026, null, "Second thoughts."));
        await service.SaveRecommendationsAsync(analyst, new RecommendationsInput(2026, y.B, "For the embassy."));

        Assert.Equal("Second thoughts.", (await service.ReportAsync(analyst, 2026, null, "en")).Recommendations.Text);
        Assert.Equal("For the embassy.", (await service.ReportAsync(analyst, 2026, y.B, "en")).Recommendations.Text);
        Assert.Null((await service.ReportAsync(analyst, 2025, null, "en")).Recommendations.Text);
        await using (var db = y.Db.NewContext()) Assert.Equal(2, await db.ReportRecommendations.CountAsync());

        await service.SaveRecommendationsAsync(analyst, new RecommendationsInput(2026, null, "   "));
        Assert.Null((await service.ReportAsync(analyst, 2026, null, "en")).Recommendations.Text);
    }

    [Fact]
    public async Task SaveRecommendations_TooLongOrNoYear_LocalizedFieldErrors()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;

        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service(y).SaveRecommendationsAsync(TestActors.Admin, new RecommendationsInput(2026, null, new string('x', ReportRecommendation.TextMaxLength + 1))));
        Assert.Equal(("text", "Validation_TooLong"), (tooLong.Errors.Single().Field, tooLong.Errors.Single().Key));
        var noYear = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(y).SaveRecommendationsAsync(TestActors.Admin, new RecommendationsInput(null, null, "x")));
        Assert.Equal("year", noYear.Errors.Single().Field);
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => Service(y).SaveRecommendationsAsync(TestActors.Admin, new RecommendationsInput(2026, 999_999, "x")));
        Assert.Equal("organizationId", unknown.Errors.Single().Field);
        await Service(y).SaveRecommendationsAsync(TestActors.Admin, new RecommendationsInput(2026, null, new string('x', ReportRecommendation.TextMaxLength)));
    }

    [Fact]
    public async Task SaveRecommendations_OrganizerTheirOwnOnly_ParticipantAndJurorMemberRefused()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var organizer = await UserAsync(y.Db, Roles.Organizer, y.B);
        var participant = await UserAsync(y.Db, Roles.Participant);
        var jurorMember = await UserAsync(y.Db, Roles.Juror, y.B);
        var service = Service(y);

        var own = await service.SaveRecommendationsAsync(organizer, new RecommendationsInput(2026, y.B, "Invite the diaspora associations."));
        Assert.True(own.CanEdit);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveRecommendationsAsync(organizer, new RecommendationsInput(2026, y.A, "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveRecommendationsAsync(organizer, new RecommendationsInput(2026, null, "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveRecommendationsAsync(participant, new RecommendationsInput(2026, null, "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.SaveRecommendationsAsync(jurorMember, new RecommendationsInput(2026, y.B, "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ReportAsync(participant, 2026, null, "en"));
        // Without a filter the organizer reads their organizations' figures, but neither reads nor writes the whole plan's text.
        await service.SaveRecommendationsAsync(TestActors.Admin, new RecommendationsInput(2026, null, "About every organization."));
        var unfiltered = (await service.ReportAsync(organizer, 2026, null, "en")).Recommendations;
        Assert.Equal(((string?)null, false), (unfiltered.Text, unfiltered.CanEdit));
        Assert.Equal("Invite the diaspora associations.", (await service.ReportAsync(organizer, 2026, y.B, "en")).Recommendations.Text);
    }
}
