using System.Resources;

[assembly: NeutralResourcesLanguage("ky")]

namespace Events.Core.Localization;

/// <summary>
/// Marker for the one resource set of the product (Strings.resx is Kyrgyz, the default;
/// Strings.ru.resx and Strings.en.resx follow it key for key).
/// </summary>
public sealed class Strings
{
    public static readonly string[] SupportedCultures = ["ky", "ru", "en"];
    public const string DefaultCulture = "ky";
}
