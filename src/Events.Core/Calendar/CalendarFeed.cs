namespace Events.Core.Calendar;

/// <summary>A session as it goes into a published calendar (no join link: feeds are public).</summary>
public sealed record FeedEntry(string Uid, int Sequence, DateTime StartUtc, DateTime EndUtc, string TimeZone, bool Cancelled,
    string Summary, string Description, string? Location, string? Url, string OrganizerName, DateTime StampUtc)
{
    public IcsEvent ToIcs() => new(Uid, Sequence, StampUtc, StartUtc, EndUtc, TimeZone, Cancelled, Summary, Description, Location, Url);
}

/// <summary>RFC 5545 calendars with METHOD:PUBLISH and a VTIMEZONE for every TZID used.</summary>
public static class CalendarFeed
{
    public const string ProductId = IcsWriter.ProductId;

    public static string Publish(IEnumerable<FeedEntry> entries, string name, TimeProvider clock) =>
        IcsWriter.Write("PUBLISH", entries.Select(e => e.ToIcs()), clock, name);
}
