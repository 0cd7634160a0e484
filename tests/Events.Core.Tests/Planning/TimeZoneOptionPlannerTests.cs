using Events.Core.Common;
using Events.Core.Planning;

namespace Events.Core.Tests.Planning;

/// <summary>Cases computed by hand (see the comments) against the contract's rules.</summary>
public class TimeZoneOptionPlannerTests
{
    private static PlannerResult Plan(string date, int minutes, Dictionary<string, double> audience, string from = "09:00", string to = "21:00") =>
        TimeZoneOptionPlanner.Plan(new PlannerRequest(DateOnly.Parse(date), minutes, audience, TimeOnly.Parse(from), TimeOnly.Parse(to)),
            new Dictionary<string, double>());

    private static DateTime Utc(string s) => DateTime.SpecifyKind(DateTime.Parse(s), DateTimeKind.Utc);

    [Fact]
    public void Plan_OneCountry_LatestCoveringStartThenLatestSecond()
    {
        // Bishkek (UTC+6): a 60-minute start is comfortable 09:00–20:00 local = 03:00–14:00Z.
        // Every pair with a covering option weighs 1; the earlier option starts latest at 14:00Z, the other at 23:45Z.
        var result = Plan("2027-01-10", 60, new() { ["KG"] = 1 });
        Assert.Equal([Utc("2027-01-10T14:00"), Utc("2027-01-10T23:45")], result.OptionsUtc);
        Assert.Equal(1.0, result.Coverage);
    }

    [Fact]
    public void Plan_RussiaAndUsa_OneOptionCoversBoth()
    {
        // Moscow (UTC+3), 90 min: 06:00–16:30Z. New York (UTC−5 in January): 14:00–23:45Z on that UTC day.
        // 16:30Z covers both; the second option is then free and goes as late as possible.
        var result = Plan("2027-01-15", 90, new() { ["RU"] = 3, ["US"] = 1 });
        Assert.Equal([Utc("2027-01-15T16:30"), Utc("2027-01-15T23:45")], result.OptionsUtc);
        Assert.Equal(1.0, result.Coverage);
        Assert.All(result.PerCountry, c => Assert.True(c.Covered));
        Assert.Equal("Europe/Moscow", result.PerCountry.Single(c => c.CountryCode == "RU").TimeZone);
    }

    [Fact]
    public void Plan_KoreaAndUsa_NeedTwoOptions()
    {
        // Seoul (UTC+9), 60 min: 00:00–11:00Z. New York: 14:00–23:45Z. No single start covers both.
        var result = Plan("2027-01-15", 60, new() { ["KR"] = 1, ["US"] = 1 });
        Assert.Equal([Utc("2027-01-15T11:00"), Utc("2027-01-15T23:45")], result.OptionsUtc);
        Assert.Equal(1.0, result.Coverage);
    }

    [Fact]
    public void Plan_NarrowComfort_PartialCoverageAndTieToLaterSecond()
    {
        // Only a start at exactly 12:00 local fits 12:00–13:00 with 60 minutes:
        // KG 06:00Z (weight 2), DE 11:00Z (1), US 17:00Z (1). Best: KG + one other = 3 of 4;
        // (06:00, 11:00) and (06:00, 17:00) tie, the later second option wins.
        var result = Plan("2027-01-15", 60, new() { ["KG"] = 2, ["DE"] = 1, ["US"] = 1 }, "12:00", "13:00");
        Assert.Equal([Utc("2027-01-15T06:00"), Utc("2027-01-15T17:00")], result.OptionsUtc);
        Assert.Equal(0.75, result.Coverage, 9);
        Assert.False(result.PerCountry.Single(c => c.CountryCode == "DE").Covered);
    }

    [Fact]
    public void Plan_SummerDate_UsesSummerOffsets()
    {
        // In July New York is UTC−4: 12:00 local = 16:00Z; Berlin UTC+2: 12:00 local = 10:00Z.
        var result = Plan("2027-07-15", 60, new() { ["DE"] = 1, ["US"] = 1 }, "12:00", "13:00");
        Assert.Equal([Utc("2027-07-15T10:00"), Utc("2027-07-15T16:00")], result.OptionsUtc);
    }

    [Fact]
    public void Plan_NoAudience_UsesFallbackWeights()
    {
        var result = TimeZoneOptionPlanner.Plan(new PlannerRequest(new DateOnly(2027, 3, 27), 90, null, null, null),
            Events.Core.Reference.AudienceShares.ByCountry);
        Assert.Equal(Events.Core.Reference.AudienceShares.ByCountry.Count, result.PerCountry.Count);
        Assert.InRange(result.Coverage, 0.9, 1.0);
    }

    [Fact]
    public void Plan_BadInput_FieldErrors()
    {
        var e = Assert.Throws<ValidationFailedException>(() => TimeZoneOptionPlanner.Plan(
            new PlannerRequest(null, 0, new Dictionary<string, double> { ["XX"] = -1 }, new TimeOnly(21, 0), new TimeOnly(9, 0)),
            new Dictionary<string, double>()));
        Assert.Equal(["audience", "comfortTo", "date", "durationMinutes"], e.Errors.Select(x => x.Field).Distinct().Order());
    }
}
