using System.Text;
using System.Text.RegularExpressions;

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
public static partial class AttendanceImport
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
        var people = new List<Person>();
        var byKey = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var row in report.Rows.OrderBy(r => r.Line))
        {
            var email = NormalizeEmail(row.Email);
            var key = email is not null ? "e:" + email : "n:" + NormalizeName(row.Name);
            if (!byKey.TryGetValue(key, out var person))
            {
                person = new Person(row.Name.Trim(), row.Email?.Trim(), email, NormalizeName(row.Name));
                byKey[key] = person;
                people.Add(person);
            }
            person.Intervals.Add((ToUtc(row.JoinLocal, zone), ToUtc(row.LeaveLocal, zone)));
        }

        var byEmail = registrations.Where(r => NormalizeEmail(r.Email) is not null).ToLookup(r => NormalizeEmail(r.Email)!, StringComparer.Ordinal);
        var byName = registrations.ToLookup(r => NormalizeName(r.FullName), StringComparer.Ordinal);
        var peopleByName = people.ToLookup(p => p.NormalizedName, StringComparer.Ordinal);

        var intervals = registrations.ToDictionary(r => r.RegistrationId, _ => new List<(DateTime, DateTime)>());
        var matched = new HashSet<int>();
        var unmatched = new List<ReportPerson>();
        var ambiguous = new List<ReportPerson>();
        foreach (var person in people)
        {
            // Email first; otherwise the name, only when one registration and one report person carry it.
            var candidates = person.NormalizedEmail is null ? [] : byEmail[person.NormalizedEmail].ToList();
            var byNameOnly = candidates.Count == 0;
            if (byNameOnly && person.NormalizedName.Length > 0) candidates = [.. byName[person.NormalizedName]];
            if (candidates.Count == 0) { unmatched.Add(new ReportPerson(person.Name, person.Email)); continue; }
            if (candidates.Count > 1 || (byNameOnly && peopleByName[person.NormalizedName].Count() > 1))
            {
                ambiguous.Add(new ReportPerson(person.Name, person.Email));
                continue;
            }
            intervals[candidates[0].RegistrationId].AddRange(person.Intervals);
            matched.Add(candidates[0].RegistrationId);
        }

        var attendance = new List<RegistrationAttendance>();
        foreach (var registration in registrations.DistinctBy(r => r.RegistrationId))
        {
            var minutes = MinutesWithin(intervals[registration.RegistrationId], startUtc, endUtc);
            attendance.Add(new RegistrationAttendance(registration.RegistrationId, minutes, StatusFor(minutes, window.SessionMinutes, window.PresentFraction)));
        }
        return new ImportOutcome(report.Format, report.Rows.Count, matched.Count, unmatched, ambiguous, attendance,
            attendance.Count(a => a.Status == AttendanceStatus.Present),
            attendance.Count(a => a.Status == AttendanceStatus.Late),
            attendance.Count(a => a.Status == AttendanceStatus.Absent),
            []);
    }

    /// <summary>Present when minutes ≥ fraction × session minutes, Late when above zero, else Absent.</summary>
    public static AttendanceStatus StatusFor(int minutes, double sessionMinutes, double presentFraction = 0.75) =>
        minutes > 0 && minutes >= presentFraction * sessionMinutes - 1e-9 ? AttendanceStatus.Present
        : minutes > 0 ? AttendanceStatus.Late
        : AttendanceStatus.Absent;

    /// <summary>Sorts and merges overlapping or adjacent intervals; empty ones are dropped.</summary>
    public static IReadOnlyList<(DateTime Start, DateTime End)> Merge(IEnumerable<(DateTime Start, DateTime End)> intervals)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start).ThenBy(i => i.End))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            else
                merged.Add((start, end));
        }
        return merged;
    }

    /// <summary>Length of the union of the intervals inside [start, end), rounded to the nearest whole minute (halves up).</summary>
    public static int MinutesWithin(IEnumerable<(DateTime Start, DateTime End)> intervals, DateTime start, DateTime end)
    {
        var clipped = intervals.Select(i => (Start: i.Start < start ? start : i.Start, End: i.End > end ? end : i.End));
        var total = Merge(clipped).Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.End - i.Start));
        return (int)Math.Round(total.TotalMinutes, MidpointRounding.AwayFromZero);
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
        var text = Whitespace().Replace(name.Normalize(NormalizationForm.FormC), " ").Trim();
        var stripped = TrailingParentheses().Replace(text, "").Trim();
        if (stripped.Length > 0) text = stripped;
        return text.ToLowerInvariant();
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

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*\([^()]*\)$")]
    private static partial Regex TrailingParentheses();
}
