namespace Events.Core.Reference;

/// <summary>An ISO 3166-1 country with its names in the product's three languages.</summary>
public class Country
{
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public required string NameRu { get; set; }
    public required string NameKy { get; set; }

    /// <summary>Representative IANA zone (where most of its people live); used by the planner.</summary>
    public required string TimeZone { get; set; }

    public string DisplayName(string culture) => culture switch
    {
        "ru" => NameRu,
        "en" => NameEn,
        _ => NameKy,
    };
}
