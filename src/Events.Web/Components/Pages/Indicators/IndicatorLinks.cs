using System.Globalization;
using Events.Core.Scheduling;

namespace Events.Web.Components.Pages.Indicators;

/// <summary>Where a number of the dashboard leads: the list of the registrations behind it, with the same filters.</summary>
public static class IndicatorLinks
{
    public const string Dashboard = "/analytics";
    public const string ParticipantsPath = "/analytics/participants";
    public const string SessionsPath = "/analytics/sessions";

    /// <summary>The held sessions behind <c>sessionsHeld</c> and <c>meetingsHeld</c>.</summary>
    public static string Sessions(int year, int? organizationId, EventKind? kind = null, int? month = null) =>
        SessionsPath + Query(("year", year.ToString(CultureInfo.InvariantCulture)), ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)),
            ("kind", kind?.ToString()), ("month", month?.ToString(CultureInfo.InvariantCulture)));
    public const string ReportPath = "/analytics/report";

    public static string Participants(int year, int? organizationId, EventKind? kind = null, string? gender = null, string? ageGroup = null,
        string? country = null, string? homeRegion = null, int? month = null) =>
        ParticipantsPath + Query(("year", year.ToString(CultureInfo.InvariantCulture)), ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)),
            ("kind", kind?.ToString()), ("gender", gender), ("ageGroup", ageGroup), ("country", country), ("homeRegion", homeRegion),
            ("month", month?.ToString(CultureInfo.InvariantCulture)));

    public static string DashboardFor(int year, int? organizationId, EventKind? kind) =>
        Dashboard + Query(("year", year.ToString(CultureInfo.InvariantCulture)), ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)),
            ("kind", kind?.ToString()));

    /// <summary>The printable M&amp;E report of the year and scope.</summary>
    public static string Report(int year, int? organizationId) =>
        ReportPath + Query(("year", year.ToString(CultureInfo.InvariantCulture)), ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The same report as an XLSX workbook (the API's export; the signed-in cookie carries the reader).</summary>
    public static string ReportWorkbook(int year, int? organizationId) =>
        "/api/v1/indicators/report/export" + Query(("year", year.ToString(CultureInfo.InvariantCulture)),
            ("organizationId", organizationId?.ToString(CultureInfo.InvariantCulture)), ("format", "xlsx"));

    private static string Query(params (string Name, string? Value)[] parts) =>
        "?" + string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
