using Bunit;
using Events.Core.Engagement;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Web.Components.Pages.Indicators;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Indicators;

/// <summary>The printable M&amp;E report (English UI) over the real services and database: the four parts, their empty states, the editor.</summary>
public class ReportPageTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly IndicatorPageData _data = new(app);

    private IRenderedComponent<ReportPage> Page(Core.Common.Actor who, string role, string query)
    {
        ContestPageData.SignIn(this, who, role);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/analytics/report?" + query);
        var cut = Render<ReportPage>();
        cut.WaitForElement("[data-testid=report-part4]");
        return cut;
    }

    private static string Text(IRenderedComponent<ReportPage> cut, string selector) => cut.Find(selector).TextContent.Trim();

    [Fact]
    public async Task AYearWithEverything_FourPartsWithTheirTables()
    {
        var org = await _data.OrganizationAsync("Embassy");
        var e = await _data.EventAsync(org, EventKind.EmbassyMeeting, new DateTime(2009, 5, 5, 18, 0, 0), ("a@x.kg", Gender.Female), ("b@x.kg", Gender.Male));
        await using (var db = _data.Db())
        {
            var people = await db.Registrations.Where(r => r.EventId == e.Id).OrderBy(r => r.Id).ToListAsync();
            db.Coverage.AddRange(
                new CoverageRecord { EventId = e.Id, Channel = CoverageChannel.Telegram, Reposts = 12, Views = 300, Url = "https://t.me/embassy/9", RecordedBy = "t" },
                new CoverageRecord { EventId = e.Id, Channel = CoverageChannel.WhatsApp, Reposts = 30, RecordedBy = "t" });
            var question = new RegistrationQuestion { Kind = QuestionKind.YesNo, Prompt = "Would you invest?" };
            db.Surveys.Add(new Survey { EventId = e.Id, Questions = [question], UpdatedUtc = DateTime.UtcNow });
            db.SurveyResponses.AddRange(
                new SurveyResponse { EventId = e.Id, RegistrationId = people[0].Id, Wave = SurveyWave.Baseline, Satisfaction = 3, Answers = new() { [question.Id] = "no" } },
                new SurveyResponse { EventId = e.Id, RegistrationId = people[1].Id, Wave = SurveyWave.Baseline, AwareOfOpportunities = true, Satisfaction = 4 },
                new SurveyResponse { EventId = e.Id, RegistrationId = people[0].Id, Wave = SurveyWave.FollowUp, AwareOfOpportunities = true, Satisfaction = 5,
                    InvestingImportant = true, Answers = new() { [question.Id] = "yes" } });
            db.ReportRecommendations.Add(new Core.Indicators.ReportRecommendation
                { Year = 2009, Text = "Keep the **Telegram** channel.\n\n<script>alert(1)</script>", UpdatedUtc = DateTime.UtcNow, UpdatedBy = "admin" });
            await db.SaveChangesAsync();
        }

        var cut = Page(await _data.UserAsync(Roles.Analyst), Roles.Analyst, "year=2009");

        Assert.Equal(["1. Quantitative indicators", "2. Internet statistics", "3. Survey results", "4. Recommendations"],
            cut.FindAll("section.report-part h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("2", Text(cut, "[data-testid=report-activities] tr[data-kind=EmbassyMeeting] td:nth-of-type(6)")); // participants
        Assert.Equal(["12", "300", "1"], cut.FindAll("[data-testid=report-channels] tr[data-channel=Telegram] td").Skip(1).Select(td => td.TextContent.Trim()));
        Assert.Equal("42", Text(cut, "[data-testid=report-channels] tr[data-channel=total] td:nth-of-type(2)"));
        Assert.Equal("https://t.me/embassy/9", cut.Find("[data-testid=report-links] td.url a").GetAttribute("href"));
        Assert.Equal(["1", "50", "1", "100"], cut.FindAll("[data-testid=report-survey] tr[data-row=aware] td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["2", "", "1", ""], cut.FindAll("[data-testid=report-survey] tr[data-row=responses] td").Select(td => td.TextContent.Trim()));
        Assert.Contains("Would you invest?", Text(cut, "[data-testid=report-extra-question] caption"));
        Assert.Equal("Keep the Telegram channel.", Text(cut, "[data-testid=report-recommendations] p"));
        Assert.NotNull(cut.Find("[data-testid=report-recommendations] strong"));
        Assert.Empty(cut.FindAll("[data-testid=report-recommendations] script"));
        Assert.Equal("/api/v1/indicators/report/export?year=2009&format=xlsx", cut.Find("[data-testid=report-download]").GetAttribute("href"));
        Assert.NotNull(cut.Find("[data-testid=recommendations-editor]"));
    }

    [Fact]
    public async Task AYearWithNothing_EmptyStatesInsteadOfTables()
    {
        var cut = Page(await _data.UserAsync(Roles.Analyst), Roles.Analyst, "year=2003");

        Assert.Equal("No reposts or views have been recorded for this year's events yet.", Text(cut, "[data-testid=report-no-coverage]"));
        Assert.Equal("Nobody has answered a survey about this year's events yet.", Text(cut, "[data-testid=report-no-survey]"));
        Assert.Equal("No recommendations have been written yet.", Text(cut, "[data-testid=report-no-recommendations]"));
        Assert.Empty(cut.FindAll("[data-testid=report-channels]"));
        Assert.Empty(cut.FindAll("[data-testid=report-survey]"));
        Assert.Equal("0", Text(cut, "[data-testid=report-activities] tr[data-kind=OnlineMekendesh] td:nth-of-type(2)"));
    }

    [Fact]
    public async Task Editor_SavesWithASuccessMessage_TooLongFailsWithItsReason()
    {
        var org = await _data.OrganizationAsync("Mine");
        var organizer = await _data.UserAsync(Roles.Organizer, org);
        var cut = Page(organizer, Roles.Organizer, $"year=2008&organizationId={org}");

        cut.Find("#recommendations-text").Input("- Answer within a day");
        cut.Find("[data-testid=recommendations-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("The recommendations are saved.", Text(cut, "[data-testid=recommendations-message]")));
        Assert.Equal("Answer within a day", Text(cut, "[data-testid=report-recommendations] li"));

        cut.Find("#recommendations-text").Input(new string('x', 20_001));
        cut.Find("[data-testid=recommendations-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("The recommendations were not saved: At most 20000 characters.", Text(cut, "[data-testid=recommendations-message]")));
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=recommendations-message]").ClassName);
    }

    [Fact]
    public async Task Organizer_WithoutAFilter_IsAskedToChooseTheirOrganization_NoEditor()
    {
        var org = await _data.OrganizationAsync("Mine");
        var cut = Page(await _data.UserAsync(Roles.Organizer, org), Roles.Organizer, "year=2008");

        Assert.NotNull(cut.Find("[data-testid=recommendations-choose]"));
        Assert.Empty(cut.FindAll("[data-testid=recommendations-editor]"));
    }

    [Fact]
    public async Task Participant_TheLocalized403_NoReport()
    {
        ContestPageData.SignIn(this, await _data.UserAsync(Roles.Participant), Roles.Participant);

        var cut = Render<ReportPage>();

        cut.WaitForAssertion(() => Assert.Equal("You may not do this.", Text(cut, "[data-testid=report-problem]")));
        Assert.Empty(cut.FindAll("section.report-part"));
        Assert.Empty(cut.FindAll("[data-testid=report-download]"));
    }

    [Fact]
    public async Task Dashboard_LinksToTheReportOfItsYearAndOrganization()
    {
        ContestPageData.SignIn(this, await _data.UserAsync(Roles.Analyst), Roles.Analyst);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/analytics?year=2007");

        var cut = Render<Dashboard>();

        cut.WaitForAssertion(() => Assert.Equal("/analytics/report?year=2007", cut.Find("[data-testid=dashboard-report-link]").GetAttribute("href")));
    }
}
