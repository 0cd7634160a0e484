using System.Globalization;
using Events.Core.Common;
using Events.Core.Indicators;
using Events.Core.Reference;
using Events.Core.Scheduling;
using Events.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Events.Web.Components.Pages.Indicators;

/// <summary>
/// The plan's monitoring dashboard: the indicators document for a year (and organization), the activities of one kind if asked,
/// each chart with its table, each participant count linking to the registrations behind it. Core decides who reads what.
/// </summary>
public partial class Dashboard : IndicatorPage
{
    private const string OtherCountries = "*";
    private const int TopCountryCount = 10;

    [Inject] private IndicatorService Indicators { get; set; } = default!;
    [Inject] private IndicatorTrends Trends { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "kind")] private string? KindQuery { get; set; }

    private readonly BarChartOptions _axisOptions = new() { XAxisLabelRotation = 30, ShowLegend = true, MaxNumYAxisTicks = 6 };
    private readonly LineChartOptions _lineOptions = new() { ShowDataMarkers = true, YAxisRequireZeroPoint = true, MaxNumYAxisTicks = 6 };

    private EventKind? _kind;
    private bool _loading;
    private string? _error;
    private IndicatorDocument? _document;
    private IReadOnlyList<MonthFigures>? _months;

    protected override async Task OnInitializedAsync()
    {
        _kind = Enum.TryParse<EventKind>(KindQuery, out var k) && Enum.IsDefined(k) ? k : null;
        // Anyone whom Core does not let read indicators (a juror, a trainer) gets its refusal here, before any figure.
        if (await InitializeFiltersAsync()) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            var actor = await ActorAsync();
            _document = await Indicators.ComputeAsync(actor, Year, OrganizationId);
            // With a kind chosen, the splits are that kind's, as the lists their numbers lead to.
            if (_kind is { } kind) _document = _document with { ParticipantsBy = await Indicators.ParticipantsByAsync(actor, Year, OrganizationId, kind) };
            _months = await Trends.MonthlyAsync(actor, Year, OrganizationId, _kind);
        }
        catch (Exception e) when (Problems.IsRefusal(e))
        {
            _document = null;
            _months = null;
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
        Navigation.NavigateTo(IndicatorLinks.DashboardFor(Year, OrganizationId, _kind), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private async Task KindChangedAsync(ChangeEventArgs e)
    {
        _kind = Enum.TryParse<EventKind>(e.Value?.ToString(), out var kind) ? kind : null;
        await ReloadAsync();
    }

    /// <summary>Nothing held in the year (of the kind asked): the figures would be a page of zeros.</summary>
    private bool IsEmpty => _document is not { } d
                            || (_kind is { } k ? d.Activities.Single(a => a.Kind == k).SessionsHeld == 0 : d.Totals.SessionsHeld == 0)
                               && _months!.Sum(m => m.Participants) == 0;

    /// <summary>The activities shown: the kind asked, or every kind with a target or anything recorded.</summary>
    private List<ActivityFigures> Activities => _document!.Activities
        .Where(a => _kind is { } k ? a.Kind == k : a.Target > 0 || a.SessionsHeld > 0 || a.Registered > 0 || a.Participants > 0 || a.Reposts > 0 || a.Views > 0)
        .ToList();

    private sealed record Tile(string Name, string Value, string? Link = null);

    private IEnumerable<Tile> Tiles()
    {
        var d = _document!;
        string? participants = IndicatorLinks.Participants(d.Year, OrganizationId, _kind);
        var sessions = IndicatorLinks.Sessions(d.Year, OrganizationId, _kind);
        if (_kind is { } k)
        {
            var a = d.Activities.Single(x => x.Kind == k);
            return
            [
                new("MeetingsHeld", N(a.MeetingsHeld), sessions), new("SessionsHeld", N(a.SessionsHeld), sessions), new("Participants", N(a.Participants), participants),
                new("UniqueParticipants", N(a.UniqueParticipants)), new("Registered", N(a.Registered)), new("Reposts", N(a.Reposts)), new("Views", N(a.Views)),
            ];
        }
        var t = d.Totals;
        return
        [
            new("MeetingsHeld", N(t.MeetingsHeld), sessions), new("Participants", N(t.Participants), participants), new("UniqueParticipants", N(t.UniqueParticipants)),
            new("Registered", N(t.Registered)), new("Entries", N(t.Entries)), new("GrantsAwarded", N(t.GrantsAwarded)),
            new("GrantsAmount", t.GrantsAmount.ToString("N0", CultureInfo.CurrentCulture)), new("StartupsDeveloped", N(t.StartupsDeveloped)),
            new("Trainees", N(t.Trainees)), new("Reposts", N(t.Reposts)), new("Views", N(t.Views)),
        ];
    }

    private List<ChartSeries<double>> PlanSeries() =>
    [
        new() { Name = L["Indicators_Target"], Data = new ChartData<double>(Activities.Select(a => (double)(a.Target ?? 0)).ToArray()) },
        new() { Name = L["Indicators_MeetingsHeld"], Data = new ChartData<double>(Activities.Select(a => (double)a.MeetingsHeld).ToArray()) },
    ];

    private List<ChartSeries<double>> TrendSeries(IReadOnlyList<MonthFigures> months) =>
    [
        new() { Name = L["Indicators_MeetingsHeld"], Data = new ChartData<double>(months.Select(m => (double)m.MeetingsHeld).ToArray()) },
        new() { Name = L["Indicators_Participants"], Data = new ChartData<double>(months.Select(m => (double)m.Participants).ToArray()) },
    ];

    private static List<ChartSeries<double>> Single(string name, IEnumerable<int> values) =>
        [new() { Name = name, Data = new ChartData<double>(values.Select(v => (double)v).ToArray()) }];

    private static string[] MonthNames(bool abbreviated)
    {
        var names = abbreviated ? CultureInfo.CurrentCulture.DateTimeFormat.AbbreviatedMonthNames : CultureInfo.CurrentCulture.DateTimeFormat.MonthNames;
        return names.Take(12).ToArray();
    }

    private List<KeyValuePair<string, int>> TopCountries =>
        _document!.ParticipantsBy.Country.Where(c => c.Value > 0).OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(TopCountryCount).ToList();

    /// <summary>The ten countries with most participants, then the rest in one row, so that the table still adds up.</summary>
    private Dictionary<string, int> CountriesWithOthers()
    {
        var top = TopCountries;
        var rows = top.ToDictionary(c => c.Key, c => c.Value);
        var rest = _document!.ParticipantsBy.Country.Values.Sum() - top.Sum(c => c.Value);
        if (rest > 0) rows[OtherCountries] = rest;
        return rows;
    }

    private string CountryName(string code) => code == OtherCountries
        ? L["Indicators_OtherCountries"]
        : CountryCatalog.All.FirstOrDefault(c => c.Code == code)?.DisplayName(Culture) ?? code;

    private string Link(string? gender = null, string? ageGroup = null, string? country = null, string? homeRegion = null) =>
        IndicatorLinks.Participants(_document!.Year, OrganizationId, gender: gender, ageGroup: ageGroup, country: country, homeRegion: homeRegion);

    private SurveyIndicators Wave(string wave) => _document!.Survey.GetValueOrDefault(wave) ?? new SurveyIndicators(0, 0, null, 0, 0);

    private static IEnumerable<(string Label, Func<SurveyIndicators, string> Value)> SurveyRows() =>
    [
        ("Indicators_Responses", s => N(s.Responses)),
        ("Indicators_Aware", s => N(s.AwareOfOpportunities)),
        ("Indicators_SatisfiedAverage", s => D(s.SatisfiedAverage)),
        ("Indicators_Satisfied", s => N(s.Satisfied)),
        ("Indicators_Important", s => N(s.InvestingImportant)),
    ];

    private static string N(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string D(double? value) => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? "—";
}
