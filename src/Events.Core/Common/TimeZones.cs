namespace Events.Core.Common;

/// <summary>IANA time-zone rules shared by organizations, sessions and the planner.</summary>
public static class TimeZones
{
    /// <summary>True for an IANA id this machine's time-zone database knows (Windows ids are refused).</summary>
    public static bool IsValidIana(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return false;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
    }

    public static TimeZoneInfo Find(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
