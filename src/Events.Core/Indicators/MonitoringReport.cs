using Events.Core.Engagement;
using Events.Core.Registration;

namespace Events.Core.Indicators;

/// <summary>
/// The final M&amp;E report of the communication plan for a year (and optionally one organization), in the plan's four parts:
/// quantitative indicators (the indicators document itself), internet statistics, survey results, recommendations.
/// </summary>
public sealed record MonitoringReport(int Year, int? OrganizationId, string? OrganizationName, IndicatorDocument Indicators, InternetStatistics Internet,
    SurveyResults Survey, ReportRecommendations Recommendations);

/// <summary>Part 2: coverage of the year's events (an event's year is its first session's, as in the indicators) by channel, and its links.</summary>
public sealed record InternetStatistics(int Records, long Reposts, long Views, int Links, IReadOnlyList<ChannelCoverage> Channels, IReadOnlyList<CoverageLink> LinkList);

/// <summary>One channel's sums; <see cref="Links"/> counts the records that carry a link.</summary>
public sealed record ChannelCoverage(CoverageChannel Channel, int Records, long Reposts, long Views, int Links);

/// <summary>A post or article that covered an event, with the event's title in the reader's language.</summary>
public sealed record CoverageLink(int EventId, string EventTitle, CoverageChannel Channel, string Url, int Reposts, long? Views);

/// <summary>Part 3: the plan's three questions in both waves side by side, and a summary of the organizers' own survey questions.</summary>
public sealed record SurveyResults(SurveyWaveResult Baseline, SurveyWaveResult FollowUp, IReadOnlyList<ExtraQuestionSummary> Questions);

/// <summary>A wave's figures from the indicators document with their shares of the wave's responses (percent, 2 decimals; null without responses).</summary>
public sealed record SurveyWaveResult(int Responses, int AwareOfOpportunities, double? AwarePercent, double? SatisfiedAverage, int Satisfied,
    double? SatisfiedPercent, int InvestingImportant, double? InvestingImportantPercent)
{
    public static SurveyWaveResult Of(SurveyIndicators s) => new(s.Responses, s.AwareOfOpportunities, Percent(s.AwareOfOpportunities, s.Responses),
        s.SatisfiedAverage, s.Satisfied, Percent(s.Satisfied, s.Responses), s.InvestingImportant, Percent(s.InvestingImportant, s.Responses));

    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);
}

/// <summary>
/// An organizer's own survey question of one event: how many answered it in each wave and, for yes/no and choice questions, how
/// many gave each answer. Free-text answers are people's own words and are not copied into the report.
/// </summary>
public sealed record ExtraQuestionSummary(int EventId, string EventTitle, string Prompt, QuestionKind Kind, int BaselineAnswered, int FollowUpAnswered,
    IReadOnlyList<AnswerCount> Answers);

/// <summary>How many chose an answer (<see cref="Label"/> in the reader's language) in each wave.</summary>
public sealed record AnswerCount(string Value, string Label, int Baseline, int FollowUp);

/// <summary>Part 4: the text (null when none is written yet), who saved it when, and whether the reader may change it.</summary>
public sealed record ReportRecommendations(string? Text, DateTime? UpdatedUtc, string? UpdatedBy, string? UpdatedByName, bool CanEdit);
