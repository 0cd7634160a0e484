using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Core.Tests.Scheduling;

public class SessionTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);

    private static Session Create(int capacity = 50) => Session.Create(new SessionInput("1", new DateTime(2027, 3, 27, 18, 0, 0), "America/New_York", 90,
        SessionMode.Online, "https://zoom.us/j/1", Capacity: capacity), Now, "organizer");

    [Fact]
    public void Create_ComputesUtcAndStartsAtSequenceZeroWithHistory()
    {
        var s = Create();
        Assert.Equal(new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc), s.StartUtc);
        Assert.Equal(s.StartUtc.AddMinutes(90), s.EndUtc);
        Assert.Equal(0, s.Sequence);
        Assert.Equal(SessionChangeKind.Created, Assert.Single(s.Changes).Kind);
        Assert.EndsWith("@events.kg", s.Uid);
        Assert.NotEqual(Create().Uid, s.Uid);
    }

    [Fact]
    public void Create_BadFields_AllReported()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Session.Create(new SessionInput(new string('x', 101), new DateTime(2027, 1, 1, 10, 0, 0),
            "Nowhere/City", 0, SessionMode.Online, "javascript:alert(1)", Capacity: -1), Now, null));
        Assert.Equal(["capacity", "durationMinutes", "joinUrl", "label", "timeZone"], e.Errors.Select(x => x.Field).Order());
    }

    [Fact]
    public void Change_Time_RaisesSequenceKeepsHistory()
    {
        var s = Create();
        Assert.True(s.Change(new SessionInput(Start: new DateTime(2027, 3, 27, 19, 0, 0)), Now, "organizer"));
        Assert.Equal(1, s.Sequence);
        Assert.Equal(new DateTime(2027, 3, 27, 23, 0, 0, DateTimeKind.Utc), s.StartUtc);
        var change = s.Changes[^1];
        Assert.Equal((SessionChangeKind.Rescheduled, 1), (change.Kind, change.Sequence));
        Assert.Equal(new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc), change.OldStartUtc);
    }

    [Fact]
    public void Change_ZoneOnly_MovesInstantAndRaisesSequence()
    {
        var s = Create();
        Assert.True(s.Change(new SessionInput(TimeZone: "Europe/Moscow"), Now, null));
        Assert.Equal(new DateTime(2027, 3, 27, 15, 0, 0, DateTimeKind.Utc), s.StartUtc);
        Assert.Equal(1, s.Sequence);
    }

    [Fact]
    public void Change_LabelOrCapacityOnly_SameSequence()
    {
        var s = Create();
        Assert.False(s.Change(new SessionInput(Label: "Option 1", Capacity: 80), Now, null));
        Assert.Equal(0, s.Sequence);
        Assert.Equal(80, s.Capacity);
    }

    [Fact]
    public void Change_JoinLinkOrVenue_RaisesSequence()
    {
        var s = Create();
        Assert.True(s.Change(new SessionInput(JoinUrl: "https://zoom.us/j/2"), Now, null));
        Assert.True(s.Change(new SessionInput(Venue: "Элчилик"), Now, null));
        Assert.Equal(2, s.Sequence);
    }

    [Fact]
    public void Change_IntoThePast_Rejected()
    {
        var s = Create();
        var e = Assert.Throws<ValidationFailedException>(() => s.Change(new SessionInput(Start: new DateTime(2026, 11, 1, 10, 0, 0)), Now, null));
        Assert.Equal("Validation_StartInPast", Assert.Single(e.Errors).Key);
        Assert.Equal(0, s.Sequence);
    }

    [Fact]
    public void Change_IntoDstGap_Rejected()
    {
        var s = Create();
        var e = Assert.Throws<ValidationFailedException>(() => s.Change(new SessionInput(Start: new DateTime(2027, 3, 14, 2, 30, 0)), Now, null));
        Assert.Equal("Validation_StartInDstGap", Assert.Single(e.Errors).Key);
    }

    [Fact]
    public void Cancel_RaisesSequenceOnceAndBlocksChanges()
    {
        var s = Create();
        s.Cancel(Now, "Weather", "organizer");
        s.Cancel(Now, "Again", "organizer");
        Assert.Equal((SessionStatus.Cancelled, 1, "Weather"), (s.Status, s.Sequence, s.CancelReason));
        Assert.Throws<RuleViolationException>(() => s.Change(new SessionInput(Label: "x"), Now, null));
        Assert.False(s.IsOpenForRegistration(Now));
    }

    [Fact]
    public void RegistrationWindow_ClosesBeforeOpens_Rejected()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Session.Create(new SessionInput(null, new DateTime(2027, 3, 27, 18, 0, 0), "Asia/Bishkek", 60,
            RegistrationOpensUtc: new DateTime(2027, 3, 1), RegistrationClosesUtc: new DateTime(2027, 2, 1)), Now, null));
        Assert.Equal("registrationClosesUtc", Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void IsOpenForRegistration_FollowsWindowAndEnd()
    {
        var s = Session.Create(new SessionInput(null, new DateTime(2027, 3, 27, 18, 0, 0), "Asia/Bishkek", 60,
            RegistrationOpensUtc: new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)), Now, null);
        Assert.False(s.IsOpenForRegistration(Now));
        Assert.True(s.IsOpenForRegistration(new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(s.IsOpenForRegistration(s.EndUtc));
    }
}
