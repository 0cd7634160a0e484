using Events.Core.Data;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Registration;

/// <summary>
/// What one registration takes a place in: a session (a meeting's time option), or a whole program (a training,
/// course or innolab), where one person holds a place in every session and capacity counts people per event.
/// </summary>
internal readonly record struct SeatScope(int SessionId, int? ProgramEventId)
{
    public bool IsProgram => ProgramEventId is not null;

    public static SeatScope Of(Session session, Event e) =>
        new(session.Id, EventKindRules.EnrolsInWholeEvent(e.Kind) ? e.Id : null);

    public static SeatScope Of(Registration r, Event e) =>
        new(r.SessionId, EventKindRules.EnrolsInWholeEvent(e.Kind) ? e.Id : null);
}

/// <summary>
/// The seat and waitlist counters of a session, and waitlist positions: every path that changes a person's
/// place (the writer, cancel, switch, approve, promote) goes through these statements. The counters are
/// changed by single UPDATE statements in the database, never read-modify-written in C#. A program keeps the
/// same counters on each of its scheduled sessions (so each session reads how many people it has); a place
/// is taken in all of them by one statement, only while every one of them has room.
/// </summary>
internal static class Seats
{
    /// <summary>One atomic statement: a seat is taken only while one is free, whatever other requests or instances do.</summary>
    public static async Task<bool> TryTakeAsync(EventsDbContext db, int sessionId, CancellationToken ct) =>
        await WithFreeSeats(db, sessionId, 1).ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + 1), ct) == 1;

    public static async Task<bool> TryTakeAsync(EventsDbContext db, SeatScope scope, CancellationToken ct)
    {
        if (scope.ProgramEventId is not { } eventId) return await TryTakeAsync(db, scope.SessionId, ct);
        return await ProgramWithRoom(db, eventId, 1).ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + 1), ct) > 0;
    }

    /// <summary>The same for <paramref name="count"/> seats at once (the writer's thread, synchronous): all or none.</summary>
    public static bool TryTake(EventsDbContext db, int sessionId, int count = 1) =>
        WithFreeSeats(db, sessionId, count).ExecuteUpdate(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + count)) == 1;

    private static IQueryable<Session> WithFreeSeats(EventsDbContext db, int sessionId, int count) =>
        db.Sessions.Where(s => s.Id == sessionId && (s.Capacity == null || s.ConfirmedCount + count <= s.Capacity));

    /// <summary>The program's scheduled sessions, all of them or none: none when any one of them is full.</summary>
    private static IQueryable<Session> ProgramWithRoom(EventsDbContext db, int eventId, int count) =>
        ProgramSessions(db, eventId).Where(_ => !db.Sessions.Any(o => o.EventId == eventId && o.Status == SessionStatus.Scheduled
                                                                   && o.Capacity != null && o.ConfirmedCount + count > o.Capacity));

    private static IQueryable<Session> ProgramSessions(EventsDbContext db, int eventId) =>
        db.Sessions.Where(s => s.EventId == eventId && s.Status == SessionStatus.Scheduled);

    private static IQueryable<Session> Rows(EventsDbContext db, SeatScope scope) =>
        scope.ProgramEventId is { } eventId ? ProgramSessions(db, eventId) : db.Sessions.Where(s => s.Id == scope.SessionId);

    public static Task ReleaseAsync(EventsDbContext db, int sessionId, CancellationToken ct) => ReleaseAsync(db, new SeatScope(sessionId, null), ct);

    public static Task ReleaseAsync(EventsDbContext db, SeatScope scope, CancellationToken ct) =>
        Rows(db, scope).ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount - 1), ct);

    public static Task JoinWaitlistAsync(EventsDbContext db, int sessionId, CancellationToken ct) => JoinWaitlistAsync(db, new SeatScope(sessionId, null), ct);

    public static Task JoinWaitlistAsync(EventsDbContext db, SeatScope scope, CancellationToken ct) =>
        Rows(db, scope).ExecuteUpdateAsync(u => u.SetProperty(s => s.WaitlistedCount, s => s.WaitlistedCount + 1), ct);

    public static void JoinWaitlist(EventsDbContext db, int sessionId, int count = 1) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdate(u => u.SetProperty(s => s.WaitlistedCount, s => s.WaitlistedCount + count));

    public static Task LeaveWaitlistAsync(EventsDbContext db, int sessionId, CancellationToken ct) => LeaveWaitlistAsync(db, new SeatScope(sessionId, null), ct);

    public static Task LeaveWaitlistAsync(EventsDbContext db, SeatScope scope, CancellationToken ct) =>
        Rows(db, scope).ExecuteUpdateAsync(u => u.SetProperty(s => s.WaitlistedCount, s => s.WaitlistedCount - 1), ct);

    /// <summary>A session added to a program starts with the program's counts: everyone enrolled holds a place in it too.</summary>
    public static async Task CopyProgramCountsAsync(EventsDbContext db, Session added, CancellationToken ct)
    {
        var enrolled = db.Registrations.Where(r => r.EventId == added.EventId);
        added.ConfirmedCount = await enrolled.CountAsync(r => r.Status == RegistrationStatus.Confirmed, ct);
        added.WaitlistedCount = await enrolled.CountAsync(r => r.Status == RegistrationStatus.Waitlisted, ct);
    }

    // ── waitlist positions: a person's position is 1 + the number of people waiting for the same session (or program) who registered earlier (smaller id) ──

    private static IQueryable<int> Waiting(EventsDbContext db, int sessionId) =>
        db.Registrations.Where(x => x.SessionId == sessionId && x.Status == RegistrationStatus.Waitlisted).Select(x => x.Id);

    public static IQueryable<Registration> Waiting(EventsDbContext db, SeatScope scope) =>
        scope.ProgramEventId is { } eventId
            ? db.Registrations.Where(x => x.EventId == eventId && x.Status == RegistrationStatus.Waitlisted)
            : db.Registrations.Where(x => x.SessionId == scope.SessionId && x.Status == RegistrationStatus.Waitlisted);

    public static async Task<int> PositionAsync(EventsDbContext db, Registration r, CancellationToken ct) =>
        await Waiting(db, r.SessionId).CountAsync(id => id <= r.Id, ct);

    public static async Task<int> PositionAsync(EventsDbContext db, Registration r, SeatScope scope, CancellationToken ct) =>
        await Waiting(db, scope).CountAsync(x => x.Id <= r.Id, ct);

    /// <summary>
    /// The positions of several people waiting for one session (the writer's batches): one count of those
    /// before the first of them, and the few ids between the first and the last — not the whole waitlist.
    /// </summary>
    public static Dictionary<int, int> Positions(EventsDbContext db, int sessionId, IReadOnlyCollection<int> registrationIds)
    {
        var (first, last) = (registrationIds.Min(), registrationIds.Max());
        var before = Waiting(db, sessionId).Count(id => id < first);
        var among = Waiting(db, sessionId).Where(id => id >= first && id <= last).OrderBy(id => id).ToList();
        return registrationIds.ToDictionary(id => id, id => before + among.BinarySearch(id) + 1);
    }

    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || e.InnerException is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };
}
