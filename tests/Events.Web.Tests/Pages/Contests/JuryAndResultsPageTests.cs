using System.Globalization;
using Bunit;
using Events.Core.Contests;
using Events.Core.People;
using Events.Web.Components.Pages.Contests;
using Events.Web.Tests.Infrastructure;

namespace Events.Web.Tests.Pages.Contests;

/// <summary>The jury's home page and the organizer's results page (English UI) over the real services and database.</summary>
public class JuryAndResultsPageTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app = app;

    [Fact]
    public async Task JuryHome_ListsTheRound_ProgressAndContinueToTheFirstUnfinished()
    {
        var data = await ContestPageData.CreateAsync(_app);
        var (first, second, third) = (await data.SubmitAsync(), await data.SubmitAsync(), await data.SubmitAsync());
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, first.Entry.Id, second.Entry.Id, third.Entry.Id);
        await data.ScoreAsync(juror, round, first.Entry.Id, final: true, null, 5, 5);
        await data.ScoreAsync(juror, round, second.Entry.Id, final: false, null, 5, 5); // a draft is not finished
        await data.ScoreAsync(juror, round, third.Entry.Id, final: true, null, 5, 5);
        ContestPageData.SignIn(this, juror, Roles.Juror);

        var cut = Render<JuryHome>();

        var card = cut.WaitForElement("[data-testid=jury-round]");
        Assert.Single(cut.FindAll("[data-testid=jury-round]"));
        Assert.Contains(round.Name, card.TextContent);
        Assert.Contains(data.Contest.Title, card.TextContent);
        Assert.Equal("Final scores: 2 of 3", cut.Find("[data-testid=jury-progress]").TextContent.Trim());
        var next = cut.Find("[data-testid=jury-continue]");
        Assert.Equal($"/jury/rounds/{round.Id}/entries/{second.Entry.Id}", next.GetAttribute("href"));
        Assert.Contains("Continue scoring", next.TextContent);
        foreach (var e in new[] { first, second, third }) Assert.Contains(e.Entry.Title, card.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=jury-empty]"));
    }

    [Fact]
    public async Task JuryHome_AllFinal_NoContinue()
    {
        var data = await ContestPageData.CreateAsync(_app);
        var entry = await data.SubmitAsync();
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);
        await data.ScoreAsync(juror, round, entry.Entry.Id, final: true, null, 1, 1);
        ContestPageData.SignIn(this, juror, Roles.Juror);

        var cut = Render<JuryHome>();

        cut.WaitForElement("[data-testid=jury-round]");
        Assert.Equal("Final scores: 1 of 1", cut.Find("[data-testid=jury-progress]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=jury-continue]"));
    }

    [Fact]
    public async Task JuryHome_NothingAssigned_EmptyState()
    {
        var data = await ContestPageData.CreateAsync(_app);
        await data.SubmitAsync();
        await data.RoundAsync();
        var juror = await data.JurorAsync(); // on the jury, but given no entries
        ContestPageData.SignIn(this, juror, Roles.Juror);

        var cut = Render<JuryHome>();

        var empty = cut.WaitForElement("[data-testid=jury-empty]");
        Assert.Contains("No entries have been assigned to you yet.", empty.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=jury-round]"));
    }

    [Fact]
    public async Task Results_BothRankings_SpreadWarningOverThirtyPoints()
    {
        var data = await ContestPageData.CreateAsync(_app);
        var (e1, e2, e3) = (await data.SubmitAsync(), await data.SubmitAsync(), await data.SubmitAsync());
        var round = await data.RoundAsync(ContestPageData.OutOfHundred); // a total is the score itself
        var (j1, j2) = (await data.JurorAsync(), await data.JurorAsync());
        foreach (var j in new[] { j1, j2 }) await data.AssignAsync(round, j, e1.Entry.Id, e2.Entry.Id, e3.Entry.Id);
        // Juror 1: 90, 60, 30 (μ 60, σ √600); juror 2: 50, 70, 40 (μ 53.3, σ 12.47).
        // Means: e1 70, e2 65, e3 35 → ranks 1, 2, 3. Mean z: e1 (1.225 − 0.267)/2 = 0.479, e2 (0 + 1.336)/2 = 0.668, e3 −1.147 → ranks 2, 1, 3.
        // Spreads: e1 40 (> 30: warning), e2 10, e3 10.
        foreach (var (entry, s1, s2) in new[] { (e1, 90.0, 50.0), (e2, 60.0, 70.0), (e3, 30.0, 40.0) })
        {
            await data.ScoreAsync(j1, round, entry.Entry.Id, final: true, null, s1);
            await data.ScoreAsync(j2, round, entry.Entry.Id, final: true, null, s2);
        }
        ContestPageData.SignIn(this, data.Organizer, Roles.Organizer);

        var cut = Render<RoundResultsPage>(p => p.Add(x => x.Id, round.Id));

        cut.WaitForElement("[data-testid=results-table]");
        var headers = cut.FindAll("[data-testid=results-table] th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal("Rank (mean)", headers[0]);
        Assert.Equal("Rank (z)", headers[1]);
        var rows = cut.FindAll("[data-testid=result-row]");
        Assert.Equal([e1.Entry.Id, e2.Entry.Id, e3.Entry.Id], rows.Select(r => int.Parse(r.GetAttribute("data-entry-id")!, CultureInfo.InvariantCulture)));
        (string Mean, string Normalized, bool Warning, string Average) Row(int i) => (
            rows[i].QuerySelector("[data-testid=rank-mean]")!.TextContent.Trim(),
            rows[i].QuerySelector("[data-testid=rank-normalized]")!.TextContent.Trim(),
            rows[i].QuerySelector("[data-testid=spread-warning]") is not null,
            rows[i].QuerySelector("[data-testid=mean]")!.TextContent.Trim());
        string Number(double v) => v.ToString("0.00", CultureInfo.CurrentCulture);
        Assert.Equal(("1", "2", true, Number(70)), Row(0));
        Assert.Equal(("2", "1", false, Number(65)), Row(1));
        Assert.Equal(("3", "3", false, Number(35)), Row(2));
        Assert.Contains("Discuss", rows[0].QuerySelector("[data-testid=spread-warning]")!.TextContent);
        Assert.Contains(e1.Entry.Title, rows[0].TextContent);
    }
}
