using Events.Core.Common;
using Events.Core.People;

namespace Events.Core.Registration;

/// <summary>What a visitor fills in (public form or API).</summary>
public sealed record RegistrationInput(string? FullName, string? Email, string? CountryCode, string? City = null, HomeRegion? HomeRegion = null,
    Gender? Gender = null, int? BirthYear = null, string? Language = null, string? TimeZone = null, bool Consent = false,
    IReadOnlyDictionary<string, string?>? Answers = null)
{
    /// <summary>Checks every field, the answers to the event's own questions included, and returns the cleaned answers.</summary>
    public Dictionary<string, string> Validate(Func<string, bool> countryExists, int currentYear, IReadOnlyList<RegistrationQuestion>? questions = null)
    {
        var v = new Validator();
        var answers = new Dictionary<string, string>();
        try
        {
            answers = RegistrationQuestion.CleanAnswers(questions ?? [], Answers);
        }
        catch (ValidationFailedException e)
        {
            foreach (var error in e.Errors) v.Add(error.Field, error.Key, error.Args);
        }
        var name = FullName?.Trim() ?? "";
        v.When(name.Length == 0, "fullName", "Validation_Required");
        v.When(name.Length > Registration.FullNameMaxLength, "fullName", "Validation_TooLong", Registration.FullNameMaxLength);
        v.When(!EmailAddress.IsValid(Email), "email", "Validation_Email");
        v.When(string.IsNullOrWhiteSpace(CountryCode) || !countryExists(CountryCode.Trim().ToUpperInvariant()), "countryCode", "Validation_UnknownCountry");
        v.When(City?.Trim().Length > Registration.CityMaxLength, "city", "Validation_TooLong", Registration.CityMaxLength);
        v.When(HomeRegion is { } r && !Enum.IsDefined(r), "homeRegion", "Validation_UnknownValue");
        v.When(Gender is { } g && !Enum.IsDefined(g), "gender", "Validation_UnknownValue");
        v.When(BirthYear is { } y && (y < 1900 || y > currentYear), "birthYear", "Validation_Range", 1900, currentYear);
        v.When(Language is { Length: > 0 } l && !Localization.Strings.SupportedCultures.Contains(l), "language", "Validation_UnknownValue");
        v.When(TimeZone is { Length: > 0 } z && !TimeZones.IsValidIana(z), "timeZone", "Validation_UnknownTimeZone");
        v.When(!Consent, "consent", "Validation_ConsentRequired");
        v.ThrowIfAny();
        return answers;
    }
}
