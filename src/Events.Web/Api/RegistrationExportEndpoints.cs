using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Registration;

namespace Events.Web.Api;

public static class RegistrationExportEndpoints
{
    public static void MapRegistrationExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{id:int}/registrations/export", async (int id, string? format, ClaimsPrincipal user, RegistrationDesk desk,
            CancellationToken ct) =>
        {
            var rows = await desk.ExportAsync(user.Actor(), id, ApiContext.Culture, ct);
            return await SpreadsheetFiles.FileAsync(rows, format, $"registrations-{id}", ct);
        }).RequireAuthorization(Policies.Organizer).WithTags("Registrations")
          .WithSummary("Registrations of a session as CSV (UTF-8 with BOM) or XLSX; cells that look like formulas are neutralized.");

        api.MapPost("/sessions/{id:int}/check-in", async (int id, CheckInRequest body, ClaimsPrincipal user, RegistrationDesk desk, CancellationToken ct) =>
        {
            var r = await desk.CheckInByCodeAsync(user.Actor(), id, body.Code, ct);
            return TypedResults.Ok(new { r.Id, r.FullName, checkedInUtc = ApiContext.Utc(r.CheckedInUtc) });
        }).RequireAuthorization(Policies.Organizer).WithTags("Registrations").WithSummary("Check in by the code in the registrant's QR code.");
    }
}

public sealed record CheckInRequest(string? Code);
