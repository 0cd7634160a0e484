using System.Globalization;
using Events.Core.Indicators;
using Events.Core.Reference;
using Events.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Events.Web.Components.Pages.Indicators;

/// <summary>
/// The printable M&amp;E report: the plan's four parts for a year (and organization) as headed sections with tables, the workbook to
/// download, and the recommendations editor for those Core lets write them. Core decides who reads and writes what.
/// </summary>
public partial class ReportPage : IndicatorPage
{
    [Inject] private MonitoringReportService Reports { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private bool _loading;
    private bool _saving;
    private bool _saveFailed;
    private string? _error;
    private string? _saveMessage;
    private string? _draft;
    private MonitoringReport? _report;

    protected override async Task OnInitializedAsync()
    {
        if (await InitializeFiltersAsync()) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        _saveMessage = null;
        try
        {
            _report = await Reports.ReportAsync(await ActorAsync(), Year, OrganizationId, Culture);
            _draft = _report.Recommendations.Text;
        }
        catch (Exception e) when (Problems.IsRefusal(e))
        {
            _report = null;
            _error = Problems.Describe(e, L, Errors);
        }
        finally
        {
            _loading = false;
        }
    }

    protected override async Task ReloadAsync()
    {
        await LoadAsync();
        Navigation.NavigateTo(IndicatorLinks.Report(Year, OrganizationId), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private async Task SaveAsync()
    {
        _saving = true;
        Errors.Clear();
        try
        {
            var saved = await Reports.SaveRecommendationsAsync(await ActorAsync(), new RecommendationsInput(Year, OrganizationId, _draft));
            _report = _report! with { Recommendations = saved };
            _draft = saved.Text;
            (_saveFailed, _saveMessage) = (false, L["Report_Saved"]);
        }
        catch (Exception e) when (Problems.IsRefusal(e))
        {
            (_saveFailed, _saveMessage) = (true, string.Format(CultureInfo.CurrentCulture, L["Report_SaveFailed"], Problems.Describe(e, L, Errors)));
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    private RenderFragment Pairs(string caption, string testId, IEnumerable<(string Name, string Value)> rows) =>
        ReportTable.NameValue(caption, testId, L["Indicators_Name"], L["Indicators_Value"], rows);

    private IEnumerable<(string, string)> Totals(IndicatorDocument d)
    {
        var t = d.Totals;
        return new (string Key, string Value)[]
        {
            ("MeetingsHeld", N(t.MeetingsHeld)), ("SessionsHeld", N(t.SessionsHeld)), ("Registered", N(t.Registered)), ("Participants", N(t.Participants)),
            ("UniqueParticipants", N(t.UniqueParticipants)), ("Reposts", N(t.Reposts)), ("Views", N(t.Views)), ("Entries", N(t.Entries)),
            ("GrantsAwarded", N(t.GrantsAwarded)), ("GrantsAmount", t.GrantsAmount.ToString("N0", CultureInfo.CurrentCulture)),
            ("StartupsDeveloped", N(t.StartupsDeveloped)), ("TrainingSessionsOnline", N(t.TrainingSessionsOnline)),
            ("TrainingSessionsOffline", N(t.TrainingSessionsOffline)), ("Trainees", N(t.Trainees)), ("Webinars", N(t.Webinars)),
            ("Exhibitions", N(t.Exhibitions)), ("ForumsWithInvestmentTopic", N(t.ForumsWithInvestmentTopic)),
        }.Select(x => ((string)L[$"Indicators_{x.Key}"], x.Value));
    }

    private IEnumerable<(string, string)> Questions(IndicatorDocument d) =>
    [
        (L["Indicators_QuestionsReceived"], N(d.Questions.Received)), (L["Indicators_QuestionsAnswered"], N(d.Questions.Answered)),
        (L["Indicators_ResponseRate"], D(d.Questions.ResponseRate * 100)), (L["Indicators_MedianHours"], D(d.Questions.MedianHoursToAnswer)),
        (L["Indicators_P90Hours"], D(d.Questions.P90HoursToAnswer)),
    ];

    private sealed record SurveyRow(string Key, string Label, string Baseline, string BaselinePercent, string FollowUp, string FollowUpPercent);

    private static IEnumerable<SurveyRow> SurveyRows(SurveyResults s)
    {
        var (b, f) = (s.Baseline, s.FollowUp);
        return
        [
            new("responses", "Indicators_Responses", N(b.Responses), "", N(f.Responses), ""),
            new("aware", "Indicators_Aware", N(b.AwareOfOpportunities), D(b.AwarePercent), N(f.AwareOfOpportunities), D(f.AwarePercent)),
            new("average", "Indicators_SatisfiedAverage", D(b.SatisfiedAverage), "", D(f.SatisfiedAverage), ""),
            new("satisfied", "Indicators_Satisfied", N(b.Satisfied), D(b.SatisfiedPercent), N(f.Satisfied), D(f.SatisfiedPercent)),
            new("important", "Indicators_Important", N(b.InvestingImportant), D(b.InvestingImportantPercent), N(f.InvestingImportant), D(f.InvestingImportantPercent)),
        ];
    }

    /// <summary>A link as people read it (no scheme, no "www."), so that it fits beside its figures on a phone; the address stays whole.</summary>
    private static string ShortUrl(string url)
    {
        var text = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url[8..] : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url[7..] : url;
        return text.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
    }

    private string CountryName(string code) => CountryCatalog.All.FirstOrDefault(c => c.Code == code)?.DisplayName(Culture) ?? code;

    private static string N(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string D(double? value) => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? "—";
}
