using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Registration;

/// <summary>Seat and waitlist statements shared by every path that changes a person's place.</summary>
internal static class Seats
{
    /// <summary>One atomic statement: a seat is taken only while one is free, whatever other requests or instances do.</summary>
    public static async Task<bool> TryTakeAsync(EventsDbContext db, int sessionId, CancellationToken ct) =>
        await WithFreeSeat(db, sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + 1), ct) == 1;

    /// <summary>The same, for the registration writer's thread.</summary>
    public static bool TryTake(EventsDbContext db, int sessionId) =>
        WithFreeSeat(db, sessionId).ExecuteUpdate(u => u.SetProperty(s => s.ConfirmedCount, s => s.ConfirmedCount + 1)) == 1;

    private static IQueryable<Scheduling.Session> WithFreeSeat(EventsDbContext db, int sessionId) =>
        db.Sessions.Where(s => s.Id == sessionId && (s.Capacity == null || s.ConfirmedCount < s.Capacity));

    public static async Task<int> PositionAsync(EventsDbContext db, Registration r, CancellationToken ct) =>
        await db.Registrations.CountAsync(x => x.SessionId == r.SessionId && x.Status == RegistrationStatus.Waitlisted && x.Id <= r.Id, ct);

    public static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || e.InnerException is Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };
}
