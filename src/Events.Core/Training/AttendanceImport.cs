using System.Text;

namespace Events.Core.Training;

/// <summary>A registration of the session the report is imported into.</summary>
public sealed record SessionRegistration(int RegistrationId, string FullName, string Email);

/// <summary>The session the report belongs to: its UTC window, the IANA zone the report's wall-clock times are in,
/// and the share of the session's minutes that counts as present (default 75%).</summary>
public sealed record AttendanceWindow(DateTime StartUtc, DateTime EndUtc, string TimeZoneId, double PresentFraction = 0.75)
{
    public double SessionMinutes => (EndUtc - StartUtc).TotalMinutes;
}

/// <summary>A person of the report (as first written in it) that no registration was given for.</summary>
public sealed record ReportPerson(string Name, string? Email);

public sealed record RegistrationAttendance(int RegistrationId, int Minutes, AttendanceStatus Status);

/// <summary>What importing a report into a session would record. With <see cref="Problems"/>, nothing is to be applied
/// and the per-registration results are empty.</summary>
public sealed record ImportOutcome(
    ReportFormat Format,
    int Rows,
    int Matched,
    IReadOnlyList<ReportPerson> Unmatched,
    IReadOnlyList<ReportPerson> Ambiguous,
    IReadOnlyList<RegistrationAttendance> Attendance,
    int Present,
    int Partial,
    int Absent,
    IReadOnlyList<ReportProblem> Problems)
{
    public bool CanApply => Problems.Count == 0;
}

/// <summary>Turns a parsed report into minutes and statuses per registration. Pure and deterministic.</summary>
public static class AttendanceImport
{
    public static ImportOutcome Evaluate(AttendanceReport report, AttendanceWindow window, IReadOnlyList<SessionRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(registrations);
        if (window.EndUtc <= window.StartUtc) throw new ArgumentException("The session must end after it starts.", nameof(window));
        if (window.PresentFraction is <= 0 or > 1 || double.IsNaN(window.PresentFraction))
            throw new ArgumentOutOfRangeException(nameof(window), "PresentFraction must be in (0, 1].");
        if (!report.IsValid)
            return new ImportOutcome(report.Format, report.Rows.Count, 0, [], [], [], 0, 0, 0, report.Problems);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(window.TimeZoneId);
        var startUtc = DateTime.SpecifyKind(window.StartUtc, DateTimeKind.Utc);
        var endUtc = DateTime.SpecifyKind(window.EndUtc, DateTimeKind.Utc);

        // People of the report: keyed by email when the row has one, else by name; in order of first appearance.
        // Names and times repeat from row to row (rejoins, the same second): each is normalized or converted once.
        var people = new List<Person>();
        var byEmailKey = new Dictionary<string, Person>(StringComparer.Ordinal);
        var byNameKey = new Dictionary<string, Person>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var utc = new Dictionary<DateTime, DateTime>();
        string Normalized(string name)
        {
            if (!names.TryGetValue(name, out var normalized)) names[name] = normalized = NormalizeName(name);
            return normalized;
        }
        DateTime Utc(DateTime local)
        {
            if (!utc.TryGetValue(local, out var value)) utc[local] = value = ToUtc(local, zone);
            return value;
        }
        foreach (var row in InLineOrder(report.Rows))
        {
            var email = NormalizeEmail(row.Email);
            var (map, key) = email is not null ? (byEmailKey, email) : (byNameKey, Normalized(row.Name));
            if (!map.TryGetValue(key, out var person))
            {
                person = new Person(row.Name.Trim(), row.Email?.Trim(), email, Normalized(row.Name));
                map[key] = person;
                people.Add(person);
            }
            person.Intervals.Add((Utc(row.JoinLocal), Utc(row.LeaveLocal)));
        }

        // Each key with its first registration (or report person) and how many carry it.
        var byEmail = new Dictionary<string, (SessionRegistration First, int Count)>(StringComparer.Ordinal);
        var byName = new Dictionary<string, (SessionRegistration First, int Count)>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (NormalizeEmail(registration.Email) is { } email) Count(byEmail, email, registration);
            Count(byName, NormalizeName(registration.FullName), registration);
        }
        var peopleByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var person in people)
            peopleByName[person.NormalizedName] = peopleByName.GetValueOrDefault(person.NormalizedName) + 1;

        var intervals = registrations.ToDictionary(r => r.RegistrationId, _ => (List<(DateTime, DateTime)>?)null);
        var matched = new HashSet<int>();
        var unmatched = new List<ReportPerson>();
        var ambiguous = new List<ReportPerson>();
        foreach (var person in people)
        {
            // Email first; otherwise the name, only when one registration and one report person carry it.
            var candidates = person.NormalizedEmail is null ? default : byEmail.GetValueOrDefault(person.NormalizedEmail);
            var byNameOnly = candidates.Count == 0;
            if (byNameOnly && person.NormalizedName.Length > 0) candidates = byName.GetValueOrDefault(person.NormalizedName);
            if (candidates.Count == 0) { unmatched.Add(new ReportPerson(person.Name, person.Email)); continue; }
            if (candidates.Count > 1 || (byNameOnly && peopleByName[person.NormalizedName] > 1))
            {
                ambiguous.Add(new ReportPerson(person.Name, person.Email));
                continue;
            }
            var id = candidates.First.RegistrationId;
            (intervals[id] ??= []).AddRange(person.Intervals);
            matched.Add(id);
        }

        var attendance = new List<RegistrationAttendance>();
        foreach (var registration in registrations.DistinctBy(r => r.RegistrationId))
        {
            var minutes = intervals[registration.RegistrationId] is { } own ? MinutesWithin(own, startUtc, endUtc) : 0;
            attendance.Add(new RegistrationAttendance(registration.RegistrationId, minutes, StatusFor(minutes, window.SessionMinutes, window.PresentFraction)));
        }
        return new ImportOutcome(report.Format, report.Rows.Count, matched.Count, unmatched, ambiguous, attendance,
            attendance.Count(a => a.Status == AttendanceStatus.Present),
            attendance.Count(a => a.Status == AttendanceStatus.Late),
            attendance.Count(a => a.Status == AttendanceStatus.Absent),
            []);
    }

    private static void Count(Dictionary<string, (SessionRegistration First, int Count)> map, string key, SessionRegistration registration)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        entry = (entry.First ?? registration, entry.Count + 1);
    }

    /// <summary>The rows by line; as they are when already in that order (as a parsed report's are).</summary>
    private static IEnumerable<ReportRow> InLineOrder(IReadOnlyList<ReportRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
            if (rows[i].Line < rows[i - 1].Line) return rows.OrderBy(r => r.Line);
        return rows;
    }

    /// <summary>Present when minutes ≥ fraction × session minutes, Late when above zero, else Absent.</summary>
    public static AttendanceStatus StatusFor(int minutes, double sessionMinutes, double presentFraction = 0.75) =>
        minutes > 0 && minutes >= presentFraction * sessionMinutes - 1e-9 ? AttendanceStatus.Present
        : minutes > 0 ? AttendanceStatus.Late
        : AttendanceStatus.Absent;

    /// <summary>Sorts and merges overlapping or adjacent intervals; empty ones are dropped.</summary>
    public static IReadOnlyList<(DateTime Start, DateTime End)> Merge(IEnumerable<(DateTime Start, DateTime End)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var list = new List<(DateTime Start, DateTime End)>(intervals);
        var count = MergeInPlace(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        list.RemoveRange(count, list.Count - count);
        return list;
    }

    /// <summary>Length of the union of the intervals inside [start, end), rounded to the nearest whole minute (halves up).</summary>
    public static int MinutesWithin(IEnumerable<(DateTime Start, DateTime End)> intervals, DateTime start, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var clipped = new List<(DateTime Start, DateTime End)>(intervals);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clipped);
        for (var i = 0; i < span.Length; i++)
            span[i] = (span[i].Start < start ? start : span[i].Start, span[i].End > end ? end : span[i].End);
        var merged = span[..MergeInPlace(span)];
        var total = TimeSpan.Zero;
        foreach (var (from, to) in merged) total += to - from;
        return (int)Math.Round(total.TotalMinutes, MidpointRounding.AwayFromZero);
    }

    /// <summary>Drops the empty intervals, sorts the rest by start then end, merges overlapping or adjacent ones to the front;
    /// returns how many there are.</summary>
    private static int MergeInPlace(Span<(DateTime Start, DateTime End)> intervals)
    {
        var count = 0;
        foreach (var interval in intervals)
            if (interval.End > interval.Start) intervals[count++] = interval;
        var kept = intervals[..count];
        kept.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var merged = 0;
        foreach (var (start, end) in kept)
        {
            if (merged > 0 && start <= kept[merged - 1].End)
                kept[merged - 1] = (kept[merged - 1].Start, end > kept[merged - 1].End ? end : kept[merged - 1].End);
            else
                kept[merged++] = (start, end);
        }
        return merged;
    }

    /// <summary>A wall-clock time of <paramref name="zone"/> in UTC; a time skipped by a clock change moves forward by the gap,
    /// an ambiguous one is read as standard time.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            var before = zone.GetUtcOffset(unspecified.AddHours(-6));
            return DateTime.SpecifyKind(unspecified - before, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    /// <summary>Trimmed, inner whitespace collapsed, Unicode NFC, lower case, without a trailing "(…)" such as Zoom's original name.</summary>
    public static string NormalizeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var text = CollapseWhitespace(IsNfc(name) ? name : name.Normalize(NormalizationForm.FormC));
        // Without a trailing "(…)": from the last "(" that has no parenthesis after it but the final ")".
        if (text.EndsWith(')'))
        {
            var open = text.AsSpan(0, text.Length - 1).LastIndexOfAny('(', ')');
            if (open >= 0 && text[open] == '(')
            {
                var stripped = text.AsSpan(0, open).TrimEnd();
                if (stripped.Length > 0) text = stripped.ToString();
            }
        }
        return text.ToLowerInvariant();
    }

    /// <summary>
    /// Whether the text is NFC as it is, decided without ICU for the usual names: every character is below U+0300 (Latin with
    /// its precomposed letters) or a Cyrillic letter (U+0400–U+0482, U+048A–U+052F). None of these is changed by NFC or
    /// composes with a neighbour of this set; combining marks, Hangul jamo and NFC's singletons are all outside it.
    /// </summary>
    private static bool IsNfc(string text)
    {
        foreach (var c in text)
            if (c >= '\u0300' && (c < '\u0400' || c is >= '\u0483' and < '\u048A' || c >= '\u0530')) return false;
        return true;
    }

    /// <summary>Trimmed, each run of whitespace (as <c>\s</c> and <see cref="char.IsWhiteSpace(char)"/> define it) one space.</summary>
    private static string CollapseWhitespace(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || i == 0 || i == text.Length - 1 || char.IsWhiteSpace(text[i + 1]))) clean = false;
        if (clean) return text;
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space) builder.Append(' ');
            builder.Append(c);
            space = false;
        }
        return builder.ToString();
    }

    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed == "--" ? null : trimmed.ToLowerInvariant();
    }

    private sealed record Person(string Name, string? Email, string? NormalizedEmail, string NormalizedName)
    {
        public List<(DateTime, DateTime)> Intervals { get; } = [];
    }
}
