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

    /// <summary>Compares by content, so that a change inside the document is saved.</summary>
    public static ValueComparer<T> Comparer<T>() where T : class, new() =>
        new((a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options) ?? new T());
}
