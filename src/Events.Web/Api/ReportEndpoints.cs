using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Indicators;

namespace Events.Web.Api;

public sealed record RecommendationsRequest(int? Year, int? OrganizationId, string? Text);

/// <summary>The M&amp;E report: its four parts as JSON, as an XLSX workbook, and the recommendations text.</summary>
public static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var report = api.MapGroup("/indicators/report").WithTags("Indicators").RequireAuthorization(Policies.Staff);
        report.MapGet("/", async (int? year, int? organizationId, ClaimsPrincipal user, MonitoringReportService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await service.ReportAsync(user.Actor(), year ?? clock.GetUtcNow().Year, organizationId, ApiContext.Culture, ct)))
            .WithSummary("The M&E report for a year (default this year), optionally one organization: indicators, internet statistics, survey results, recommendations.")
            .WithDescription("indicators is the document of GET /api/v1/indicators; internet = coverage of the year's events (an event's year is its first " +
                             "session's) by channel with the links; survey = both waves with shares (percent of the wave's responses) and the organizers' own " +
                             "questions summarised (free text is counted, not copied); recommendations = the text for the year and scope (null when none; " +
                             "an organizer reading without an organization does not get the whole plan's). Analysts and administrators read everything, " +
                             "organizers their organizations (403 otherwise).");
        report.MapGet("/export", async (int? year, int? organizationId, string? format, ClaimsPrincipal user, MonitoringReportService service, TimeProvider clock,
            CancellationToken ct) =>
        {
            if (format is not null && !string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
                throw ValidationFailedException.For("format", "Validation_UnknownValue");
            var y = year ?? clock.GetUtcNow().Year;
            var model = await service.ReportAsync(user.Actor(), y, organizationId, ApiContext.Culture, ct);
            return await SpreadsheetFiles.WorkbookAsync(ReportWorkbook.Sheets(model, ApiContext.Culture), $"me-report-{y}", ct);
        }).WithSummary("The M&E report as an XLSX workbook (format=xlsx, the only one): one sheet per part, in the reader's language; only what the reader may " +
                       "see; typed texts that look like formulas are neutralized.");
        report.MapPut("/recommendations", async (RecommendationsRequest body, ClaimsPrincipal user, MonitoringReportService service, CancellationToken ct) =>
                TypedResults.Ok(await service.SaveRecommendationsAsync(user.Actor(), new RecommendationsInput(body.Year, body.OrganizationId, body.Text), ct)))
            .WithSummary("Saves the recommendations of a year and scope (organizationId null = the whole plan); a blank text removes them.")
            .WithDescription("Plain text or Markdown, at most 20,000 characters (shown sanitized). Analysts and administrators write for any scope; an organizer " +
                             "for their own organization only (403 for the whole plan or another organization).");
    }
}
