using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using CsvHelper;

namespace Events.Core.Training;

/// <summary>Recognizes and reads the attendance reports people download from Zoom and Microsoft Teams.</summary>
public static partial class AttendanceReports
{
    public const string UnknownFormat = "Import_UnknownFormat";
    public const string BadEncoding = "Import_BadEncoding";
    public const string MissingColumn = "Import_MissingColumn";
    public const string MissingValue = "Import_MissingValue";
    public const string BadTime = "Import_BadTime";
    public const string BadDuration = "Import_BadDuration";
    public const string LeaveBeforeJoin = "Import_LeaveBeforeJoin";

    /// <summary>The formats a time is read with, in order (internal for the tests of the fast path).</summary>
    internal static readonly string[] TimeFormats =
    [
        "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm",
        "M/d/yyyy, h:mm:ss tt", "M/d/yyyy, h:mm tt", "M/d/yyyy, H:mm:ss",
        "M/d/yy h:mm:ss tt", "M/d/yy h:mm tt", "M/d/yy, h:mm:ss tt", "M/d/yy, h:mm tt", "M/d/yy, H:mm:ss", "M/d/yy H:mm:ss",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd h:mm:ss tt",
        "MMM d, yyyy HH:mm:ss", "MMM d, yyyy h:mm:ss tt", "MMM d, yyyy HH:mm", "MMM d, yyyy h:mm tt",
    ];

    /// <summary>Reads a whole report from a stream (it is read to its end; not disposed).</summary>
    public static AttendanceReport Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>Reads a whole report from its bytes: UTF-8 (with or without BOM) or UTF-16 (with BOM).</summary>
    public static AttendanceReport Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Parse(bytes.AsMemory());
    }

    private static AttendanceReport Parse(ReadOnlyMemory<byte> bytes)
    {
        // Valid UTF-8 (the usual case: Zoom) is read as it is, without decoding it to a string first; the same records
        // as through the text. A second BOM is left to the text path, which has always read it.
        if (Utf8Offset(bytes.Span) is { } offset)
        {
            var utf8 = bytes[offset..];
            if (Utf8.IsValid(utf8.Span) && !utf8.Span.StartsWith(Utf8Bom))
                return utf8.Span.Contains((byte)0)
                    ? Fail(ReportFormat.Unknown, new ReportProblem(1, UnknownFormat))
                    : Read(utf8.Span.Contains((byte)'\t'), options => CsvReader.Create(utf8, options));
        }
        var (text, strict) = Decode(bytes.Span);
        var report = Read(text.Contains('\t'), options => CsvReader.FromText(text, options));
        if (strict && !text.Contains('\0')) return report;
        // Not valid text: blame the encoding only when the file otherwise looks like a known report.
        if (report.Format == ReportFormat.Unknown || text.Contains('\0'))
            return Fail(ReportFormat.Unknown, new ReportProblem(1, UnknownFormat));
        var bad = text.IndexOf('\uFFFD');
        var line = bad < 0 ? 1 : text.AsSpan(0, bad).Count('\n') + 1;
        return Fail(report.Format, new ReportProblem(line, BadEncoding));
    }

    /// <summary>A wall-clock time as Zoom and Teams write it (US month/day order, or ISO), Kind Unspecified.</summary>
    public static bool TryParseLocalTime(string? text, out DateTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (TryParseUsTime(text, out value)) return true;
        var normalized = Spaces().Replace(text.Replace('\u202F', ' ').Replace('\u00A0', ' '), " ").Trim();
        if (!DateTime.TryParseExact(normalized, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed)) return false;
        value = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>A Teams duration such as "1h 27m 51s", "45m 3s" or "12s".</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || (!match.Groups[1].Success && !match.Groups[2].Success && !match.Groups[3].Success)) return false;
        static long Part(Group g) => g.Success ? long.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        var seconds = Part(match.Groups[1]) * 3600 + Part(match.Groups[2]) * 60 + Part(match.Groups[3]);
        if (seconds > TimeSpan.FromDays(7).TotalSeconds) return false;
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>
    /// The shapes Zoom writes, "M/d/yyyy h:mm:ss tt" (AM/PM) and "M/d/yyyy H:mm:ss", without the general parser: true only
    /// when the text has exactly that shape and a valid time, which is then the value the first fitting format of
    /// <see cref="TimeFormats"/> gives (1–12 with AM/PM, 0–23 without); anything else is left to that parser.
    /// </summary>
    private static bool TryParseUsTime(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        var i = 0;
        if (!Number(s, ref i, 1, 2, out var month) || !Next(s, ref i, '/') || !Number(s, ref i, 1, 2, out var day) || !Next(s, ref i, '/')
            || !Number(s, ref i, 4, 4, out var year) || !Next(s, ref i, ' ') || !Number(s, ref i, 1, 2, out var hour) || !Next(s, ref i, ':')
            || !Number(s, ref i, 2, 2, out var minute) || !Next(s, ref i, ':') || !Number(s, ref i, 2, 2, out var second))
            return false;
        if (i < s.Length)
        {
            if (s.Length != i + 3 || s[i] != ' ' || s[i + 2] != 'M' || s[i + 1] is not ('A' or 'P') || hour is < 1 or > 12) return false;
            hour = hour % 12 + (s[i + 1] == 'P' ? 12 : 0);
        }
        else if (hour > 23) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || minute > 59 || second > 59) return false;
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;

        static bool Next(ReadOnlySpan<char> s, ref int i, char c)
        {
            if (i >= s.Length || s[i] != c) return false;
            i++;
            return true;
        }

        static bool Number(ReadOnlySpan<char> s, ref int i, int min, int max, out int number)
        {
            number = 0;
            var start = i;
            while (i < s.Length && i - start < max && char.IsAsciiDigit(s[i])) number = number * 10 + (s[i++] - '0');
            return i - start >= min;
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Where the text starts when the bytes are to be read as UTF-8 (after its BOM, if any); null for UTF-16.</summary>
    private static int? Utf8Offset(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) return null;
        if (LooksUtf16LeWithoutBom(bytes)) return null;
        return bytes.StartsWith(Utf8Bom) ? 3 : 0;
    }

    private static (string Text, bool Strict) Decode(ReadOnlySpan<byte> bytes)
    {
        Encoding strict, lenient;
        var offset = 0;
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            (strict, lenient, offset) = (new UnicodeEncoding(false, false, true), new UnicodeEncoding(false, false, false), 2);
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            (strict, lenient, offset) = (new UnicodeEncoding(true, false, true), new UnicodeEncoding(true, false, false), 2);
        }
        else if (LooksUtf16LeWithoutBom(bytes))
        {
            (strict, lenient) = (new UnicodeEncoding(false, false, true), new UnicodeEncoding(false, false, false));
        }
        else
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) offset = 3;
            (strict, lenient) = (new UTF8Encoding(false, true), new UTF8Encoding(false, false));
        }
        try
        {
            return (strict.GetString(bytes[offset..]), true);
        }
        catch (DecoderFallbackException)
        {
            return (lenient.GetString(bytes[offset..]), false);
        }
    }

    private static bool LooksUtf16LeWithoutBom(ReadOnlySpan<byte> bytes)
    {
        var n = Math.Min(bytes.Length, 200) & ~1;
        if (n < 8) return false;
        for (var i = 0; i < n; i += 2)
            if (bytes[i] == 0 || bytes[i + 1] != 0) return false;
        return true;
    }

    private static AttendanceReport Read(bool hasTabs, Func<CsvReaderOptions, CsvReader> open)
    {
        char[] separators = hasTabs ? ['\t', ','] : [','];
        foreach (var separator in separators)
        {
            List<Record> records;
            try
            {
                records = ReadRecords(open, separator);
            }
            catch (Exception e) when (e is CsvFormatException or FormatException or InvalidOperationException)
            {
                continue;
            }
            var report = TryTeams(records) ?? TryWebinar(records) ?? TryZoomParticipants(records);
            if (report is not null) return report;
        }
        return Fail(ReportFormat.Unknown, new ReportProblem(1, UnknownFormat));
    }

    private static AttendanceReport Fail(ReportFormat format, ReportProblem problem) => new(format, [], [problem]);

    private static List<Record> ReadRecords(Func<CsvReaderOptions, CsvReader> open, char separator)
    {
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            TrackLineNumbers = true,
            Mode = separator == '\t' ? CsvMode.NoEscape : CsvMode.Rfc4180,
        };
        var records = new List<Record>();
        using var reader = open(options);
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i).Trim();
            records.Add(new Record((int)reader.LineNumber, cells));
        }
        return records;
    }

    // ---- Zoom meeting participants ----

    private static readonly string[] ZoomNameColumns = ["name (original name)", "name", "user name (original name)", "user name", "participant"];
    private static readonly string[] ZoomHints = ["user email", "email", "join time", "leave time", "duration (minutes)", "guest"];

    private static AttendanceReport? TryZoomParticipants(List<Record> records)
    {
        var h = records.FindIndex(r =>
            r.Cells.Any(c => ZoomNameColumns.Contains(c.ToLowerInvariant()))
            && r.Cells.Any(c => ZoomHints.Contains(c.ToLowerInvariant()))
            && !r.Has("meeting id") && !r.Has("attended"));
        if (h < 0) return null;
        var header = records[h];
        var columns = new Columns(header);
        var name = columns.Require(ZoomNameColumns, "Name (Original Name)");
        var email = columns.Find("user email", "email");
        var join = columns.Require(["join time"], "Join Time");
        var leave = columns.Require(["leave time"], "Leave Time");
        if (columns.Problems.Count > 0) return new(ReportFormat.ZoomParticipants, [], columns.Problems);
        var reader = new RowReader();
        foreach (var record in records.Skip(h + 1))
            if (!record.IsBlank) reader.Add(record, name, email, join, leave, null);
        return reader.Report(ReportFormat.ZoomParticipants);
    }

    // ---- Zoom webinar attendee report ----

    private static AttendanceReport? TryWebinar(List<Record> records)
    {
        var title = records.FindIndex(r => r.IsTitle && r.Cell(0).Equals("Attendee Details", StringComparison.OrdinalIgnoreCase));
        if (title < 0)
        {
            var report = records.FindIndex(r => r.Cell(0).Equals("Attendee Report", StringComparison.OrdinalIgnoreCase));
            return report < 0 ? null : Fail(ReportFormat.ZoomWebinar, new ReportProblem(records[report].Line, MissingColumn, "Attendee Details"));
        }
        var h = records.FindIndex(title + 1, r => !r.IsBlank);
        if (h < 0) return Fail(ReportFormat.ZoomWebinar, new ReportProblem(records[title].Line, MissingColumn, "Attended"));
        var columns = new Columns(records[h]);
        var attended = columns.Require(["attended"], "Attended");
        var name = columns.Require(["user name (original name)", "user name", "name (original name)", "name"], "User Name (Original Name)");
        var email = columns.Find("email", "user email");
        var join = columns.Require(["join time"], "Join Time");
        var leave = columns.Require(["leave time"], "Leave Time");
        if (columns.Problems.Count > 0) return new(ReportFormat.ZoomWebinar, [], columns.Problems);
        var reader = new RowReader();
        foreach (var record in records.Skip(h + 1))
        {
            if (record.IsBlank) continue;
            if (record.IsTitle) break;
            if (!record.Cell(attended).Equals("Yes", StringComparison.OrdinalIgnoreCase)) continue;
            reader.Add(record, name, email, join, leave, null);
        }
        return reader.Report(ReportFormat.ZoomWebinar);
    }

    // ---- Microsoft Teams ----

    private static AttendanceReport? TryTeams(List<Record> records)
    {
        var titles = new List<(int Index, string Name)>();
        for (var i = 0; i < records.Count; i++)
        {
            var match = records[i].IsTitle ? TeamsSection().Match(records[i].Cell(0)) : Match.Empty;
            if (match.Success) titles.Add((i, match.Groups[1].Value.Trim().ToLowerInvariant()));
        }
        var activities = titles.FindIndex(t => t.Name.StartsWith("in-meeting activit", StringComparison.Ordinal));
        var participants = titles.FindIndex(t => t.Name == "participants");
        if (activities >= 0 && HasData(records, titles, activities))
            return TeamsSectionRows(records, titles, activities, ["join time"], "Join Time", ["leave time"], "Leave Time", ["duration"]);
        if (participants >= 0)
            return TeamsSectionRows(records, titles, participants, ["first join", "first join time"], "First Join", ["last leave", "last leave time"], "Last Leave", ["in-meeting duration", "duration"]);
        if (activities >= 0)
            return TeamsSectionRows(records, titles, activities, ["join time"], "Join Time", ["leave time"], "Leave Time", ["duration"]);
        return TryTeamsLegacy(records);
    }

    private static (int Header, int End) SectionBounds(List<Record> records, List<(int Index, string Name)> titles, int section)
    {
        var end = section + 1 < titles.Count ? titles[section + 1].Index : records.Count;
        var header = records.FindIndex(titles[section].Index + 1, r => !r.IsBlank);
        return (header < 0 || header >= end ? -1 : header, end);
    }

    private static bool HasData(List<Record> records, List<(int Index, string Name)> titles, int section)
    {
        var (header, end) = SectionBounds(records, titles, section);
        return header >= 0 && records.Skip(header + 1).Take(end - header - 1).Any(r => !r.IsBlank);
    }

    private static AttendanceReport TeamsSectionRows(List<Record> records, List<(int Index, string Name)> titles, int section,
        string[] joinNames, string joinLabel, string[] leaveNames, string leaveLabel, string[] durationNames)
    {
        var (h, end) = SectionBounds(records, titles, section);
        if (h < 0) return Fail(ReportFormat.Teams, new ReportProblem(records[titles[section].Index].Line, MissingColumn, "Name"));
        var columns = new Columns(records[h]);
        var name = columns.Require(["name", "full name"], "Name");
        var join = columns.Require(joinNames, joinLabel);
        var leave = columns.Find(leaveNames);
        var duration = columns.Find(durationNames);
        if (leave < 0 && duration < 0) columns.Require(leaveNames, leaveLabel);
        var email = columns.Find("email");
        var upn = columns.Find("participant id (upn)", "upn");
        if (columns.Problems.Count > 0) return new(ReportFormat.Teams, [], columns.Problems);
        var reader = new RowReader();
        for (var i = h + 1; i < end; i++)
        {
            var record = records[i];
            if (record.IsBlank) continue;
            var emailColumn = email >= 0 && record.Cell(email).Length > 0 ? email : upn >= 0 && record.Cell(upn).Contains('@') ? upn : email;
            reader.Add(record, name, emailColumn, join, leave, duration);
        }
        return reader.Report(ReportFormat.Teams);
    }

    private static AttendanceReport? TryTeamsLegacy(List<Record> records)
    {
        var h = records.FindIndex(r => r.Has("full name") && r.Has("user action"));
        if (h < 0) return null;
        var columns = new Columns(records[h]);
        var name = columns.Require(["full name"], "Full Name");
        var action = columns.Require(["user action"], "User Action");
        var time = columns.Require(["timestamp"], "Timestamp");
        var email = columns.Find("email", "user email");
        if (columns.Problems.Count > 0) return new(ReportFormat.Teams, [], columns.Problems);
        var problems = new List<ReportProblem>();
        var events = new List<(Record Record, bool Joined, DateTime At)>();
        foreach (var record in records.Skip(h + 1))
        {
            if (record.IsBlank) continue;
            if (record.Cell(name).Length == 0) { problems.Add(new ReportProblem(record.Line, MissingValue, "Full Name")); continue; }
            if (!TryParseLocalTime(record.Cell(time), out var at)) { problems.Add(new ReportProblem(record.Line, BadTime, record.Cell(time))); continue; }
            var verb = record.Cell(action).ToLowerInvariant();
            if (verb.StartsWith("joined", StringComparison.Ordinal)) events.Add((record, true, at));
            else if (verb.StartsWith("left", StringComparison.Ordinal)) events.Add((record, false, at));
        }
        if (problems.Count > 0) return new(ReportFormat.Teams, [], problems);
        var last = events.Count == 0 ? default : events.Max(e => e.At);
        var open = new Dictionary<string, (Record Record, DateTime At)>(StringComparer.Ordinal);
        var rows = new List<ReportRow>();
        void Close(string key, DateTime leave)
        {
            var (record, at) = open[key];
            open.Remove(key);
            var mail = email >= 0 && record.Cell(email).Length > 0 ? record.Cell(email) : null;
            if (leave < at) problems.Add(new ReportProblem(record.Line, LeaveBeforeJoin));
            else rows.Add(new ReportRow(record.Line, record.Cell(name), mail, at, leave));
        }
        foreach (var (record, joined, at) in events)
        {
            var key = AttendanceImport.NormalizeName(record.Cell(name));
            if (joined) { if (!open.ContainsKey(key)) open[key] = (record, at); }
            else if (open.ContainsKey(key)) Close(key, at);
        }
        foreach (var key in open.Keys.ToList()) Close(key, last);
        return new(ReportFormat.Teams, problems.Count > 0 ? [] : [.. rows.OrderBy(r => r.Line)], problems);
    }

    // ---- shared ----

    private sealed record Record(int Line, string[] Cells)
    {
        public string Cell(int index) => index >= 0 && index < Cells.Length ? Cells[index] : "";
        public bool IsBlank => EmptyFrom(0);
        /// <summary>A section title: only the first cell has text.</summary>
        public bool IsTitle => Cells.Length > 0 && Cells[0].Length > 0 && EmptyFrom(1);

        private bool EmptyFrom(int first)
        {
            for (var i = first; i < Cells.Length; i++)
                if (Cells[i].Length > 0) return false;
            return true;
        }

        public bool Has(string column)
        {
            foreach (var cell in Cells)
                if (cell.Equals(column, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }

    private sealed class Columns(Record header)
    {
        public List<ReportProblem> Problems { get; } = [];

        public int Find(params string[] names)
        {
            foreach (var name in names)
                for (var i = 0; i < header.Cells.Length; i++)
                    if (header.Cells[i].Equals(name, StringComparison.OrdinalIgnoreCase)) return i;
            return -1;
        }

        public int Require(string[] names, string label)
        {
            var index = Find(names);
            if (index < 0) Problems.Add(new ReportProblem(header.Line, MissingColumn, label));
            return index;
        }
    }

    private sealed class RowReader
    {
        private readonly List<ReportRow> _rows = [];
        private readonly List<ReportProblem> _problems = [];

        public void Add(Record record, int name, int email, int join, int leave, int? duration)
        {
            var person = record.Cell(name);
            if (person.Length == 0) { _problems.Add(new ReportProblem(record.Line, MissingValue, "Name")); return; }
            if (!TryParseLocalTime(record.Cell(join), out var joined)) { _problems.Add(new ReportProblem(record.Line, BadTime, record.Cell(join))); return; }
            DateTime left;
            var leaveText = leave >= 0 ? record.Cell(leave) : "";
            if (leaveText.Length == 0 && duration is >= 0)
            {
                if (!TryParseDuration(record.Cell(duration.Value), out var length)) { _problems.Add(new ReportProblem(record.Line, BadDuration, record.Cell(duration.Value))); return; }
                left = joined + length;
            }
            else if (!TryParseLocalTime(leaveText, out left)) { _problems.Add(new ReportProblem(record.Line, BadTime, leaveText)); return; }
            if (left < joined) { _problems.Add(new ReportProblem(record.Line, LeaveBeforeJoin)); return; }
            var mail = record.Cell(email);
            _rows.Add(new ReportRow(record.Line, person, mail.Length == 0 || mail == "--" ? null : mail, joined, left));
        }

        public AttendanceReport Report(ReportFormat format) => new(format, _problems.Count > 0 ? [] : _rows, _problems);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:(\d{1,4})\s*h)?\s*(?:(\d{1,5})\s*m(?:in)?)?\s*(?:(\d{1,6})\s*s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^\d+\.\s*(.+)$")]
    private static partial Regex TeamsSection();
}
