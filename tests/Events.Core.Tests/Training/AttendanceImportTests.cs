using Events.Core.Training;

namespace Events.Core.Tests.Training;

public class AttendanceImportTests
{
    // 60-minute session 10:00–11:00 New York (EST, UTC−5) = 15:00–16:00 UTC; present from 45 minutes.
    private static readonly AttendanceWindow Hour = new(
        new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 16, 0, 0, DateTimeKind.Utc), "America/New_York");

    private static readonly SessionRegistration[] People = [new(7, "Bakyt Osmonov", "bakyt@example.kg"), new(8, "Айгүл Асанова", "")];

    private static AttendanceReport Report(params (string Name, string? Email, string Join, string Leave)[] rows) =>
        new(ReportFormat.ZoomParticipants,
            [.. rows.Select((r, i) => new ReportRow(i + 2, r.Name, r.Email, DateTime.Parse(r.Join), DateTime.Parse(r.Leave)))], []);

    [Fact]
    public void ClippedToTheWindow_JoinedEarlyLeftLate()
    {
        // 09:00–12:30 local is clipped to the session's 10:00–11:00 → 60.
        var outcome = AttendanceImport.Evaluate(Report(("Bakyt Osmonov", "bakyt@example.kg", "2026-12-01 09:00", "2026-12-01 12:30")), Hour, People);
        Assert.Equal(new RegistrationAttendance(7, 60, AttendanceStatus.Present), outcome.Attendance[0]);
        Assert.Equal(new RegistrationAttendance(8, 0, AttendanceStatus.Absent), outcome.Attendance[1]);
        // Entirely outside the window → 0, absent (though the row was read and matched).
        var outside = AttendanceImport.Evaluate(Report(("Bakyt Osmonov", "bakyt@example.kg", "2026-12-01 11:00", "2026-12-01 11:30")), Hour, People);
        Assert.Equal(new RegistrationAttendance(7, 0, AttendanceStatus.Absent), outside.Attendance[0]);
        Assert.Equal(1, outside.Matched);
    }

    [Theory]
    [InlineData("10:15:00", "45 minutes: exactly 75% → present", 45, AttendanceStatus.Present)]
    [InlineData("10:15:30", "44m30s rounds up to 45 → present", 45, AttendanceStatus.Present)]
    [InlineData("10:15:31", "44m29s rounds down to 44 → late", 44, AttendanceStatus.Late)]
    [InlineData("10:59:31", "29 s rounds down to 0 → absent", 0, AttendanceStatus.Absent)]
    [InlineData("10:59:30", "30 s rounds up to 1 → late", 1, AttendanceStatus.Late)]
    public void ThresholdAndRounding(string join, string why, int minutes, AttendanceStatus status)
    {
        var outcome = AttendanceImport.Evaluate(Report(("Bakyt Osmonov", null, "2026-12-01 " + join, "2026-12-01 11:00:00")), Hour, People);
        Assert.True(outcome.Attendance[0] == new RegistrationAttendance(7, minutes, status), why);
    }

    [Fact]
    public void ThresholdIsConfigurable()
    {
        var report = Report(("Bakyt Osmonov", null, "2026-12-01 10:00", "2026-12-01 10:30"));
        Assert.Equal(AttendanceStatus.Late, AttendanceImport.Evaluate(report, Hour, People).Attendance[0].Status);
        Assert.Equal(AttendanceStatus.Present, AttendanceImport.Evaluate(report, Hour with { PresentFraction = 0.5 }, People).Attendance[0].Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => AttendanceImport.Evaluate(report, Hour with { PresentFraction = 0 }, People));
    }

    [Fact]
    public void Intervals_MergedOnceWhenOverlappingOrAdjacent()
    {
        var t = new DateTime(2026, 12, 1, 10, 0, 0);
        var merged = AttendanceImport.Merge([(t.AddMinutes(30), t.AddMinutes(40)), (t, t.AddMinutes(10)), (t.AddMinutes(10), t.AddMinutes(20)), (t.AddMinutes(5), t.AddMinutes(15)), (t.AddMinutes(35), t.AddMinutes(38))]);
        Assert.Equal([(t, t.AddMinutes(20)), (t.AddMinutes(30), t.AddMinutes(40))], merged);
        // Union inside [10:00, 10:35): 20 + 5 = 25.
        Assert.Equal(25, AttendanceImport.MinutesWithin(merged, t, t.AddMinutes(35)));
    }

    [Fact]
    public void Matching_EmailFirst_ThenUniqueNameOnly()
    {
        var registrations = new SessionRegistration[]
        {
            new(1, "Asel Bekova", "asel@events.kg"),
            new(2, "Asel Bekova", "asel2@events.kg"),   // same name twice among registrations
            new(3, "Timur Ivanov", "timur@events.kg"),
        };
        var report = Report(
            ("Someone Else", "ASEL2@events.kg", "2026-12-01 10:00", "2026-12-01 11:00"),   // email wins over the name
            ("Asel Bekova", "private@gmail.com", "2026-12-01 10:00", "2026-12-01 11:00"),  // two registrations by that name → ambiguous
            ("timur  IVANOV (Тимур)", "timur.i@gmail.com", "2026-12-01 10:00", "2026-12-01 10:20"),      // unique name → matched
            ("Stranger", null, "2026-12-01 10:00", "2026-12-01 11:00"));
        var outcome = AttendanceImport.Evaluate(report, Hour, registrations);
        Assert.Equal([(1, 0), (2, 60), (3, 20)], outcome.Attendance.Select(a => (a.RegistrationId, a.Minutes)));
        Assert.Equal([new ReportPerson("Asel Bekova", "private@gmail.com")], outcome.Ambiguous);
        Assert.Equal([new ReportPerson("Stranger", null)], outcome.Unmatched);
        Assert.Equal((4, 2, 1, 1, 1), (outcome.Rows, outcome.Matched, outcome.Present, outcome.Partial, outcome.Absent));
    }

    [Theory]
    [InlineData("  Айгүл   Асанова (Aigul) ", "айгүл асанова")]
    [InlineData("А\u0438\u0306гүл\tАсанова", "айгүл асанова")]
    [InlineData("(Guest)", "(guest)")]
    [InlineData("Bakyt (Room 2) Osmonov", "bakyt (room 2) osmonov")]
    public void Names_Normalized(string name, string expected) => Assert.Equal(expected, AttendanceImport.NormalizeName(name));

    [Fact]
    public void DstGap_MovesForward()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 2027-03-14 02:30 does not exist in New York; read as 03:30 EDT = 07:30 UTC.
        Assert.Equal(new DateTime(2027, 3, 14, 7, 30, 0, DateTimeKind.Utc), AttendanceImport.ToUtc(new DateTime(2027, 3, 14, 2, 30, 0), zone));
    }
}
