using System.Text;
using Events.Core.Training;

namespace Events.Core.Tests.Training;

public class AttendanceReportTests
{
    // Session: 1 Dec 2026 18:00–19:30 in Bishkek (UTC+6, no DST) = 12:00–13:30 UTC, 90 minutes; present from 67.5 minutes.
    private static readonly AttendanceWindow Window = new(
        new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 13, 30, 0, DateTimeKind.Utc), "Asia/Bishkek");

    private static readonly SessionRegistration[] Registrations =
    [
        // "й" decomposed (и + combining breve) and a double space: still the same name after NFC and whitespace collapsing.
        new(1, "А\u0438\u0306гүл  асанова", "aigul@events.kg"),
        new(2, "Bakyt Osmonov", "Bakyt@Example.kg"),
        new(3, "Азамат Токтогулов", "azamat@events.kg"),
        new(4, "Nobody Here", "nobody@events.kg"),
    ];

    private static byte[] Utf8(string text, bool bom = true) =>
        [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)];

    private static AttendanceReport Parse(byte[] bytes) => AttendanceReports.Parse(new MemoryStream(bytes));

    private static RegistrationAttendance Of(ImportOutcome outcome, int id) => outcome.Attendance.Single(a => a.RegistrationId == id);

    internal const string ZoomMeeting =
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n" +
        "812 3456 7890,\"Тренинг: Excel, негиздер\",12/01/2026 05:55:02 PM,12/01/2026 07:41:10 PM,host@events.kg,107,6\r\n" +
        "\r\n" +
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n" +
        "Айгүл Асанова (Aigul),,12/01/2026 05:50:00 PM,12/01/2026 06:40:00 PM,50,Yes,Y\r\n" +          // line 5
        "Айгүл Асанова (Aigul),,12/01/2026 06:45:00 PM,12/01/2026 07:40:00 PM,55,Yes,Y\r\n" +          // line 6: rejoin
        "Bakyt Osmonov,BAKYT@example.kg,12/01/2026 06:00:00 PM,12/01/2026 06:30:00 PM,30,No,Y\r\n" +    // line 7
        "Bakyt Osmonov,bakyt@example.kg,2026-12-01 18:20:00,2026-12-01 18:50:00,30,No,Y\r\n" +          // line 8: overlaps line 7
        "iPhone of Guest,,12/01/2026 06:10:00 PM,12/01/2026 06:20:00 PM,10,Yes,\r\n" +                  // line 9: guest, no email
        "Азамат Токтогулов,azamat1@gmail.com,12/01/2026 06:00:00 PM,12/01/2026 07:30:00 PM,90,No,Y\r\n" +
        "Азамат Токтогулов,azamat2@mail.ru,12/01/2026 06:00:00 PM,12/01/2026 07:30:00 PM,90,No,Y\r\n";

    [Fact]
    public void ZoomParticipants_SummaryBlock_RejoinsOverlapsGuestsAndNamesakes()
    {
        var report = Parse(Utf8(ZoomMeeting));

        Assert.Empty(report.Problems);
        Assert.Equal(ReportFormat.ZoomParticipants, report.Format);
        Assert.Equal([5, 6, 7, 8, 9, 10, 11], report.Rows.Select(r => r.Line));
        var first = report.Rows[0];
        Assert.Equal("Айгүл Асанова (Aigul)", first.Name);
        Assert.Null(first.Email);
        Assert.Equal(new DateTime(2026, 12, 1, 17, 50, 0), first.JoinLocal);
        Assert.Equal(DateTimeKind.Unspecified, first.JoinLocal.Kind);
        Assert.Equal(new DateTime(2026, 12, 1, 18, 20, 0), report.Rows[3].JoinLocal);

        var outcome = AttendanceImport.Evaluate(report, Window, Registrations);
        Assert.True(outcome.CanApply);
        Assert.Equal(7, outcome.Rows);
        Assert.Equal(2, outcome.Matched);
        // Aigul by name: 17:50–18:40 clipped to 18:00–18:40 = 40, plus 18:45–19:40 clipped to 19:30 = 45 → 85 ≥ 67.5.
        Assert.Equal(new RegistrationAttendance(1, 85, AttendanceStatus.Present), Of(outcome, 1));
        // Bakyt by email (any case): 18:00–18:30 ∪ 18:20–18:50 = 18:00–18:50 = 50 (the overlap counted once) → late.
        Assert.Equal(new RegistrationAttendance(2, 50, AttendanceStatus.Late), Of(outcome, 2));
        // Two Azamats with other emails: one registration of that name, but two report people → not guessed.
        Assert.Equal(new RegistrationAttendance(3, 0, AttendanceStatus.Absent), Of(outcome, 3));
        Assert.Equal(new RegistrationAttendance(4, 0, AttendanceStatus.Absent), Of(outcome, 4));
        Assert.Equal([new ReportPerson("iPhone of Guest", null)], outcome.Unmatched);
        Assert.Equal([new ReportPerson("Азамат Токтогулов", "azamat1@gmail.com"), new ReportPerson("Азамат Токтогулов", "azamat2@mail.ru")], outcome.Ambiguous);
        Assert.Equal((1, 1, 2), (outcome.Present, outcome.Partial, outcome.Absent));
    }

    [Fact]
    public void ZoomParticipants_WithoutBomOrSummary_AndEvaluatedTwice_SameOutcome()
    {
        var text = string.Join("\n", ZoomMeeting.Split("\r\n").Skip(3));
        var report = Parse(Utf8(text, bom: false));
        Assert.Empty(report.Problems);
        Assert.Equal(2, report.Rows[0].Line);

        static string Show(ImportOutcome o) => string.Join("|", o.Format, o.Rows, o.Matched, o.Present, o.Partial, o.Absent,
            string.Join(";", o.Attendance), string.Join(";", o.Unmatched), string.Join(";", o.Ambiguous));
        var once = AttendanceImport.Evaluate(report, Window, Registrations);
        var twice = AttendanceImport.Evaluate(Parse(Utf8(text, bom: false)), Window, Registrations);
        Assert.Equal(Show(once), Show(twice));
        Assert.Equal(85, Of(once, 1).Minutes);
    }

    [Fact]
    public void Teams_Utf16WithBom_ThreeSections_UsesInMeetingActivities()
    {
        const string pm = "\u202FPM"; // newer Teams exports put a narrow no-break space before AM/PM
        var text =
            "1. Summary\r\n" +
            "Meeting title\tЭкселге киришүү\r\n" +
            "Attended participants\t2\r\n" +
            "Start time\t12/1/26, 5:58:03 PM\r\n" +
            "End time\t12/1/26, 7:35:00 PM\r\n" +
            "Meeting duration\t1h 36m 57s\r\n" +
            "\r\n" +
            "2. Participants\r\n" +
            "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n" +
            "Айгүл Асанова\t12/1/26, 6:02:11 PM\t12/1/26, 7:30:02 PM\t1h 27m 51s\t\taigul@events.kg\tAttendee\r\n" +
            "Bakyt Osmonov\t12/1/26, 6:00:00 PM\t12/1/26, 7:00:00 PM\t45m 3s\tbakyt@example.kg\tbakyt@example.kg\tAttendee\r\n" +
            "\r\n" +
            "3. In-Meeting Activities\r\n" +
            "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\r\n" +
            "Айгүл Асанова\t12/1/26, 6:02:11" + pm + "\t12/1/26, 7:30:02 PM\t1h 27m 51s\taigul@events.kg\tAttendee\r\n" + // line 15
            "Bakyt Osmonov\t12/1/26, 6:00:00 PM\t12/1/26, 6:30:00 PM\t30m 0s\tbakyt@example.kg\tAttendee\r\n" +
            "Bakyt Osmonov\t2026-12-01 18:44:57\t12/1/26, 7:00:00 PM\t15m 3s\tbakyt@example.kg\tAttendee\r\n";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
        Assert.Equal([0xFF, 0xFE], bytes.Take(2));

        var report = Parse(bytes);

        Assert.Empty(report.Problems);
        Assert.Equal(ReportFormat.Teams, report.Format);
        Assert.Equal([15, 16, 17], report.Rows.Select(r => r.Line));
        var outcome = AttendanceImport.Evaluate(report, Window, Registrations);
        // Aigul: 18:02:11–19:30:02 clipped to 19:30:00 = 87m49s → 88 → present.
        Assert.Equal(new RegistrationAttendance(1, 88, AttendanceStatus.Present), Of(outcome, 1));
        // Bakyt: 18:00–18:30 (30) + 18:44:57–19:00 (15m3s) = 45m3s → 45 → late.
        Assert.Equal(new RegistrationAttendance(2, 45, AttendanceStatus.Late), Of(outcome, 2));

        // Without the activities section, First Join/Last Leave are used: Bakyt 18:00–19:00 = 60 → late; the UPN stands in for a blank Email.
        var participantsOnly = text[..text.IndexOf("3. In-Meeting", StringComparison.Ordinal)];
        var older = Parse(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(participantsOnly)).ToArray());
        Assert.Empty(older.Problems);
        Assert.Equal("aigul@events.kg", older.Rows[0].Email);
        var fromParticipants = AttendanceImport.Evaluate(older, Window, Registrations);
        Assert.Equal(88, Of(fromParticipants, 1).Minutes);
        Assert.Equal(new RegistrationAttendance(2, 60, AttendanceStatus.Late), Of(fromParticipants, 2));
    }

    [Fact]
    public void Teams_LegacyJoinedLeftList()
    {
        var text =
            "Full Name\tUser Action\tTimestamp\r\n" +
            "Bakyt Osmonov\tJoined\t12/1/2026, 6:00:00 PM\r\n" +
            "Айгүл Асанова\tJoined before\t12/1/2026, 5:55:00 PM\r\n" +
            "Bakyt Osmonov\tLeft\t12/1/2026, 6:20:00 PM\r\n" +
            "Bakyt Osmonov\tJoined\t12/1/2026, 6:30:00 PM\r\n" +
            "Bakyt Osmonov\tLeft\t12/1/2026, 7:00:00 PM\r\n" +
            "Айгүл Асанова\tLeft\t12/1/2026, 7:20:00 PM\r\n";
        var report = Parse(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray());
        Assert.Empty(report.Problems);
        Assert.Equal(ReportFormat.Teams, report.Format);
        var outcome = AttendanceImport.Evaluate(report, Window, Registrations);
        Assert.Equal(80, Of(outcome, 1).Minutes); // 18:00 (clipped from 17:55) – 19:20
        Assert.Equal(50, Of(outcome, 2).Minutes); // 20 + 30
    }

    [Fact]
    public void ZoomWebinar_OnlyAttendeesWhoAttended()
    {
        var text =
            "Attendee Report\r\n" +
            "Report Generated:,\"12/02/2026 09:00:00 AM\"\r\n" +
            "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled registrations,Unique Viewers,Total Users,Max Concurrent Views\r\n" +
            "\"Тренинг, вебинар\",812 0000 1111,12/01/2026 05:58:00 PM,95,3,0,2,2,2\r\n" +
            "\r\n" +
            "Host Details\r\n" +
            "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\r\n" +
            "Yes,Host Person,host@events.kg,12/01/2026 05:50:00 PM,12/01/2026 07:35:00 PM,105,No,Kyrgyzstan\r\n" +
            "\r\n" +
            "Panelist Details\r\n" +
            "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\r\n" +
            "Yes,Panel Person,panel@events.kg,12/01/2026 05:55:00 PM,12/01/2026 07:30:00 PM,95,No,Kyrgyzstan\r\n" +
            "\r\n" +
            "Attendee Details\r\n" +
            "Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name\r\n" +
            "Yes,Aigul A,Aigul,Asanova,AIGUL@events.kg,11/20/2026 10:00:00 AM,approved,12/01/2026 06:00:00 PM,12/01/2026 07:07:30 PM,68,No,Kyrgyzstan\r\n" + // line 16
            "No,Bakyt Osmonov,Bakyt,Osmonov,bakyt@example.kg,11/21/2026 11:00:00 AM,approved,--,--,--,,\r\n";

        var report = Parse(Utf8(text));

        Assert.Empty(report.Problems);
        Assert.Equal(ReportFormat.ZoomWebinar, report.Format);
        Assert.Equal([16], report.Rows.Select(r => r.Line));
        var outcome = AttendanceImport.Evaluate(report, Window, Registrations);
        // 18:00–19:07:30 = 67.5 minutes → rounds half up to 68 ≥ 67.5 → present.
        Assert.Equal(new RegistrationAttendance(1, 68, AttendanceStatus.Present), Of(outcome, 1));
        Assert.Equal(AttendanceStatus.Absent, Of(outcome, 2).Status);
        Assert.Equal((1, 1, 1, 3), (outcome.Rows, outcome.Matched, outcome.Present, outcome.Absent));
        Assert.Empty(outcome.Unmatched);
    }

    [Fact]
    public void PdfOrRandomBytes_UnknownFormat()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\0\0stream\n");
        var random = new byte[4096];
        new Random(10).NextBytes(random);
        foreach (var bytes in new[] { pdf, random, [], Utf8("just,some,csv\n1,2,3\n") })
        {
            var report = Parse(bytes);
            Assert.Equal(ReportFormat.Unknown, report.Format);
            Assert.Equal([new ReportProblem(1, "Import_UnknownFormat")], report.Problems.Select(p => p with { Args = [] }));
            Assert.Empty(report.Rows);
            var outcome = AttendanceImport.Evaluate(report, Window, Registrations);
            Assert.False(outcome.CanApply);
            Assert.Empty(outcome.Attendance);
        }
    }

    [Fact]
    public void ZoomInLegacyEncoding_BadEncodingOnItsLine()
    {
        var text = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n" +
                   "Bakyt Osmonov,bakyt@example.kg,12/01/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,No\n" +
                   "Jürgen Müller,,12/01/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,Yes\n";
        var report = Parse(Encoding.Latin1.GetBytes(text));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((3, "Import_BadEncoding"), (problem.Line, problem.Key));
        Assert.Empty(report.Rows);
    }

    [Fact]
    public void MissingJoinTime_MissingColumnOnTheHeaderLine()
    {
        var text = string.Join("\r\n", ZoomMeeting.Split("\r\n").Select(l => l.Replace("User Email,Join Time,", "User Email,")));
        var report = Parse(Utf8(text));
        var problem = Assert.Single(report.Problems);
        Assert.Equal((4, "Import_MissingColumn"), (problem.Line, problem.Key));
        Assert.Equal(["Join Time"], problem.Args);
        Assert.Equal(ReportFormat.ZoomParticipants, report.Format);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public void UnparsableTimeAndLeaveBeforeJoin_ReportedByLine_NothingApplied()
    {
        var text = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n" +
                   "Bakyt Osmonov,bakyt@example.kg,12/01/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,No\n" +
                   "Айгүл Асанова,,13/45/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,Yes\n" +
                   "Nobody Here,,12/01/2026 07:00:00 PM,12/01/2026 06:00:00 PM,0,Yes\n";
        var report = Parse(Utf8(text));
        Assert.Equal(2, report.Problems.Count);
        Assert.Equal((3, "Import_BadTime", "13/45/2026 06:00:00 PM"), (report.Problems[0].Line, report.Problems[0].Key, report.Problems[0].Args.Single()));
        Assert.Equal((4, "Import_LeaveBeforeJoin"), (report.Problems[1].Line, report.Problems[1].Key));
        var outcome = AttendanceImport.Evaluate(report, Window, Registrations);
        Assert.False(outcome.CanApply);
        Assert.Equal((0, 0, 0, 0), (outcome.Matched, outcome.Present, outcome.Partial, outcome.Absent));
        Assert.Empty(outcome.Attendance);
    }

    [Theory]
    [InlineData("12/01/2026 06:02:11 PM", 2026, 12, 1, 18, 2, 11)]
    [InlineData("2026-12-01 18:02:11", 2026, 12, 1, 18, 2, 11)]
    [InlineData("12/1/26, 6:02:11 PM", 2026, 12, 1, 18, 2, 11)]
    [InlineData("12/1/26, 6:02:11\u202FAM", 2026, 12, 1, 6, 2, 11)]
    [InlineData("1/5/2027 12:00:00 AM", 2027, 1, 5, 0, 0, 0)]
    public void Times_UsAndIso(string text, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(AttendanceReports.TryParseLocalTime(text, out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("1h 27m 51s", 5271)]
    [InlineData("45m 3s", 2703)]
    [InlineData("12s", 12)]
    [InlineData("2h", 7200)]
    [InlineData("abc", -1)]
    [InlineData("", -1)]
    public void TeamsDurations(string text, int seconds)
    {
        var ok = AttendanceReports.TryParseDuration(text, out var value);
        Assert.Equal(seconds >= 0, ok);
        if (ok) Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }
}
