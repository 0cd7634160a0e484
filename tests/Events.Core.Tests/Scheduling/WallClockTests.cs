using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Core.Tests.Scheduling;

public class WallClockTests
{
    [Theory]
    // Zones without DST: the same offset all year.
    [InlineData("Asia/Bishkek", "2027-01-15T19:00", "2027-01-15T13:00")]
    [InlineData("Asia/Bishkek", "2027-07-15T19:00", "2027-07-15T13:00")]
    [InlineData("Europe/Moscow", "2027-03-28T19:00", "2027-03-28T16:00")]
    [InlineData("Europe/Moscow", "2027-10-31T19:00", "2027-10-31T16:00")]
    [InlineData("Europe/Istanbul", "2027-03-28T19:00", "2027-03-28T16:00")]
    [InlineData("Europe/Istanbul", "2027-12-01T19:00", "2027-12-01T16:00")]
    // Europe: CET/CEST, changes on the last Sundays of March and October.
    [InlineData("Europe/Berlin", "2027-03-27T19:00", "2027-03-27T18:00")]
    [InlineData("Europe/Berlin", "2027-03-28T19:00", "2027-03-28T17:00")]
    [InlineData("Europe/London", "2027-10-30T19:00", "2027-10-30T18:00")]
    [InlineData("Europe/London", "2027-10-31T19:00", "2027-10-31T19:00")]
    // North America: second Sunday of March, first Sunday of November.
    [InlineData("America/New_York", "2027-03-13T19:00", "2027-03-14T00:00")]
    [InlineData("America/New_York", "2027-03-14T19:00", "2027-03-14T23:00")]
    [InlineData("America/Chicago", "2027-11-07T19:00", "2027-11-08T01:00")]
    public void ToUtc_RegularTimes_FollowTheZonesRules(string zone, string local, string utc)
    {
        var resolved = WallClock.ToUtc(DateTime.Parse(local), zone);
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(utc), DateTimeKind.Utc), resolved.Utc);
        Assert.Equal(DateTimeKind.Utc, resolved.Utc.Kind);
        Assert.False(resolved.WasAmbiguous);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2027-03-28T02:30")]
    [InlineData("Europe/London", "2027-03-28T01:15")]
    [InlineData("America/New_York", "2027-03-14T02:00")]
    [InlineData("America/Chicago", "2027-03-14T02:59")]
    public void ToUtc_InsideSpringGap_RejectedWithField(string zone, string local)
    {
        var e = Assert.Throws<ValidationFailedException>(() => WallClock.ToUtc(DateTime.Parse(local), zone));
        var error = Assert.Single(e.Errors);
        Assert.Equal(("start", "Validation_StartInDstGap"), (error.Field, error.Key));
    }

    [Theory]
    // 02:30 on the last Sunday of October happens twice in Berlin: first at 00:30Z (CEST), again at 01:30Z (CET).
    [InlineData("Europe/Berlin", "2027-10-31T02:30", "2027-10-31T00:30")]
    // 01:30 on the first Sunday of November happens twice in New York: 05:30Z (EDT) and 06:30Z (EST).
    [InlineData("America/New_York", "2027-11-07T01:30", "2027-11-07T05:30")]
    public void ToUtc_AmbiguousFallBack_EarlierInstantAndFlagged(string zone, string local, string utc)
    {
        var resolved = WallClock.ToUtc(DateTime.Parse(local), zone);
        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(utc), DateTimeKind.Utc), resolved.Utc);
        Assert.True(resolved.WasAmbiguous);
    }

    [Fact]
    public void ToIsoWithOffset_UsesOffsetAtThatInstant()
    {
        Assert.Equal("2027-03-27T17:00:00-05:00", WallClock.ToIsoWithOffset(new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc), "America/Chicago"));
        Assert.Equal("2027-01-15T19:00:00+06:00", WallClock.ToIsoWithOffset(new DateTime(2027, 1, 15, 13, 0, 0, DateTimeKind.Utc), "Asia/Bishkek"));
    }
}
