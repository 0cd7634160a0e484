using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Training;

/// <summary>
/// The one place attendance is written: the roster, imports, self check-in and the door desk all mark through here,
/// so every change lands in the history and a mark that changes nothing writes nothing.
/// </summary>
internal static class AttendanceLedger
{
    /// <summary>Marks one person at one session (the caller saves); returns the record and whether anything changed.</summary>
    public static async Task<(AttendanceRecord Record, bool Changed)> MarkAsync(EventsDbContext db, int eventId, int sessionId, int registrationId,
        AttendanceStatus status, string? remark, int? minutes, AttendanceSource source, string? by, DateTime nowUtc, CancellationToken ct)
    {
        var record = await db.Attendance.FirstOrDefaultAsync(a => a.SessionId == sessionId && a.RegistrationId == registrationId, ct);
        return Mark(db, record, eventId, sessionId, registrationId, status, remark, minutes, source, by, nowUtc);
    }

    public static (AttendanceRecord Record, bool Changed) Mark(EventsDbContext db, AttendanceRecord? record, int eventId, int sessionId, int registrationId,
        AttendanceStatus status, string? remark, int? minutes, AttendanceSource source, string? by, DateTime nowUtc)
    {
        var isNew = record is null;
        record ??= AttendanceRecord.New(eventId, sessionId, registrationId);
        var change = record.Mark(status, remark, minutes, source, by, nowUtc, isNew);
        if (change is null) return (record, false);
        if (isNew) db.Attendance.Add(record);
        db.AttendanceChanges.Add(change);
        return (record, true);
    }

    /// <summary>
    /// Someone arrived (door desk or self check-in): Present, or Late past the program's grace minutes. An earlier arrival
    /// mark stands (scanning twice changes nothing); the remark and imported minutes stay.
    /// </summary>
    public static async Task<AttendanceRecord> ArriveAsync(EventsDbContext db, Event e, Session session, int registrationId, AttendanceSource source,
        string? by, DateTime nowUtc, CancellationToken ct)
    {
        var record = await db.Attendance.FirstOrDefaultAsync(a => a.SessionId == session.Id && a.RegistrationId == registrationId, ct);
        if (record is { Attended: true }) return record;
        var status = nowUtc > session.StartUtc.AddMinutes(e.Training.LateAfterMinutes) ? AttendanceStatus.Late : AttendanceStatus.Present;
        return Mark(db, record, e.Id, session.Id, registrationId, status, record?.Remark, record?.MinutesAttended, source, by, nowUtc).Record;
    }
}

/// <summary>Who holds a place at a session: its own registrations for a meeting, the whole event's for a program.</summary>
public static class Enrolments
{
    public static IQueryable<Registration.Registration> AtSession(IQueryable<Registration.Registration> registrations, Session session, Event e) =>
        EventKindRules.EnrolsInWholeEvent(e.Kind)
            ? registrations.Where(r => r.EventId == e.Id)
            : registrations.Where(r => r.SessionId == session.Id);
}
