using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Registration;

/// <summary>
/// The seat and waitlist counters of a session, and waitlist positions: every path that changes a person's
/// place (the writer, cancel, switch, approve, promote) goes through these statements. The counters are
/// changed by single UPDATE statements in the database, never read-modify-written in C#.
/// </summary>
internal static class Seats
{
    /// <summary>One atomic statement: a seat is taken only while one is free, whatever other requests or instances do.</summary>
    public static async Task<bool> TryTakeAsync(EventsDbContext db, int sessionId, CancellationToken ct) =>
        await WithFreeSeats(db, sessionId, 1).ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + 1), ct) == 1;

    /// <summary>The same for <paramref name="count"/> seats at once (the writer's thread, synchronous): all or none.</summary>
    public static bool TryTake(EventsDbContext db, int sessionId, int count = 1) =>
        WithFreeSeats(db, sessionId, count).ExecuteUpdate(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + count)) == 1;

    private static IQueryable<Scheduling.Session> WithFreeSeats(EventsDbContext db, int sessionId, int count) =>
        db.Sessions.Where(s => s.Id == sessionId && (s.Capacity == null || s.ConfirmedCount + count <= s.Capacity));

    public static Task ReleaseAsync(EventsDbContext db, int sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount - 1), ct);

    public static Task JoinWaitlistAsync(EventsDbContext db, int sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.WaitlistedCount, s => s.WaitlistedCount + 1), ct);

    public static void JoinWaitlist(EventsDbContext db, int sessionId, int count = 1) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdate(u => u.SetProperty(s => s.WaitlistedCount, s => s.WaitlistedCount + count));

    public static Task LeaveWaitlistAsync(EventsDbContext db, int sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.WaitlistedCount, s => s.WaitlistedCount - 1), ct);

    // ── waitlist positions: a person's position is 1 + the number of people waiting for the same session who registered earlier (smaller id) ──

    private static IQueryable<int> Waiting(EventsDbContext db, int sessionId) =>
        db.Registrations.Where(x => x.SessionId == sessionId && x.Status == RegistrationStatus.Waitlisted).Select(x => x.Id);

    public static async Task<int> PositionAsync(EventsDbContext db, Registration r, CancellationToken ct) =>
        await Waiting(db, r.SessionId).CountAsync(id => id <= r.Id, ct);

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
