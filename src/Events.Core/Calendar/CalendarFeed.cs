using Events.Core.Scheduling;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Events.Core.Calendar;

/// <summary>A session as it goes into a published calendar (no join link: feeds are public).</summary>
public sealed record FeedEntry(string Uid, int Sequence, DateTime StartUtc, DateTime EndUtc, string TimeZone, bool Cancelled,
    string Summary, string Description, string? Location, string? Url, string OrganizerName, DateTime StampUtc);

/// <summary>RFC 5545 calendars with METHOD:PUBLISH and a VTIMEZONE for every TZID used.</summary>
public static class CalendarFeed
{
    public const string ProductId = "-//Events//Kyrgyz compatriots events//KY";

    public static string Publish(IEnumerable<FeedEntry> entries, string name)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        var zones = new HashSet<string>();
        foreach (var entry in entries)
        {
            if (zones.Add(entry.TimeZone)) calendar.AddTimeZone(entry.TimeZone);
            calendar.Events.Add(ToEvent(entry));
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static CalendarEvent ToEvent(FeedEntry entry)
    {
        var start = WallClock.ToLocal(entry.StartUtc, entry.TimeZone);
        var end = WallClock.ToLocal(entry.EndUtc, entry.TimeZone);
        var e = new CalendarEvent
        {
            Uid = entry.Uid,
            Sequence = entry.Sequence,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(entry.StampUtc, DateTimeKind.Utc), CalDateTime.UtcTzId),
            DtStart = new CalDateTime(start, entry.TimeZone),
            DtEnd = new CalDateTime(end, entry.TimeZone),
            Summary = entry.Summary,
            Description = entry.Description,
            Location = entry.Location,
            Status = entry.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        };
        if (entry.Url is not null) e.Url = new Uri(entry.Url);
        return e;
    }
}
