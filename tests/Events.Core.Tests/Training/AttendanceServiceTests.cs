using System.Text;
using Events.Core.Common;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Training;

/// <summary>The roster, marks with their history, imports of Zoom reports and self check-in, on real SQLite with the test clock.</summary>
public class AttendanceServiceTests
{
    private static async Task<(TestDatabase Db, TrainingScenario S)> ProgramAsync(int sessions = 5, TrainingRules? rules = null)
    {
        var db = await TestDatabase.CreateAsync();
        return (db, await TrainingScenario.CreateAsync(db, sessions, rules: rules));
    }

    private static MemoryStream Utf8(string text) => new([.. new byte[] { 0xEF, 0xBB, 0xBF }, .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>The four people of the sample report's session (see <see cref="AttendanceReportTests"/>): two found in it, a namesake pair, one absent.</summary>
    private static async Task<(int Aigul, int Bakyt, int Azamat, int Nobody)> ReportPeopleAsync(TrainingScenario s) =>
    (
        (await s.EnrolAsync("Айгүл Асанова", "aigul@events.kg")).Registration.Id,
        (await s.EnrolAsync("Bakyt Osmonov", "Bakyt@Example.kg")).Registration.Id,
        (await s.EnrolAsync("Азамат Токтогулов", "azamat@events.kg")).Registration.Id,
        (await s.EnrolAsync("Nobody Here", "nobody@events.kg")).Registration.Id
    );

    // ── marks ───────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task Mark_BeforeTheSessionStarts_RuleAttendanceBeforeStart_FromTheStartOn_Stored()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var r = (await s.EnrolAsync()).Registration;
        var session = s.Session(1);

        db.Clock.SetUtcNow(session.StartUtc.AddSeconds(-1));
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => s.Attendance.MarkAsync(s.Trainer, session.Id, r.Id, AttendanceStatus.Present, null));
        Assert.Equal("Rule_AttendanceBeforeStart", refused.Key);
        await Assert.ThrowsAsync<RuleViolationException>(() => s.Attendance.MarkAllPresentAsync(s.Trainer, session.Id));
        Assert.False((await s.Attendance.RosterAsync(s.Trainer, session.Id)).CanMark);
        Assert.Empty(await s.RecordsAsync(session.Id));
        Assert.Empty(await s.HistoryAsync());

        db.Clock.SetUtcNow(session.StartUtc);
        var record = await s.Attendance.MarkAsync(s.Trainer, session.Id, r.Id, AttendanceStatus.Present, null);
        Assert.Equal((AttendanceStatus.Present, AttendanceSource.Roster, s.Trainer.UserId), (record.Status, record.Source, record.UpdatedBy));
        Assert.True((await s.Attendance.RosterAsync(s.Trainer, session.Id)).CanMark);
    }

    [Fact]
    public async Task Mark_CancelledSession_RuleSessionCancelled()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var r = (await s.EnrolAsync()).Registration;
        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(2).Id, "Тренер ооруп калды");
        s.At(2, 10);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => s.Attendance.MarkAsync(s.Organizer, s.Session(2).Id, r.Id, AttendanceStatus.Present, null));
        Assert.Equal("Rule_SessionCancelled", refused.Key);
        Assert.Equal("Rule_SessionCancelled", (await Assert.ThrowsAsync<RuleViolationException>(() => s.Attendance.MarkAllPresentAsync(s.Organizer, s.Session(2).Id))).Key);
        Assert.Equal("Rule_SessionCancelled", (await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Attendance.ImportAsync(s.Organizer, s.Session(2).Id, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: true))).Key);
        Assert.False((await s.Attendance.RosterAsync(s.Organizer, s.Session(2).Id)).CanMark);
        Assert.Empty(await s.HistoryAsync());
    }

    [Fact]
    public async Task Mark_SomeoneNotEnrolled_NotFound()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var enrolled = await s.EnrolAsync();
        var leaving = await s.EnrolAsync();
        await s.Registrations.CancelAsync(leaving.ManageToken);
        var (other, _) = await s.OtherProgramAsync();
        var elsewhere = await s.Registrations.RegisterAsync(other.Sessions[0].Id, new RegistrationInput("Elsewhere", "elsewhere@example.kg", "TR", Consent: true), "en");
        s.At(1, 5);

        foreach (var id in new[] { leaving.Registration.Id, elsewhere.Registration.Id, 999_999 })
            await Assert.ThrowsAsync<NotFoundException>(() => s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, id, AttendanceStatus.Present, null));

        Assert.Empty(await s.RecordsAsync(s.Session(1).Id));
        // The roster lists the one enrolled, not the one who left.
        Assert.Equal([enrolled.Registration.Id], (await s.Attendance.RosterAsync(s.Trainer, s.Session(1).Id)).Rows.Select(x => x.RegistrationId));
        Assert.Equal(1, await s.Attendance.MarkAllPresentAsync(s.Trainer, s.Session(1).Id));
    }

    [Fact]
    public async Task Mark_EveryChangeAppendsWhoWhenOldNew_AnIdenticalMarkAppendsNothing()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var r = (await s.EnrolAsync()).Registration;
        var session = s.Session(1);
        s.At(1, 2);
        var first = db.Clock.GetUtcNow().UtcDateTime;
        await s.Attendance.MarkAsync(s.Trainer, session.Id, r.Id, AttendanceStatus.Absent, null);
        s.At(1, 20);
        var second = db.Clock.GetUtcNow().UtcDateTime;
        await s.Attendance.MarkAsync(s.Organizer, session.Id, r.Id, AttendanceStatus.Late, "  Келди 20 мүнөт кечигип  ");
        s.At(1, 30);

        // The same mark again (the remark as stored after trimming), by someone else and later: nothing changes.
        var same = await s.Attendance.MarkAsync(s.Trainer, session.Id, r.Id, AttendanceStatus.Late, "Келди 20 мүнөт кечигип");
        Assert.Equal((s.Organizer.UserId, second), (same.UpdatedBy, same.UpdatedUtc));

        var history = await s.Attendance.HistoryAsync(s.Trainer, session.Id, r.Id);
        Assert.Equal(2, history.Count);
        Assert.Equal((s.Trainer.UserId, first, (AttendanceStatus?)null, AttendanceStatus.Absent, (string?)null, AttendanceSource.Roster),
            (history[0].ChangedBy, history[0].ChangedUtc, history[0].OldStatus, history[0].NewStatus, history[0].NewRemark, history[0].Source));
        Assert.Equal((s.Organizer.UserId, second, (AttendanceStatus?)AttendanceStatus.Absent, AttendanceStatus.Late, "Келди 20 мүнөт кечигип"),
            (history[1].ChangedBy, history[1].ChangedUtc, history[1].OldStatus, history[1].NewStatus, history[1].NewRemark));

        // A remark alone is a change too; clearing it as well.
        await s.Attendance.MarkAsync(s.Trainer, session.Id, r.Id, AttendanceStatus.Late, null);
        var last = (await s.HistoryAsync()).Last();
        Assert.Equal(("Келди 20 мүнөт кечигип", (string?)null, AttendanceStatus.Late, AttendanceStatus.Late),
            (last.OldRemark, last.NewRemark, last.OldStatus!.Value, last.NewStatus));
        Assert.Equal(3, (await s.HistoryAsync()).Count);
        var stored = Assert.Single(await s.RecordsAsync(session.Id));
        Assert.Equal((AttendanceStatus.Late, (string?)null), (stored.Status, stored.Remark));
    }

    [Fact]
    public async Task Mark_UnknownStatusOrLongRemark_ValidationFailed_NothingStored()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var r = (await s.EnrolAsync()).Registration;
        s.At(1, 5);

        Assert.Equal("status", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, r.Id, null, null))).Errors.Single().Field);
        Assert.Equal("status", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, r.Id, (AttendanceStatus)42, null))).Errors.Single().Field);
        Assert.Equal("remark", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, r.Id, AttendanceStatus.Present, new string('x', 501)))).Errors.Single().Field);
        Assert.Empty(await s.RecordsAsync(s.Session(1).Id));
        Assert.Empty(await s.HistoryAsync());
    }

    [Fact]
    public async Task MarkAllPresent_MarksOnlyTheUnmarked_TwiceMarksNobody()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var excused = (await s.EnrolAsync()).Registration.Id;
        var absent = (await s.EnrolAsync()).Registration.Id;
        var a = (await s.EnrolAsync()).Registration.Id;
        var b = (await s.EnrolAsync()).Registration.Id;
        s.At(2, 1);
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, excused, AttendanceStatus.Excused, "Ооруп калды");
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, absent, AttendanceStatus.Absent, null);
        // A mark at another session does not count as a mark here.
        await s.Attendance.MarkAsync(s.Trainer, s.Session(2).Id, a, AttendanceStatus.Absent, null);

        Assert.Equal(2, await s.Attendance.MarkAllPresentAsync(s.Organizer, s.Session(1).Id));
        Assert.Equal(0, await s.Attendance.MarkAllPresentAsync(s.Organizer, s.Session(1).Id));

        var statuses = (await s.RecordsAsync(s.Session(1).Id)).ToDictionary(x => x.RegistrationId, x => x.Status);
        Assert.Equal(new Dictionary<int, AttendanceStatus>
        {
            [excused] = AttendanceStatus.Excused, [absent] = AttendanceStatus.Absent, [a] = AttendanceStatus.Present, [b] = AttendanceStatus.Present,
        }, statuses);
        var history = await s.HistoryAsync(s.Session(1).Id);
        Assert.Equal(4, history.Count);
        Assert.All(history.Skip(2), h => Assert.Equal((s.Organizer.UserId, (AttendanceStatus?)null, AttendanceStatus.Present), (h.ChangedBy, h.OldStatus, h.NewStatus)));
    }

    // ── imports ─────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task Import_Preview_StoresNothing_ShowsWhatWouldChange()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var (aigul, bakyt, azamat, nobody) = await ReportPeopleAsync(s);
        s.At(1, 95);

        var preview = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: false);

        Assert.False(preview.Applied);
        var o = preview.Outcome;
        Assert.Equal((ReportFormat.ZoomParticipants, 7, 2, 1, 1, 2), (o.Format, o.Rows, o.Matched, o.Present, o.Partial, o.Absent));
        Assert.Equal([new ReportPerson("iPhone of Guest", null)], o.Unmatched);
        Assert.Equal(2, o.Ambiguous.Count);
        Assert.Equal(
            [(aigul, AttendanceStatus.Present, 85), (bakyt, AttendanceStatus.Late, 50), (azamat, AttendanceStatus.Absent, 0), (nobody, AttendanceStatus.Absent, 0)],
            preview.Changes.OrderBy(c => c.RegistrationId).Select(c => (c.RegistrationId, c.NewStatus, c.NewMinutes)));
        Assert.All(preview.Changes, c => Assert.Null(c.OldStatus));
        Assert.Empty(await s.RecordsAsync(s.Session(1).Id));
        Assert.Empty(await s.HistoryAsync());
    }

    [Fact]
    public async Task Import_Applied_StoresStatusesAndMinutes_AppliedTwiceChangesNothing()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var (aigul, bakyt, azamat, nobody) = await ReportPeopleAsync(s);
        s.At(1, 95);
        var appliedAt = db.Clock.GetUtcNow().UtcDateTime;

        var applied = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: true);

        Assert.True(applied.Applied);
        Assert.Equal(4, applied.Changes.Count);
        var records = await s.RecordsAsync(s.Session(1).Id);
        Assert.Equal(
            [(aigul, AttendanceStatus.Present, (int?)85), (bakyt, AttendanceStatus.Late, 50), (azamat, AttendanceStatus.Absent, 0), (nobody, AttendanceStatus.Absent, 0)],
            records.Select(r => (r.RegistrationId, r.Status, r.MinutesAttended)));
        Assert.All(records, r => Assert.Equal((AttendanceSource.Import, s.Trainer.UserId, appliedAt), (r.Source, r.UpdatedBy, r.UpdatedUtc)));
        Assert.Equal(4, (await s.HistoryAsync()).Count);
        // The roster shows the minutes.
        Assert.Equal(85, (await s.Attendance.RosterAsync(s.Trainer, s.Session(1).Id)).Rows.Single(r => r.RegistrationId == aigul).MinutesAttended);

        s.At(1, 120);
        var again = await s.Attendance.ImportAsync(s.Organizer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: true);

        Assert.True(again.Applied);
        Assert.Empty(again.Changes);
        Assert.Equal(4, (await s.HistoryAsync()).Count);
        Assert.All(await s.RecordsAsync(s.Session(1).Id), r => Assert.Equal((s.Trainer.UserId, appliedAt), (r.UpdatedBy, r.UpdatedUtc)));
    }

    [Fact]
    public async Task Import_NeverLowersAMarkMadeOtherwise_HandMarkKeepsTheImportedMinutes()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var (aigul, bakyt, _, nobody) = await ReportPeopleAsync(s);
        s.At(1, 5);
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, nobody, AttendanceStatus.Excused, "Командировкада");
        // An Excused person who did attend is Present by the report (the report is the better evidence).
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, aigul, AttendanceStatus.Excused, null);
        s.At(1, 95);

        var result = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: true);

        var records = (await s.RecordsAsync(s.Session(1).Id)).ToDictionary(r => r.RegistrationId);
        // A report never lowers a mark made otherwise: the excused person (no row in the report) is left as the trainer marked them.
        Assert.Equal((AttendanceStatus.Excused, "Командировкада", (int?)null), (records[nobody].Status, records[nobody].Remark, records[nobody].MinutesAttended));
        Assert.DoesNotContain(result.Changes, c => c.RegistrationId == nobody);
        Assert.Equal((AttendanceStatus.Present, (int?)85), (records[aigul].Status, records[aigul].MinutesAttended));

        // A later hand mark keeps the minutes the report gave.
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, bakyt, AttendanceStatus.Present, "Байланыш үзүлдү");
        var bakytRecord = Assert.Single(await s.RecordsAsync(s.Session(1).Id), r => r.RegistrationId == bakyt);
        Assert.Equal((AttendanceStatus.Present, (int?)50, AttendanceSource.Roster), (bakytRecord.Status, bakytRecord.MinutesAttended, bakytRecord.Source));

        // Importing again: the excused person stays excused and nothing is written.
        var history = (await s.HistoryAsync()).Count;
        var again = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: true);
        Assert.DoesNotContain(again.Changes, c => c.RegistrationId == nobody);
        Assert.Equal(AttendanceStatus.Excused, (await s.RecordsAsync(s.Session(1).Id)).Single(r => r.RegistrationId == nobody).Status);
        // Bakyt was set Present by hand (he was there, the call dropped); the report's Late does not lower it: nothing is written.
        Assert.Empty(again.Changes);
        Assert.Equal(history, (await s.HistoryAsync()).Count);
        Assert.Equal(AttendanceStatus.Present, (await s.RecordsAsync(s.Session(1).Id)).Single(r => r.RegistrationId == bakyt).Status);
    }

    [Fact]
    public async Task Import_BadFile_AppliesNothing_ProblemsByLine()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var (aigul, _, _, _) = await ReportPeopleAsync(s);
        s.At(1, 5);
        await s.Attendance.MarkAsync(s.Trainer, s.Session(1).Id, aigul, AttendanceStatus.Absent, null);
        var bad = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n" +
                  "Bakyt Osmonov,bakyt@example.kg,12/01/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,No\n" +
                  "Айгүл Асанова,,13/45/2026 06:00:00 PM,12/01/2026 07:00:00 PM,60,Yes\n";
        s.At(1, 95);

        var result = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(bad), null, apply: true);

        Assert.False(result.Applied);
        Assert.False(result.Outcome.CanApply);
        Assert.Equal([(3, "Import_BadTime")], result.Outcome.Problems.Select(p => (p.Line, p.Key)));
        Assert.Empty(result.Changes);
        var only = Assert.Single(await s.RecordsAsync(s.Session(1).Id));
        Assert.Equal((aigul, AttendanceStatus.Absent, (int?)null), (only.RegistrationId, only.Status, only.MinutesAttended));
        Assert.Single(await s.HistoryAsync());

        // Not a report at all (a PDF): the same, and an unknown zone is a field error.
        var pdf = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), null, apply: true);
        Assert.Equal("Import_UnknownFormat", Assert.Single(pdf.Outcome.Problems).Key);
        Assert.Equal("timeZone", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), "Mars/Olympus", apply: true))).Errors.Single().Field);
        Assert.Single(await s.HistoryAsync());
    }

    [Fact]
    public async Task Import_ReportInAnotherZone_ReadInTheGivenZone()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var (aigul, _, _, _) = await ReportPeopleAsync(s);
        s.At(1, 95);
        // The same wall-clock times read as Moscow (UTC+3) are 3 hours later than the session: nobody attended.
        var moscow = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), "Europe/Moscow", apply: false);
        Assert.Equal(0, moscow.Changes.Single(c => c.RegistrationId == aigul).NewMinutes);
        var bishkek = await s.Attendance.ImportAsync(s.Trainer, s.Session(1).Id, Utf8(AttendanceReportTests.ZoomMeeting), " Asia/Bishkek ", apply: false);
        Assert.Equal(85, bishkek.Changes.Single(c => c.RegistrationId == aigul).NewMinutes);
    }

    // ── who may ─────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task TrainerOfAnotherEvent_Forbidden_TrainerOfThisEvent_MayMark()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var r = (await s.EnrolAsync()).Registration;
        var (_, otherTrainer) = await s.OtherProgramAsync();
        var outsider = await s.OutsiderAsync();
        var session = s.Session(1).Id;
        s.At(1, 95);

        foreach (var who in new[] { otherTrainer, outsider, TestActors.Stranger })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.RosterAsync(who, session));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.MarkAsync(who, session, r.Id, AttendanceStatus.Present, null));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.MarkAllPresentAsync(who, session));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.HistoryAsync(who, session, r.Id));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.ImportAsync(who, session, Utf8(AttendanceReportTests.ZoomMeeting), null, apply: true));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.CheckInScreenAsync(who, session));
        }
        Assert.Empty(await s.RecordsAsync(session));
        Assert.Null(await s.QueryAsync(c => c.Sessions.Where(x => x.Id == session).Select(x => x.CheckInSecret).SingleAsync()));

        var record = await s.Attendance.MarkAsync(s.Trainer, session, r.Id, AttendanceStatus.Late, null);
        Assert.Equal((AttendanceStatus.Late, s.Trainer.UserId), (record.Status, record.UpdatedBy));
        // Once removed, the trainer sees nothing of it.
        await s.Programs.RemoveTrainerAsync(s.Organizer, s.Event.Id, s.Trainer.UserId);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.RosterAsync(s.Trainer, session));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Attendance.RosterAsync(s.Organizer, 999_999));
    }

    // ── self check-in ───────────────────────────────────────────────────────────────────────

    /// <summary>An offline program (check-in by the code on the screen) with the clock 10 minutes before session 1, on a 30-second step boundary.</summary>
    private static async Task<(TestDatabase Db, TrainingScenario S)> CheckInProgramAsync(double minutes = -10)
    {
        var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 3, mode: SessionMode.Offline);
        s.At(1, minutes);
        return (db, s);
    }

    [Fact]
    public async Task SelfCheckIn_OnlineSession_Refused_NoScreenToReadACodeFrom()
    {
        var (db, s) = await ProgramAsync();
        await using var _ = db;
        var a = await s.EnrolAsync();
        var session = s.Session(1).Id;
        s.At(1, 5);
        var screen = await s.Attendance.CheckInScreenAsync(s.Trainer, session);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => s.Attendance.SelfCheckInAsync(session, screen.Code, a.ManageToken, null));

        Assert.Equal("Rule_CheckInOffline", refused.Key);
        Assert.Empty(await s.RecordsAsync(session));
    }

    [Fact]
    public async Task SelfCheckIn_CodeValidForTheCurrentAndPreviousStep_RefusedAfter()
    {
        var (db, s) = await CheckInProgramAsync();
        await using var _ = db;
        var a = await s.EnrolAsync();
        var b = await s.EnrolAsync();
        var c = await s.EnrolAsync();
        var session = s.Session(1).Id;

        var screen = await s.Attendance.CheckInScreenAsync(s.Trainer, session);
        Assert.True(screen.Open);
        Assert.Equal(8, screen.Code.Length);
        Assert.Equal(TrainingScenario.StartOf(1).AddMinutes(-10).AddSeconds(30), screen.NextChangeUtc);
        Assert.Equal((TrainingScenario.StartOf(1).AddMinutes(-15), TrainingScenario.StartOf(1).AddMinutes(105)), (screen.OpensUtc, screen.ClosesUtc));
        // The same step shows the same code (the key is made once).
        Assert.Equal(screen.Code, (await s.Attendance.CheckInScreenAsync(s.Organizer, session)).Code);

        db.Clock.Advance(TimeSpan.FromSeconds(29));
        await s.Attendance.SelfCheckInAsync(session, screen.Code, a.ManageToken, null);
        db.Clock.Advance(TimeSpan.FromSeconds(1)); // the next step: the previous code still counts
        var next = await s.Attendance.CheckInScreenAsync(s.Trainer, session);
        Assert.NotEqual(screen.Code, next.Code);
        await s.Attendance.SelfCheckInAsync(session, screen.Code.ToLowerInvariant(), b.ManageToken, null);
        db.Clock.Advance(TimeSpan.FromSeconds(30)); // two steps on: refused

        var expired = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Attendance.SelfCheckInAsync(session, screen.Code, c.ManageToken, null));
        Assert.Equal(("code", "Validation_CheckInCodeExpired"), (expired.Errors.Single().Field, expired.Errors.Single().Key));
        await Assert.ThrowsAsync<ValidationFailedException>(() => s.Attendance.SelfCheckInAsync(session, "", c.ManageToken, null));
        await Assert.ThrowsAsync<ValidationFailedException>(() => s.Attendance.SelfCheckInAsync(session, "AAAAAAAA", c.ManageToken, null));
        // Another session's code is not this one's.
        var otherScreen = await s.Attendance.CheckInScreenAsync(s.Trainer, s.Session(2).Id);
        await Assert.ThrowsAsync<ValidationFailedException>(() => s.Attendance.SelfCheckInAsync(session, otherScreen.Code, c.ManageToken, null));
        Assert.Equal([a.Registration.Id, b.Registration.Id], (await s.RecordsAsync(session)).Select(r => r.RegistrationId));

        // The scanned QR code holds the URL; the current code from it is accepted.
        var current = await s.Attendance.CheckInScreenAsync(s.Trainer, session);
        var record = await s.Attendance.SelfCheckInAsync(session, $"https://events.example.kg/checkin/{session}?code={current.Code}", c.ManageToken, null);
        Assert.Equal((AttendanceStatus.Present, AttendanceSource.SelfCheckIn, (string?)null), (record.Status, record.Source, record.UpdatedBy));
    }

    [Fact]
    public async Task SelfCheckIn_LateAfterTheGraceMinutes_AndOutsideTheWindow_422()
    {
        var (db, s) = await CheckInProgramAsync(-20);
        await using var _ = db;
        var early = await s.EnrolAsync();
        var onTime = await s.EnrolAsync();
        var late = await s.EnrolAsync();
        var session = s.Session(1).Id;
        async Task<AttendanceRecord> CheckInAsync(RegistrationResult r) =>
            await s.Attendance.SelfCheckInAsync(session, (await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Code, r.ManageToken, null);

        s.At(1, -15.5);
        Assert.False((await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Open);
        Assert.Equal("Rule_CheckInWindow", (await Assert.ThrowsAsync<RuleViolationException>(() => CheckInAsync(early))).Key);
        s.At(1, -15);
        Assert.Equal(AttendanceStatus.Present, (await CheckInAsync(early)).Status);
        s.At(1, 10); // exactly the grace minutes: still on time
        Assert.Equal(AttendanceStatus.Present, (await CheckInAsync(onTime)).Status);
        s.At(1, 10.5);
        Assert.Equal(AttendanceStatus.Late, (await CheckInAsync(late)).Status);

        s.At(1, 90 + 15.5); // the window closes 15 minutes after the end
        var after = await s.EnrolAsync(viaSession: 2);
        Assert.Equal("Rule_CheckInWindow", (await Assert.ThrowsAsync<RuleViolationException>(() => CheckInAsync(after))).Key);
        Assert.Equal(3, (await s.RecordsAsync(session)).Count);
    }

    [Fact]
    public async Task SelfCheckIn_GraceMinutesFromTheProgramsRules()
    {
        var db = await TestDatabase.CreateAsync();
        await using var _ = db;
        var s = await TrainingScenario.CreateAsync(db, 2, rules: new TrainingRules(LateAfterMinutes: 0, CheckInMinutesBefore: 30), mode: SessionMode.Offline);
        var early = await s.EnrolAsync();
        var r = await s.EnrolAsync();
        var session = s.Session(1).Id;

        s.At(1, -25);
        Assert.Equal(AttendanceStatus.Present, (await s.Attendance.SelfCheckInAsync(session,
            (await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Code, early.ManageToken, null)).Status);
        s.At(1, 1);
        Assert.Equal(AttendanceStatus.Late, (await s.Attendance.SelfCheckInAsync(session,
            (await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Code, r.ManageToken, null)).Status);
    }

    [Fact]
    public async Task SelfCheckIn_ByManageTokenOrSignedInWithConfirmedEmail_NotEnrolled403_ScanningTwiceChangesNothing()
    {
        var (db, s) = await CheckInProgramAsync();
        await using var _ = db;
        var byToken = await s.EnrolAsync("Айгүл Асанова", "aigul@example.kg");
        var byAccount = await s.EnrolAsync("Бакыт Осмонов", "bakyt.osmonov@example.kg");
        var unconfirmed = await s.EnrolAsync("Нурлан Ж.", "nurlan@example.kg");
        var users = db.Get<Events.Core.People.UserAdministration>();
        var accountId = await users.CreateAsync(TestActors.Admin, new Events.Core.People.NewUser("Bakyt.Osmonov@Example.KG", "Бакыт Осмонов", "Participant-2026",
            [Events.Core.People.Roles.Participant], []));
        var unconfirmedId = await users.CreateAsync(TestActors.Admin, new Events.Core.People.NewUser("nurlan@example.kg", "Нурлан", "Participant-2026",
            [Events.Core.People.Roles.Participant], []));
        var strangerId = await users.CreateAsync(TestActors.Admin, new Events.Core.People.NewUser("stranger@example.kg", "Бөтөн", "Participant-2026",
            [Events.Core.People.Roles.Participant], []));
        await using (var context = db.NewContext())
            await context.Users.Where(u => u.Id == unconfirmedId).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
        var (other, _) = await s.OtherProgramAsync();
        var elsewhere = await s.Registrations.RegisterAsync(other.Sessions[0].Id, new RegistrationInput("Elsewhere", "elsewhere@example.kg", "TR", Consent: true), "en");
        var session = s.Session(1).Id;
        var code = (await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Code;

        var first = await s.Attendance.SelfCheckInAsync(session, code, byToken.ManageToken, null);
        Assert.Equal((byToken.Registration.Id, AttendanceStatus.Present), (first.RegistrationId, first.Status));
        var second = await s.Attendance.SelfCheckInAsync(session, code, null, accountId);
        Assert.Equal((byAccount.Registration.Id, AttendanceStatus.Present), (second.RegistrationId, second.Status));

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.SelfCheckInAsync(session, code, null, unconfirmedId));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.SelfCheckInAsync(session, code, null, strangerId));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.SelfCheckInAsync(session, code, elsewhere.ManageToken, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.SelfCheckInAsync(session, code, null, null));
        // A place given up is no place.
        await s.Registrations.CancelAsync(unconfirmed.ManageToken);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Attendance.SelfCheckInAsync(session, code, unconfirmed.ManageToken, null));

        // Scanning again, later (past the grace minutes): nothing changes, no history line.
        s.At(1, 30);
        var fresh = (await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Code;
        var again = await s.Attendance.SelfCheckInAsync(session, fresh, byToken.ManageToken, null);
        Assert.Equal((AttendanceStatus.Present, TrainingScenario.StartOf(1).AddMinutes(-10)), (again.Status, again.UpdatedUtc));
        Assert.Equal(2, (await s.HistoryAsync(session)).Count);
        Assert.Equal(2, (await s.RecordsAsync(session)).Count);
    }

    [Fact]
    public async Task SelfCheckIn_AfterAnAbsentMark_ArrivesLate_KeepsTheRemark()
    {
        var (db, s) = await CheckInProgramAsync();
        await using var _ = db;
        var r = await s.EnrolAsync();
        var session = s.Session(1).Id;
        s.At(1, 1);
        await s.Attendance.MarkAsync(s.Trainer, session, r.Registration.Id, AttendanceStatus.Absent, "Телефон өчүк");
        s.At(1, 25);

        var record = await s.Attendance.SelfCheckInAsync(session, (await s.Attendance.CheckInScreenAsync(s.Trainer, session)).Code, r.ManageToken, null);

        Assert.Equal((AttendanceStatus.Late, "Телефон өчүк", AttendanceSource.SelfCheckIn), (record.Status, record.Remark, record.Source));
        var history = await s.HistoryAsync(session);
        Assert.Equal(2, history.Count);
        Assert.Equal(((AttendanceStatus?)AttendanceStatus.Absent, AttendanceStatus.Late, (string?)null), (history[1].OldStatus, history[1].NewStatus, history[1].ChangedBy));
    }

    [Fact]
    public async Task SelfCheckIn_CancelledSession_422_UnknownSession_404()
    {
        var (db, s) = await CheckInProgramAsync();
        await using var _ = db;
        var r = await s.EnrolAsync();
        var code = (await s.Attendance.CheckInScreenAsync(s.Trainer, s.Session(1).Id)).Code;
        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(1).Id, null);

        Assert.Equal("Rule_SessionCancelled", (await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Attendance.SelfCheckInAsync(s.Session(1).Id, code, r.ManageToken, null))).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Attendance.SelfCheckInAsync(999_999, code, r.ManageToken, null));
        Assert.False((await s.Attendance.CheckInScreenAsync(s.Trainer, s.Session(1).Id)).Open);
    }
}
