using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Events.Core.Common;
using Events.Core.Registration;
using MiniExcelLibs;

namespace Events.Web.Api;

public static class RegistrationExportEndpoints
{
    public static void MapRegistrationExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{id:int}/registrations/export", async (int id, string? format, ClaimsPrincipal user, RegistrationDesk desk,
            CancellationToken ct) =>
        {
            var rows = await desk.ExportAsync(user.Actor(), id, ApiContext.Culture, ct);
            var stream = new MemoryStream();
            if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await stream.SaveAsAsync(rows.Count == 0 ? [new Dictionary<string, object?> { ["Id"] = null }] : rows, cancellationToken: ct);
                stream.Position = 0;
                return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"registrations-{id}.xlsx");
            }
            if (format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
                throw ValidationFailedException.For("format", "Validation_UnknownValue");
            // UTF-8 with BOM so that Excel shows Kyrgyz letters; CsvHelper writes and quotes the fields.
            await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
            using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), false))
            {
                IEnumerable<string> header = rows.Count > 0 ? rows[0].Keys : ["Id"];
                foreach (var key in header) csv.WriteField(key);
                csv.EndRecord();
                foreach (var row in rows)
                {
                    foreach (var value in row.Values) csv.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    csv.EndRecord();
                }
                csv.Flush();
            }
            stream.Position = 0;
            return Results.File(stream, "text/csv; charset=utf-8", $"registrations-{id}.csv");
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
