using Events.Core.Indicators;
using Events.Core.Localization;
using Events.Core.Registration;

namespace Events.Web.Api;

/// <summary>
/// The M&amp;E report as four sheets in the reader's language: the indicators (the rows of the indicators export), internet statistics,
/// survey results, recommendations. Every text a person typed (titles, links, questions, the recommendations) is neutralized against
/// spreadsheet formulas.
/// </summary>
public static class ReportWorkbook
{
    public static IReadOnlyList<(string Name, IReadOnlyList<Dictionary<string, object?>> Rows)> Sheets(MonitoringReport report, string language)
    {
        string H(string key) => Texts.Get(key, language);
        return
        [
            (H("Report_Part1"), IndicatorRows.Of(report.Indicators, language)),
            (H("Report_Part2"), Internet(report.Internet, H)),
            (H("Report_Part3"), Survey(report.Survey, H)),
            (H("Report_Part4"), Recommendations(report.Recommendations, H)),
        ];
    }

    private static List<Dictionary<string, object?>> Internet(InternetStatistics internet, Func<string, string> h)
    {
        var rows = new List<Dictionary<string, object?>>();
        void Row(string section, string? channel, string? title, int? records, long? reposts, long? views, int? links, string? url) => rows.Add(new()
        {
            [h("Indicators_Section")] = section, [h("Coverage_Channel")] = channel, [h("Indicators_Event")] = SpreadsheetText.Safe(title),
            [h("Report_Records")] = records, [h("Coverage_Reposts")] = reposts, [h("Coverage_Views")] = views, [h("Report_Links")] = links,
            [h("Coverage_Link")] = SpreadsheetText.Safe(url),
        });
        var byChannel = h("Report_ByChannel");
        foreach (var c in internet.Channels) Row(byChannel, h($"CoverageChannel_{c.Channel}"), null, c.Records, c.Reposts, c.Views, c.Links, null);
        Row(byChannel, h("Indicators_Totals"), null, internet.Records, internet.Reposts, internet.Views, internet.Links, null);
        var links = h("Report_LinkList");
        foreach (var l in internet.LinkList) Row(links, h($"CoverageChannel_{l.Channel}"), l.EventTitle, null, l.Reposts, l.Views, null, l.Url);
        return rows;
    }

    private static List<Dictionary<string, object?>> Survey(SurveyResults survey, Func<string, string> h)
    {
        var rows = new List<Dictionary<string, object?>>();
        void Row(string section, string indicator, string? answer, object? baseline, double? baselinePercent, object? followUp, double? followUpPercent) => rows.Add(new()
        {
            [h("Indicators_Section")] = section, [h("Indicators_Name")] = indicator, [h("Report_Answer")] = answer,
            [h("Indicators_Baseline")] = baseline, [h("Report_BaselinePercent")] = baselinePercent,
            [h("Indicators_FollowUp")] = followUp, [h("Report_FollowUpPercent")] = followUpPercent,
        });
        var (b, f) = (survey.Baseline, survey.FollowUp);
        var plan = h("Report_PlanQuestions");
        Row(plan, h("Indicators_Responses"), null, b.Responses, null, f.Responses, null);
        Row(plan, h("Indicators_Aware"), null, b.AwareOfOpportunities, b.AwarePercent, f.AwareOfOpportunities, f.AwarePercent);
        Row(plan, h("Indicators_SatisfiedAverage"), null, Round(b.SatisfiedAverage), null, Round(f.SatisfiedAverage), null);
        Row(plan, h("Indicators_Satisfied"), null, b.Satisfied, b.SatisfiedPercent, f.Satisfied, f.SatisfiedPercent);
        Row(plan, h("Indicators_Important"), null, b.InvestingImportant, b.InvestingImportantPercent, f.InvestingImportant, f.InvestingImportantPercent);
        foreach (var q in survey.Questions)
        {
            var (section, prompt) = (SpreadsheetText.Safe(q.EventTitle)!, SpreadsheetText.Safe(q.Prompt)!);
            Row(section, prompt, h("Report_Answered"), q.BaselineAnswered, null, q.FollowUpAnswered, null);
            foreach (var a in q.Answers)
                Row(section, prompt, SpreadsheetText.Safe(a.Label), a.Baseline, SurveyWaveResult.Percent(a.Baseline, q.BaselineAnswered),
                    a.FollowUp, SurveyWaveResult.Percent(a.FollowUp, q.FollowUpAnswered));
        }
        return rows;
    }

    /// <summary>One row per line, so that a long text stays readable; Markdown bullets become bullets.</summary>
    private static List<Dictionary<string, object?>> Recommendations(ReportRecommendations recommendations, Func<string, string> h)
    {
        var column = h("Report_Recommendations");
        if (string.IsNullOrWhiteSpace(recommendations.Text)) return [new() { [column] = h("Report_NoRecommendations") }];
        return recommendations.Text.Split('\n')
            .Select(line => line.TrimEnd())
            .Select(line => line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal) ? "• " + line[2..] : line)
            .Select(line => new Dictionary<string, object?> { [column] = SpreadsheetText.Safe(line) }).ToList();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}
