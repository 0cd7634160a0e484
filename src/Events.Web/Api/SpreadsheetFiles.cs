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
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase)) return await XlsxAsync(NonEmpty(rows), baseName, ct);
        var stream = new MemoryStream();
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

    /// <summary>A workbook of several named sheets (names at most 31 characters, as Excel allows), each rows of named cells.</summary>
    public static Task<IResult> WorkbookAsync(IReadOnlyList<(string Name, IReadOnlyList<Dictionary<string, object?>> Rows)> sheets, string baseName,
        CancellationToken ct) =>
        XlsxAsync(sheets.ToDictionary(s => s.Name.Length > 31 ? s.Name[..31] : s.Name, s => (object)NonEmpty(s.Rows)), baseName, ct);

    private static async Task<IResult> XlsxAsync(object value, string baseName, CancellationToken ct)
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(value, cancellationToken: ct);
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", baseName + ".xlsx");
    }

    // MiniExcel writes no header for no rows; an empty sheet still says it has nothing.
    private static IReadOnlyList<Dictionary<string, object?>> NonEmpty(IReadOnlyList<Dictionary<string, object?>> rows) =>
        rows.Count == 0 ? [new Dictionary<string, object?> { ["Id"] = null }] : rows;
}
