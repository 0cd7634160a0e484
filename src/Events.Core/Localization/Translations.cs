namespace Events.Core.Localization;

/// <summary>Picks the ky/ru/en variant of a text an organizer or administrator entered in several languages.</summary>
public static class Translations
{
    /// <summary>The variant for the culture, or null when it is missing or blank (the caller falls back to the text as written).</summary>
    public static string? Pick(string culture, string? ky, string? ru, string? en) => For(culture, ky, ru, en) is { Length: > 0 } s ? s : null;

    /// <summary>The list for the culture, or null when it is missing or empty.</summary>
    public static IReadOnlyList<string>? Pick(string culture, IReadOnlyList<string> ky, IReadOnlyList<string> ru, IReadOnlyList<string> en) =>
        For(culture, ky, ru, en) is { Count: > 0 } list ? list : null;

    private static T? For<T>(string culture, T? ky, T? ru, T? en) where T : class => culture switch
    {
        "ky" => ky,
        "ru" => ru,
        "en" => en,
        _ => null,
    };
}
