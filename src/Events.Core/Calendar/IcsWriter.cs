using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Ical.Net.Serialization;

namespace Events.Core.Calendar;

/// <summary>A person on a calendar event (ORGANIZER or ATTENDEE).</summary>
public sealed record IcsPerson(string Name, string Email);

/// <summary>One VEVENT: a session at a wall-clock time in its own IANA zone.</summary>
public sealed record IcsEvent(string Uid, int Sequence, DateTime StampUtc, DateTime StartUtc, DateTime EndUtc, string TimeZone, bool Cancelled,
    string Summary, string? Description, string? Location, string? Url, IcsPerson? Organizer = null, IcsPerson? Attendee = null,
    string AttendeeStatus = "ACCEPTED");

/// <summary>
/// Writes iCalendar text (RFC 5545) for feeds and iTIP messages. Ical.Net builds the VTIMEZONE
/// blocks (once per zone, then reused) and parses in the tests; the events themselves are a few
/// lines of text, written here directly because building Ical.Net's object model for every
/// invitation was the largest cost of a registration.
/// </summary>
public static class IcsWriter
{
    public const string ProductId = "-//Events//Kyrgyz compatriots events//KY";

    private static readonly ConcurrentDictionary<(string Zone, int Year), string> TimeZoneBlocks = new();

    /// <param name="clock">Which year's zone rules to cache (blocks are rebuilt each year).</param>
    public static string Write(string method, IEnumerable<IcsEvent> events, TimeProvider clock, string? calendarName = null)
    {
        if (method is not ("PUBLISH" or "REQUEST" or "CANCEL")) throw new ArgumentException($"Unsupported iTIP method '{method}'.", nameof(method));
        var list = events as IReadOnlyCollection<IcsEvent> ?? events.ToList();
        foreach (var e in list) Check(e);
        var ics = new StringBuilder(1024 + list.Count * 900);
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "METHOD:" + method);
        Line(ics, "PRODID:" + ProductId);
        Line(ics, "VERSION:2.0");
        if (calendarName is not null) Line(ics, "X-WR-CALNAME:" + Text(calendarName));
        var year = clock.GetUtcNow().Year;
        foreach (var zone in list.Select(e => e.TimeZone).Distinct(StringComparer.Ordinal))
            ics.Append(TimeZoneBlocks.GetOrAdd((zone, year), key => TimeZoneBlock(key.Zone)));
        foreach (var e in list) WriteEvent(ics, e);
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    private static void WriteEvent(StringBuilder ics, IcsEvent e)
    {
        Line(ics, "BEGIN:VEVENT");
        if (e.Attendee is { } a)
            Line(ics, $"ATTENDEE;CN={Param(a.Name)};ROLE=REQ-PARTICIPANT;PARTSTAT={e.AttendeeStatus};RSVP=FALSE:mailto:{a.Email}");
        if (e.Description is { Length: > 0 } description) Line(ics, "DESCRIPTION:" + Text(description));
        Line(ics, $"DTEND;TZID={e.TimeZone}:{Local(e.EndUtc, e.TimeZone)}");
        Line(ics, "DTSTAMP:" + e.StampUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Line(ics, $"DTSTART;TZID={e.TimeZone}:{Local(e.StartUtc, e.TimeZone)}");
        if (e.Location is { Length: > 0 } location) Line(ics, "LOCATION:" + Text(location));
        if (e.Organizer is { } o) Line(ics, $"ORGANIZER;CN={Param(o.Name)}:mailto:{o.Email}");
        Line(ics, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        Line(ics, "STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
        Line(ics, "SUMMARY:" + Text(e.Summary));
        Line(ics, "TRANSP:OPAQUE");
        Line(ics, "UID:" + e.Uid);
        if (e.Url is { Length: > 0 } url) Line(ics, "URL:" + url);
        Line(ics, "END:VEVENT");
    }

    /// <summary>
    /// Values written without escaping must be safe as they are: a UID, URL or address with a line break would
    /// inject properties into the calendar, and an unknown TZID would leave clients guessing the time.
    /// </summary>
    private static void Check(IcsEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.Uid) || e.Uid.Length > 255 || e.Uid.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException($"UID '{e.Uid}' is empty, too long or holds spaces or control characters.", nameof(e));
        if (!Common.TimeZones.IsValidIana(e.TimeZone))
            throw new ArgumentException($"TZID '{e.TimeZone}' is not an IANA time zone.", nameof(e));
        if (e.Url is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                                             || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            throw new ArgumentException($"URL '{url}' is not an absolute http(s) address without spaces.", nameof(e));
        foreach (var person in new[] { e.Organizer, e.Attendee })
            if (person is not null && !Common.EmailAddress.IsValid(person.Email))
                throw new ArgumentException($"'{person.Email}' is not an email address.", nameof(e));
        if (e.EndUtc < e.StartUtc) throw new ArgumentException("The event ends before it starts.", nameof(e));
    }

    private static string Local(DateTime utc, string zone) =>
        Scheduling.WallClock.ToLocal(utc, zone).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11).</summary>
    public static string Text(string value)
    {
        var s = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': s.Append("\\\\"); break;
                case ';': s.Append("\\;"); break;
                case ',': s.Append("\\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    s.Append("\\n");
                    break;
                case '\n': s.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t') s.Append(c);
                    break;
            }
        }
        return s.ToString();
    }

    /// <summary>A parameter value (CN): quoted when it holds ':', ';' or ','; double quotes and control characters cannot appear and are dropped.</summary>
    public static string Param(string value)
    {
        var clean = new string(value.Where(c => c != '"' && !char.IsControl(c)).ToArray());
        return clean.AsSpan().IndexOfAny(":;,") >= 0 ? $"\"{clean}\"" : clean;
    }

    /// <summary>Appends a content line folded at 75 octets of UTF-8, never inside a character (RFC 5545 §3.1).</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]);
            var size = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + size > 75)
            {
                ics.Append("\r\n ");
                octets = 1;
            }
            ics.Append(c);
            if (pair) ics.Append(line[++i]);
            octets += size;
        }
        ics.Append("\r\n");
    }

    /// <summary>The VTIMEZONE of a zone as Ical.Net derives it from the IANA rules, cut out of a calendar holding only it.</summary>
    private static string TimeZoneBlock(string zone)
    {
        var calendar = new Ical.Net.Calendar();
        calendar.AddTimeZone(zone);
        var text = new CalendarSerializer().SerializeToString(calendar)!;
        var start = text.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal);
        var end = text.IndexOf("END:VTIMEZONE", StringComparison.Ordinal) + "END:VTIMEZONE".Length;
        return text[start..end] + "\r\n";
    }
}
