namespace Events.Core.Reference;

/// <summary>
/// Where the mapped diaspora lives (percent of respondents in the communication strategy's survey).
/// Used for demo data and, before anyone has registered, to weight the time-zone planner.
/// </summary>
public static class AudienceShares
{
    public static readonly IReadOnlyDictionary<string, double> ByCountry = new Dictionary<string, double>
    {
        ["RU"] = 56.5, ["TR"] = 7.1, ["KZ"] = 4.4, ["DE"] = 3.8, ["IT"] = 3.2, ["KR"] = 2.8,
        ["US"] = 2, ["AE"] = 2, ["CN"] = 2, ["JP"] = 2, ["UA"] = 2,
        ["MY"] = 1, ["QA"] = 1, ["FR"] = 1, ["GB"] = 1, ["CA"] = 1, ["PL"] = 1, ["BY"] = 1, ["BE"] = 1, ["SE"] = 1,
    };
}
