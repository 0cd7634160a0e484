using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Core.Tests.Scheduling;

public class SessionRecommenderTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);

    private static Session At(int id, int y, int mo, int d, int h, string zone, int minutes = 90)
    {
        var s = Session.Create(new SessionInput(null, new DateTime(y, mo, d, h, 0, 0), zone, minutes), Now, null);
        s.Id = id;
        return s;
    }

    // Option A: 18:00 New York on 27 March 2027 (22:00Z); option B: 13:00 Bishkek on 28 March (07:00Z).
    private static readonly Session[] Options = [At(1, 2027, 3, 27, 18, "America/New_York"), At(2, 2027, 3, 28, 13, "Asia/Bishkek")];

    [Fact]
    public void Recommend_Chicago_DaytimeOptionWithLocalOffset()
    {
        var r = SessionRecommender.Recommend(Options, "America/Chicago", Now)!;
        Assert.Equal(1, r.SessionId);
        Assert.Equal("2027-03-27T17:00:00-05:00", r.LocalStart);
        Assert.Equal("WithinLocalDaytime", r.Reason);
    }

    [Fact]
    public void Recommend_Almaty_TheBishkekOption()
    {
        var r = SessionRecommender.Recommend(Options, "Asia/Almaty", Now)!;
        Assert.Equal(2, r.SessionId);
        Assert.Equal("2027-03-28T12:00:00+05:00", r.LocalStart);
    }

    [Fact]
    public void Recommend_BothInDaytime_NearestOffsetWins()
    {
        // Moscow (UTC+3): A is 01:00 (no), B is 10:00 (yes) → B. Istanbul likewise.
        Assert.Equal(2, SessionRecommender.Recommend(Options, "Europe/Moscow", Now)!.SessionId);
        // Two daytime options for Berlin: 10:00 Moscow (UTC+3) and 12:00 Bishkek (UTC+6) → Moscow is nearer to UTC+1/+2.
        Session[] both = [At(5, 2027, 1, 20, 12, "Asia/Bishkek"), At(6, 2027, 1, 20, 12, "Europe/Moscow")];
        Assert.Equal(6, SessionRecommender.Recommend(both, "Europe/Berlin", Now)!.SessionId);
    }

    [Fact]
    public void Recommend_NoneInDaytime_NearestOffsetThenEarlier()
    {
        // Both outside 09–21 in Tokyo (UTC+9) for 03:00 and 04:00 Tokyo; nearest offset: Seoul (+9) vs Moscow (+3).
        Session[] night = [At(7, 2027, 1, 20, 21, "Europe/Moscow", 60), At(8, 2027, 1, 20, 4, "Asia/Seoul", 60)];
        var r = SessionRecommender.Recommend(night, "Asia/Tokyo", Now)!;
        Assert.Equal(8, r.SessionId);
        Assert.Equal("NearestTimeZone", r.Reason);
        // Equal offsets: the earlier start wins.
        Session[] same = [At(9, 2027, 1, 20, 4, "Asia/Seoul", 60), At(10, 2027, 1, 20, 3, "Asia/Seoul", 60)];
        Assert.Equal(10, SessionRecommender.Recommend(same, "Asia/Tokyo", Now)!.SessionId);
    }

    [Fact]
    public void Recommend_ClosedSessionsIgnored_NoneOpenIsNull()
    {
        var cancelled = At(11, 2027, 3, 27, 18, "America/New_York");
        cancelled.Cancel(Now, null, null);
        Assert.Equal(2, SessionRecommender.Recommend([cancelled, Options[1]], "America/Chicago", Now)!.SessionId);
        Assert.Null(SessionRecommender.Recommend([cancelled], "America/Chicago", Now));
    }

    [Fact]
    public void Recommend_UnknownZone_ValidationError()
    {
        Assert.Throws<ValidationFailedException>(() => SessionRecommender.Recommend(Options, "Mars/Base", Now));
    }
}
