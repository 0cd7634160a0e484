using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Core.Tests.Scheduling;

public class SeriesRuleTests
{
    private static readonly DateTime Horizon = new(2030, 1, 1);

    [Fact]
    public void Expand_EveryTwoMonthsSixTimes_SameWallClockAcrossDst()
    {
        var starts = SeriesRule.Expand("FREQ=MONTHLY;INTERVAL=2;COUNT=6", new DateTime(2027, 1, 24, 19, 0, 0), Horizon);

        Assert.Equal([new DateTime(2027, 1, 24, 19, 0, 0), new DateTime(2027, 3, 24, 19, 0, 0), new DateTime(2027, 5, 24, 19, 0, 0),
            new DateTime(2027, 7, 24, 19, 0, 0), new DateTime(2027, 9, 24, 19, 0, 0), new DateTime(2027, 11, 24, 19, 0, 0)], starts);
        // 19:00 in Berlin is 18:00Z in winter and 17:00Z in summer: the wall clock holds, UTC moves.
        Assert.Equal(18, WallClock.ToUtc(starts[0], "Europe/Berlin").Utc.Hour);
        Assert.Equal(17, WallClock.ToUtc(starts[2], "Europe/Berlin").Utc.Hour);
        Assert.Equal(18, WallClock.ToUtc(starts[5], "Europe/Berlin").Utc.Hour);
    }

    [Fact]
    public void Expand_WeeklyAcrossUsDstChange_KeepsWallClock()
    {
        var starts = SeriesRule.Expand("FREQ=WEEKLY;COUNT=3", new DateTime(2027, 3, 7, 19, 0, 0), Horizon);
        Assert.All(starts, s => Assert.Equal(19, s.Hour));
        Assert.Equal(0, WallClock.ToUtc(starts[0], "America/New_York").Utc.Hour);  // EST: 19:00 = 00:00Z next day
        Assert.Equal(23, WallClock.ToUtc(starts[1], "America/New_York").Utc.Hour); // EDT: 19:00 = 23:00Z
    }

    [Fact]
    public void Expand_WithoutCount_StopsAtHorizon()
    {
        var starts = SeriesRule.Expand("FREQ=MONTHLY;INTERVAL=2", new DateTime(2027, 1, 10, 19, 0, 0), new DateTime(2027, 12, 31));
        Assert.Equal(6, starts.Count);
    }

    [Fact]
    public void Expand_Until_Inclusive()
    {
        var starts = SeriesRule.Expand("FREQ=MONTHLY;UNTIL=20270510T235959", new DateTime(2027, 1, 10, 19, 0, 0), Horizon);
        Assert.Equal(5, starts.Count);
    }

    [Theory]
    [InlineData("FREQ=NEVER")]
    [InlineData("COUNT=3")]
    [InlineData("FREQ=MINUTELY;COUNT=3")]
    [InlineData("FREQ=DAILY;COUNT=500")]
    [InlineData("garbage")]
    public void Expand_BadRule_ValidationError(string rule)
    {
        var e = Assert.Throws<ValidationFailedException>(() => SeriesRule.Expand(rule, new DateTime(2027, 1, 10, 19, 0, 0), Horizon));
        Assert.Equal("rule", Assert.Single(e.Errors).Field);
    }
}
