using System.Globalization;
using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Planning;
using Events.Core.Scheduling;

namespace Events.Web.Api;

public sealed record PlannerRequestDto(string? Date, int? DurationMinutes, Dictionary<string, double>? Audience, string? ComfortFrom, string? ComfortTo);

public sealed record PlannerOptionDto(string StartUtc);

public sealed record PlannerResultDto(IReadOnlyList<PlannerOptionDto> Options, double Coverage, IReadOnlyList<CountryCoverage> PerCountry);

public sealed record TargetDto(EventKind Kind, int? OrganizationId, int Target);

public static class PlanningEndpoints
{
    public static void MapPlanningEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/planner/time-zone-options", async (PlannerRequestDto body, AudienceWeights weights, CancellationToken ct) =>
        {
            var request = new PlannerRequest(ParseDate(body.Date), body.DurationMinutes, body.Audience,
                ParseTime(body.ComfortFrom, "comfortFrom"), ParseTime(body.ComfortTo, "comfortTo"));
            var result = TimeZoneOptionPlanner.Plan(request, body.Audience is { Count: > 0 } ? body.Audience : await weights.CurrentAsync(ct));
            return TypedResults.Ok(new PlannerResultDto(result.OptionsUtc.Select(o => new PlannerOptionDto(ApiContext.Utc(o))).ToList(),
                result.Coverage, result.PerCountry));
        }).RequireAuthorization(Policies.Organizer).WithTags("Planner")
          .WithSummary("Two start times on a UTC date (15-minute steps) covering the largest audience weight within comfortable local hours. " +
                       "Each country stands for one zone: RU→Europe/Moscow, KZ→Asia/Almaty, TR→Europe/Istanbul, US→America/New_York, " +
                       "KR→Asia/Seoul, DE→Europe/Berlin, IT→Europe/Rome, AE→Asia/Dubai, GB→Europe/London, CN→Asia/Shanghai, JP→Asia/Tokyo, " +
                       "KG→Asia/Bishkek, … (every ISO country has one). Without audience: registered audience by country, else the mapping shares.");

        var plan = api.MapGroup("/plan").WithTags("Plan");
        plan.MapPut("/{year:int}/targets", async (int year, TargetDto[] body, ClaimsPrincipal user, PlanService service, CancellationToken ct) =>
            TypedResults.Ok((await service.SetTargetsAsync(user.Actor(), year, body.Select(t => new TargetInput(t.Kind, t.OrganizationId, t.Target)).ToList(), ct))
                .Select(t => new TargetDto(t.Kind, t.OrganizationId, t.Target))))
            .RequireAuthorization(Policies.Administrator).WithSummary("Replace the plan's targets of a year (organizationId null = whole plan).");

        plan.MapGet("/{year:int}/targets", async (int year, PlanService service, CancellationToken ct) =>
            TypedResults.Ok((await service.TargetsAsync(year, ct)).Select(t => new TargetDto(t.Kind, t.OrganizationId, t.Target))))
            .RequireAuthorization(Policies.Staff).WithSummary("The plan's targets of a year.");

        plan.MapGet("/{year:int}", async (int year, int? organizationId, PlanService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ReportAsync(year, ApiContext.Culture, organizationId, ct)))
            .RequireAuthorization(Policies.Staff).WithSummary("Target vs. scheduled vs. held per activity (and per organization where the target is).");
    }

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw ValidationFailedException.For("date", "Validation_DateTime");

    private static TimeOnly? ParseTime(string? text, string field) =>
        text is null ? null
        : TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : text.Trim() == "24:00" ? TimeOnly.MaxValue
        : throw ValidationFailedException.For(field, "Validation_DateTime");
}
