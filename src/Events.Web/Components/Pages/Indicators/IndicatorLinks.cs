using System.Globalization;
using Events.Core.Scheduling;

namespace Events.Web.Components.Pages.Indicators;

/// <summary>Where a number of the dashboard leads: the list of the registrations behind it, with the same filters.</summary>
public static class IndicatorLinks
{
    public const string Dashboard = "/analytics";
    public const string ParticipantsPath = "/analytics/participants";

    public static string Participants(int year, int? organizationId, EventKind? kind = null, string? gender = null, string? ageGroup = null,
        string? country = null, string? homeRegion = null, int? month = null) =>
        ParticipantsPath + Query(("year", year.ToString(CultureInfo.InvariantCulture)), ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)),
            ("kind", kind?.ToString()), ("gender", gender), ("ageGroup", ageGroup), ("country", country), ("homeRegion", homeRegion),
            ("month", month?.ToString(CultureInfo.InvariantCulture)));

    public static string DashboardFor(int year, int? organizationId, EventKind? kind) =>
        Dashboard + Query(("year", year.ToString(CultureInfo.InvariantCulture)), ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)),
            ("kind", kind?.ToString()));

    private static string Query(params (string Name, string? Value)[] parts) =>
        "?" + string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
