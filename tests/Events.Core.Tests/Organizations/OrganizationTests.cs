using Events.Core.Organizations;

namespace Events.Core.Tests.Organizations;

public class OrganizationTests
{
    private static bool Known(string code) => code is "KG" or "RU";

    [Theory]
    [InlineData("Asia/Bishkek", true)]
    [InlineData("Europe/Moscow", true)]
    [InlineData("America/New_York", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("Central Asia Standard Time", false)] // a Windows id, not IANA
    [InlineData("", false)]
    public void Validate_TimeZone_OnlyIanaIds(string zone, bool valid)
    {
        var v = Organization.Validate("Embassy", "RU", zone, Known);
        Assert.Equal(!valid, v.HasErrors);
    }

    [Fact]
    public void Validate_EmptyNameUnknownCountry_ReportsBothFields()
    {
        var e = Assert.Throws<Events.Core.Common.ValidationFailedException>(() => Organization.Validate("  ", "XX", "Asia/Bishkek", Known).ThrowIfAny());
        Assert.Contains(e.Errors, x => x.Field == "name" && x.Key == "Validation_Required");
        Assert.Contains(e.Errors, x => x.Field == "countryCode" && x.Key == "Validation_UnknownCountry");
    }

    [Fact]
    public void Validate_NameOver200Characters_TooLong()
    {
        var v = Organization.Validate(new string('ө', 201), "KG", "Asia/Bishkek", Known);
        var e = Assert.Throws<Events.Core.Common.ValidationFailedException>(v.ThrowIfAny);
        Assert.Equal("Validation_TooLong", Assert.Single(e.Errors).Key);
    }

    [Theory]
    [InlineData("ky", "Элчилик")]
    [InlineData("ru", "Посольство")]
    [InlineData("en", "Embassy")]
    [InlineData("de", "Canonical")]
    public void DisplayName_FollowsCultureWithFallback(string culture, string expected)
    {
        var o = new Organization { Name = "Canonical", NameKy = "Элчилик", NameRu = "Посольство", NameEn = "Embassy", CountryCode = "RU", TimeZone = "Europe/Moscow" };
        Assert.Equal(expected, o.DisplayName(culture));
    }
}
