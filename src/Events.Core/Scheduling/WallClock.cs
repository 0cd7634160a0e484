using Events.Core.Common;

namespace Events.Core.Scheduling;

/// <summary>An instant resolved from a wall-clock time; <see cref="WasAmbiguous"/> when the clock showed it twice.</summary>
public readonly record struct ResolvedInstant(DateTime Utc, bool WasAmbiguous);

/// <summary>
/// Wall-clock time in an IANA zone, the way organizers enter it. A time that does not exist (the hour
/// skipped when clocks go forward) is refused; a time that exists twice (clocks go back) is the
/// earlier of the two instants.
/// </summary>
public static class WallClock
{
    public static ResolvedInstant ToUtc(DateTime local, string zoneId, string field = "start")
    {
        var zone = TimeZones.Find(zoneId);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
            throw ValidationFailedException.For(field, "Validation_StartInDstGap", unspecified.ToString("yyyy-MM-dd HH:mm"), zoneId);
        if (zone.IsAmbiguousTime(unspecified))
        {
            // The earlier instant is the one with the larger offset (still on summer time).
            var offset = zone.GetAmbiguousTimeOffsets(unspecified).Max();
            return new ResolvedInstant(DateTime.SpecifyKind(unspecified - offset, DateTimeKind.Utc), true);
        }
        return new ResolvedInstant(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), false);
    }

    public static DateTime ToLocal(DateTime utc, string zoneId) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZones.Find(zoneId)), DateTimeKind.Unspecified);

    public static TimeSpan Offset(DateTime utc, string zoneId) =>
        TimeZones.Find(zoneId).GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>ISO 8601 with the zone's offset at that instant, e.g. 2027-03-27T18:00:00-05:00.</summary>
    public static string ToIsoWithOffset(DateTime utc, string zoneId)
    {
        var local = ToLocal(utc, zoneId);
        return new DateTimeOffset(local, Offset(utc, zoneId)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    }
}
