using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Events.Core.Data;

/// <summary>
/// Small documents kept in one text column (an event's questions, a registration's answers): read
/// and written with their row, never queried inside. An empty column reads as an empty document, so
/// rows from before the column existed need no data migration.
/// </summary>
public static class JsonColumn
{
    // Letters as they are (not \uXXXX): Kyrgyz and Russian text would take six times its length and overflow SQL Server's columns.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() }, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ValueConverter<T, string> Converter<T>() where T : class, new() =>
        new(v => JsonSerializer.Serialize(v, Options), v => string.IsNullOrEmpty(v) ? new T() : JsonSerializer.Deserialize<T>(v, Options) ?? new T());

    /// <summary>
    /// A jury score map (criterion id → score). Written like any other document; read by <see cref="ReadScoreMap"/>, because
    /// a round's results read every final sheet of the round (15,000 for 1,000 entries × 15 jurors), and reading them through
    /// <see cref="Converter{T}"/>'s JsonSerializer call took a third of that query's time (docs/performance.md, issue 9).
    /// </summary>
    public static ValueConverter<Dictionary<int, double>, string> ScoreMapConverter() =>
        new(v => JsonSerializer.Serialize(v, Options), v => ReadScoreMap(v));

    /// <summary>
    /// Reads what <see cref="ScoreMapConverter"/> writes — <c>{"12":4,"13":2.5}</c> — with a forward-only reader; any other
    /// shape (numbers in strings, escapes, null) goes to JsonSerializer with the same options, so the result is the general
    /// converter's for every input.
    /// </summary>
    public static Dictionary<int, double> ReadScoreMap(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        // Score maps are short (a round has at most 20 criteria): the UTF-8 bytes fit on the stack.
        var buffer = json.Length <= 256 ? stackalloc byte[json.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(json.Length)];
        var bytes = buffer[..Encoding.UTF8.GetBytes(json, buffer)];
        var reader = new Utf8JsonReader(bytes);
        // Sized once (one comma between two scores): growing from empty allocates twice more per sheet.
        var map = new Dictionary<int, double>(json.AsSpan().Count(',') + 1);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Fallback(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return reader.Read() ? Fallback(json) : map;
            if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped
                || !Utf8Parser.TryParse(reader.ValueSpan, out int key, out var used) || used != reader.ValueSpan.Length
                || !reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var score))
                return Fallback(json);
            map[key] = score;
        }
        return Fallback(json);

        static Dictionary<int, double> Fallback(string json) => JsonSerializer.Deserialize<Dictionary<int, double>>(json, Options) ?? [];
    }

    /// <summary>Compares by content, so that a change inside the document is saved.</summary>
    public static ValueComparer<T> Comparer<T>() where T : class, new() =>
        new((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options) ?? new T());
}
