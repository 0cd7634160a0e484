using Events.Core.Common;

namespace Events.Core.Organizations;

public enum OrganizationKind
{
    Ministry,
    Embassy,
    Consulate,
    LocalGovernment,
    Ngo,
    InternationalOrganization,
}

/// <summary>A ministry, mission abroad, local government or partner that runs events.</summary>
public class Organization
{
    public const int NameMaxLength = 200;

    public int Id { get; set; }

    /// <summary>Stable key of reference organizations, so that seeding finds them again on every start.</summary>
    public string? Code { get; set; }

    public required string Name { get; set; }
    public string? NameKy { get; set; }
    public string? NameRu { get; set; }
    public string? NameEn { get; set; }
    public OrganizationKind Kind { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country where the organization sits.</summary>
    public required string CountryCode { get; set; }

    /// <summary>IANA id of the organization's own time zone (the default for its events).</summary>
    public required string TimeZone { get; set; }

    /// <summary>Mailbox that appears as ORGANIZER in calendar invitations.</summary>
    public string? Email { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Lower-cased names and code, for case-insensitive search of Cyrillic text.</summary>
    public string SearchText { get; private set; } = "";

    public List<OrganizationMember> Members { get; set; } = [];

    public void RefreshSearchText() => SearchText = Common.SearchText.Of(Name, NameKy, NameRu, NameEn, Code, CountryCode);

    /// <summary>The name in the asked language, falling back to the canonical name.</summary>
    public string DisplayName(string culture) => Localization.Translations.Pick(culture, NameKy, NameRu, NameEn) ?? Name;

    /// <summary>Checks the fields an administrator enters; countries are checked by the caller, which knows the list.</summary>
    public static Validator Validate(string? name, string? countryCode, string? timeZone, Func<string, bool> countryExists)
    {
        var v = new Validator();
        var trimmed = name?.Trim() ?? "";
        v.When(trimmed.Length == 0, "name", "Validation_Required");
        v.When(trimmed.Length > NameMaxLength, "name", "Validation_TooLong", NameMaxLength);
        v.When(string.IsNullOrWhiteSpace(countryCode) || !countryExists(countryCode.Trim().ToUpperInvariant()),
            "countryCode", "Validation_UnknownCountry");
        v.When(!TimeZones.IsValidIana(timeZone), "timeZone", "Validation_UnknownTimeZone");
        return v;
    }
}

public class OrganizationMember
{
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string UserId { get; set; }
    public People.EventsUser? User { get; set; }
}
