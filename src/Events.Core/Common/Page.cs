namespace Events.Core.Common;

/// <summary>One page of a longer list, with the total so that grids can page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public static class SearchText
{
    /// <summary>
    /// Lower-cased text stored beside searchable rows: SQLite's LIKE and lower() only fold ASCII,
    /// and names here are Cyrillic.
    /// </summary>
    public static string Of(params string?[] parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())).ToLowerInvariant();

    public static string? Term(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();
}
