using System.Globalization;
using System.Resources;

namespace Events.Core.Localization;

/// <summary>
/// Texts in a language chosen by the code rather than by the current request: emails go in the
/// registrant's language whatever language the organizer's screen is in.
/// </summary>
public static class Texts
{
    private static readonly ResourceManager Resources = new("Events.Core.Localization.Strings", typeof(Strings).Assembly);

    public static string Get(string key, string language, params object[] args)
    {
        var culture = CultureInfo.GetCultureInfo(Strings.SupportedCultures.Contains(language) ? language : Strings.DefaultCulture);
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }

    public static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(Strings.SupportedCultures.Contains(language) ? language : Strings.DefaultCulture);
}
