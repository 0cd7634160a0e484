using System.Globalization;
using CsvHelper;
using Events.Core.Common;
using MiniExcelLibs;

namespace Events.Web.Api;

/// <summary>Rows of named cells as a CSV (UTF-8 with BOM, so Excel shows Kyrgyz letters) or XLSX download; callers neutralize formula-like text.</summary>
public static class SpreadsheetFiles
{
    public static async Task<IResult> FileAsync(IReadOnlyList<Dictionary<string, object?>> rows, string? format, string baseName, CancellationToken ct)
    {
        var stream = new MemoryStream();
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            await stream.SaveAsAsync(rows.Count == 0 ? [new Dictionary<string, object?> { ["Id"] = null }] : rows, cancellationToken: ct);
            stream.Position = 0;
            return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", baseName + ".xlsx");
        }
        if (format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            throw ValidationFailedException.For("format", "Validation_UnknownValue");
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
        return Results.File(stream, "text/csv; charset=utf-8", baseName + ".csv");
    }
}
