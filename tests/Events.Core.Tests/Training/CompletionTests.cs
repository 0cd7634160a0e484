using Events.Core.Common;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Training;

/// <summary>The completion rule on its own (sessions in memory), then through the program's completion list and dashboard.</summary>
public class CompletionTests
{
    private static readonly DateTime Before = new(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>n daily sessions from 1 December 2026, ids 1…n; those in <paramref name="cancelled"/> cancelled.</summary>
    private static List<Session> Program(int n, params int[] cancelled) => Enumerable.Range(1, n).Select(i =>
    {
        var s = Session.Create(new SessionInput(null, new DateTime(2026, 12, i, 18, 0, 0), "Asia/Bishkek", 90, SessionMode.Online), Before, "test");
        s.Id = i;
        if (cancelled.Contains(i)) s.Cancel(Before, null, "test");
        return s;
    }).ToList();

    /// <summary>Marks for sessions 1, 2, … in order ('P' present, 'L' late, 'E' excused, 'A' absent, '-' none).</summary>
    private static Dictionary<int, AttendanceStatus> Marks(string marks) => marks.Select((c, i) => (c, i + 1)).Where(x => x.c != '-')
        .ToDictionary(x => x.Item2, x => TrainingScenario.Status(x.c));

    private static readonly DateTime AfterAll = new(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("PPPPA", 4, 5, 80.0, true)]   // 4 of 5 = exactly 80 %
    [InlineData("PPPAA", 3, 5, 60.0, false)]
    [InlineData("PLLLA", 4, 5, 80.0, true)]   // Late counts as attended
    [InlineData("PPPLE", 4, 4, 100.0, true)]  // Excused leaves the denominator
    [InlineData("PPPAE", 3, 4, 75.0, false)]
    [InlineData("EEEEE", 0, 0, 0.0, false)]   // nothing to count: not completed
    [InlineData("-----", 0, 5, 0.0, false)]
    public void Evaluate_PresentAndLateCount_ExcusedLeavesTheDenominator(string marks, int attended, int total, double percent, bool completed)
    {
        var c = CompletionRule.Evaluate(Program(5), Marks(marks), 80, AfterAll);
        Assert.Equal((attended, total, percent, completed), (c.Attended, c.Total, c.Percent, c.Completed));
        Assert.False(c.AtRisk); // nothing left
    }

    [Fact]
    public void Evaluate_ExactShareInWholeNumbers_SevenOfTenAtSeventy()
    {
        // 0.7 · 10 is 7.000000000000001 in floating point: the rule must still call 7 of 10 at 70 % completed.
        Assert.True(CompletionRule.Evaluate(Program(10), Marks("PPPPPPPAAA"), 70, AfterAll).Completed);
        Assert.False(CompletionRule.Evaluate(Program(10), Marks("PPPPPPAAAA"), 70, AfterAll).Completed);
        // 1 of 3 at 34 % is 33.3…: not completed; at 33 %: completed.
        Assert.False(CompletionRule.Evaluate(Program(3), Marks("PAA"), 34, AfterAll).Completed);
        Assert.True(CompletionRule.Evaluate(Program(3), Marks("PAA"), 33, AfterAll).Completed);
    }

    [Fact]
    public void Evaluate_CancelledSessionsDoNotCount_EvenWithAMark()
    {
        // Session 5 was cancelled after someone marked it: 4 of the 4 held sessions.
        var c = CompletionRule.Evaluate(Program(5, cancelled: 5), Marks("PPPPA"), 80, AfterAll);
        Assert.Equal((4, 4, 100.0, true), (c.Attended, c.Total, c.Percent, c.Completed));
        var two = CompletionRule.Evaluate(Program(5, 2, 3), Marks("PPAPA"), 80, AfterAll);
        Assert.Equal((2, 3, false), (two.Attended, two.Total, two.Completed));
    }

    [Theory]
    // After session 3 (two ahead), rule 80 %.
    [InlineData("PA---", true, 2)]    // 1 of 3 held: below the rule with sessions left
    [InlineData("PPA--", true, 2)]    // 2 of 3 = 67 % < 80 %
    [InlineData("PPP--", false, 2)]   // on track
    [InlineData("PPE--", false, 2)]   // excused leaves the held count too: 2 of 2
    [InlineData("EEE--", false, 2)]   // nothing held to judge yet
    public void Evaluate_AtRisk_BelowTheRuleWithSessionsLeft(string marks, bool atRisk, int left)
    {
        var c = CompletionRule.Evaluate(Program(5), Marks(marks), 80, TrainingScenario.StartOf(3).AddHours(2));
        Assert.Equal((atRisk, left, false), (c.AtRisk, c.Left, c.Completed));
    }

    [Fact]
    public void SessionsFor_LateEnrolment_EarlierSessionsLeftOut_UnlessMarked_MeetingKindCountsItsOwnOption()
    {
        var program = Program(5);
        var enrolled = program[2].StartUtc.AddHours(-1); // after sessions 1 and 2 ended
        var none = new Dictionary<int, AttendanceStatus>();
        Assert.Equal([3, 4, 5], CompletionRule.SessionsFor(program, EventKind.Course, 1, enrolled, none).Select(s => s.Id));
        // Marked at session 2 anyway (came before enrolling): it counts.
        Assert.Equal([2, 3, 4, 5], CompletionRule.SessionsFor(program, EventKind.Course, 1, enrolled, Marks("-P")).Select(s => s.Id));
        // Three of three after a late start: completed, not held against them.
        var mine = Marks("--PPP");
        Assert.True(CompletionRule.Evaluate(CompletionRule.SessionsFor(program, EventKind.Course, 1, enrolled, mine), mine, 80, AfterAll).Completed);
        // A webinar's two time-zone options: a person has one of them, and attending it is 100 %.
        var options = Program(2);
        var webinar = CompletionRule.SessionsFor(options, EventKind.Webinar, 2, Before, Marks("-P"));
        Assert.Equal([2], webinar.Select(s => s.Id));
        Assert.Equal(100, CompletionRule.Evaluate(webinar, Marks("-P"), 80, AfterAll).Percent);
    }

    [Fact]
    public void Evaluate_NoSessionsLeft_NotCompletedIsNotAtRisk()
    {
        var c = CompletionRule.Evaluate(Program(5), Marks("PAAAA"), 80, AfterAll);
        Assert.Equal((false, false, 0), (c.Completed, c.AtRisk, c.Left));
    }

    // ── through the database ────────────────────────────────────────────────────────────────

    [Fact]
    public async Task CompletionAsync_PerParticipant_WithCancelledSessionAndRule()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 6);
        var aigul = (await s.EnrolAsync("Айгүл")).Registration.Id;
        var bakyt = (await s.EnrolAsync("Бакыт")).Registration.Id;
        var cholpon = (await s.EnrolAsync("Чолпон")).Registration.Id;
        var leaving = await s.EnrolAsync("Кеткен");
        await s.MarkAsync((aigul, "PLPP"), (bakyt, "PEAP"), (cholpon, "AAP"), (leaving.Registration.Id, "P"));
        await s.Registrations.CancelAsync(leaving.ManageToken);
        // Session 6 is cancelled: five sessions count, and after session 4 one is ahead.
        s.At(4, 120);
        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(6).Id, null);

        var rows = (await s.Programs.CompletionAsync(s.Trainer, s.Event.Id)).ToDictionary(r => r.RegistrationId);

        Assert.Equal([aigul, bakyt, cholpon], rows.Keys.Order());
        // Aigul: P L P P of five = 4/5 = 80 % → completed already, with a session ahead.
        Assert.Equal((4, 5, 0, 80.0, true, false), (rows[aigul].AttendedSessions, rows[aigul].TotalSessions, rows[aigul].ExcusedSessions, rows[aigul].Percent,
            rows[aigul].Completed, rows[aigul].AtRisk));
        // Bakyt: P E A P of five, one ahead → 2 of 4; held so far 3 (excused out) with 2 attended = 67 % → at risk.
        Assert.Equal((2, 4, 1, 50.0, false, true, 1), (rows[bakyt].AttendedSessions, rows[bakyt].TotalSessions, rows[bakyt].ExcusedSessions, rows[bakyt].Percent,
            rows[bakyt].Completed, rows[bakyt].AtRisk, rows[bakyt].SessionsLeft));
        Assert.Equal((1, 5, 20.0, true), (rows[cholpon].AttendedSessions, rows[cholpon].TotalSessions, rows[cholpon].Percent, rows[cholpon].AtRisk));
        Assert.All(rows.Values, r => Assert.Null(r.CertificateCode));

        // A lower rule completes Bakyt's 2 of 4.
        await s.Programs.SetRulesAsync(s.Organizer, s.Event.Id, new TrainingRules(CompletionPercent: 50));
        Assert.True((await s.Programs.CompletionAsync(s.Organizer, s.Event.Id)).Single(r => r.RegistrationId == bakyt).Completed);
    }

    [Fact]
    public async Task DashboardAsync_HeldSessionsAndRates_CountOnlyEnrolledPeople()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 3);
        var a = (await s.EnrolAsync()).Registration.Id;
        var b = (await s.EnrolAsync()).Registration.Id;
        var c = (await s.EnrolAsync()).Registration.Id;
        var d = await s.EnrolAsync();
        await s.MarkAsync((a, "PP"), (b, "L"), (c, "E"), (d.Registration.Id, "P"));
        // d leaves the program during the second session: their mark stays in the history, but they are no longer counted.
        await s.Registrations.CancelAsync(d.ManageToken);
        s.At(2, 100);

        var dashboard = await s.Programs.DashboardAsync(s.Trainer, s.Event.Id);

        Assert.Equal((2, 0, 2, 0), (dashboard.HeldOnline, dashboard.HeldOffline, dashboard.Trainees, dashboard.Completed));
        var first = dashboard.Sessions[0];
        Assert.Equal((true, 3, 1, 1, 1, 0, 0), (first.Held, first.Enrolled, first.Present, first.Late, first.Excused, first.Absent, first.Unmarked));
        Assert.Equal(1.0, first.AttendanceRate); // a and b of the two not excused
        var second = dashboard.Sessions[1];
        Assert.Equal((true, 1, 2), (second.Held, second.Present, second.Unmarked));
        Assert.Equal(1 / 3.0, second.AttendanceRate!.Value, 6);
        Assert.Equal((false, (double?)null), (dashboard.Sessions[2].Held, dashboard.Sessions[2].AttendanceRate));
        // With 80 % and one session ahead: b attended 1 of 2 held → at risk; c excused at 1, unmarked at 2 → 0 of 1.
        Assert.Equal([b, c], dashboard.AtRisk.Select(p => p.RegistrationId).Order());
    }

    [Fact]
    public async Task ExportAsync_ColumnPerSession_FormulaNamesNeutralized_InTheLanguage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 3);
        var r = (await s.EnrolAsync("=HYPERLINK(\"http://evil\")")).Registration.Id;
        await s.MarkAsync((r, "PL"));
        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(3).Id, null);

        var row = Assert.Single(await s.Programs.ExportAsync(s.Trainer, s.Event.Id, "en"));

        Assert.Equal("'=HYPERLINK(\"http://evil\")", row["Full name"]);
        Assert.Equal(["Present", "Late", "Cancelled"], row.Where(c => c.Key.StartsWith("1. ") || c.Key.StartsWith("2. ") || c.Key.StartsWith("3. "))
            .Select(c => c.Value));
        Assert.Contains("1. 2026-12-01 18:00", row.Keys); // the session's wall-clock time in its zone
        Assert.Equal((2, 2), ((int)row["Sessions attended"]!, (int)row["Sessions counted"]!));
    }

    [Fact]
    public async Task Completion_TrainerOfAnotherEvent_Forbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 2);
        var (_, otherTrainer) = await s.OtherProgramAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Programs.CompletionAsync(otherTrainer, s.Event.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Programs.DashboardAsync(otherTrainer, s.Event.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Programs.ExportAsync(otherTrainer, s.Event.Id, "en"));
        // Only organizers set the rules, not trainers.
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Programs.SetRulesAsync(s.Trainer, s.Event.Id, new TrainingRules(CompletionPercent: 10)));
        Assert.Equal(80, await s.QueryAsync(c => c.Events.Where(e => e.Id == s.Event.Id).Select(e => e.Training.CompletionPercent).SingleAsync()));
    }
}
