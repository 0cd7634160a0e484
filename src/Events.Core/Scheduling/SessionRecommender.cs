using Events.Core.Common;

namespace Events.Core.Scheduling;

public sealed record Recommendation(int SessionId, string LocalStart, string Reason);

/// <summary>
/// Picks the time option that suits someone in a given zone: among sessions open for registration,
/// those lying wholly within 09:00–21:00 of that zone are preferred; then the session whose own zone's
/// offset is nearest to the asked zone's offset at its start; ties go to the earlier start.
/// </summary>
public static class SessionRecommender
{
    private static readonly TimeOnly From = new(9, 0);
    private static readonly TimeOnly To = new(21, 0);

    public static Recommendation? Recommend(IEnumerable<Session> sessions, string zone, DateTime nowUtc)
    {
        if (!TimeZones.IsValidIana(zone)) throw ValidationFailedException.For("timeZone", "Validation_UnknownTimeZone");
        var open = sessions.Where(s => s.IsOpenForRegistration(nowUtc)).ToList();
        if (open.Count == 0) return null;

        var comfortable = open.Where(s => Planning.TimeZoneOptionPlanner.Comfortable(s.StartUtc, s.EndUtc - s.StartUtc, zone, From, To)).ToList();
        var pool = comfortable.Count > 0 ? comfortable : open;
        var best = pool
            .OrderBy(s => Math.Abs((WallClock.Offset(s.StartUtc, s.TimeZone) - WallClock.Offset(s.StartUtc, zone)).TotalMinutes))
            .ThenBy(s => s.StartUtc)
            .ThenBy(s => s.Id)
            .First();
        var reason = comfortable.Count > 0 ? "WithinLocalDaytime" : "NearestTimeZone";
        return new Recommendation(best.Id, WallClock.ToIsoWithOffset(best.StartUtc, zone), reason);
    }
}
