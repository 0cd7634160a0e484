namespace Events.Core.Training;

/// <summary>The kind of attendance report a file was recognized as.</summary>
public enum ReportFormat
{
    /// <summary>Not a report this importer knows (or not text at all).</summary>
    Unknown,
    /// <summary>Zoom meeting "Participants" CSV, with or without the meeting summary block.</summary>
    ZoomParticipants,
    /// <summary>Zoom webinar "Attendee Report" CSV (only its Attendee Details section is read).</summary>
    ZoomWebinar,
    /// <summary>Microsoft Teams attendance report (UTF-16 TSV: sectioned or the older Full Name/User Action/Timestamp list).</summary>
    Teams,
}

/// <summary>One join–leave interval of one person, with wall-clock times exactly as written in the file (Kind Unspecified);
/// the caller converts them with the session's IANA zone.</summary>
public sealed record ReportRow(int Line, string Name, string? Email, DateTime JoinLocal, DateTime LeaveLocal);

/// <summary>A problem found on a line (1-based, counted in the decoded text) of the file, as a localization key and its arguments.</summary>
/// <remarks>Keys (texts are added to the resx files by the caller's branch):
/// <list type="bullet">
/// <item><c>Import_UnknownFormat</c> — the file is none of the known reports (line 1).</item>
/// <item><c>Import_BadEncoding</c> — the file looks like a report but is not valid UTF-8/UTF-16; the line of the first bad byte.</item>
/// <item><c>Import_MissingColumn</c> {0} = column name — the header line lacks a required column.</item>
/// <item><c>Import_MissingValue</c> {0} = column name — a data line has no value in a required column.</item>
/// <item><c>Import_BadTime</c> {0} = the text — a time that is not one of the accepted formats.</item>
/// <item><c>Import_BadDuration</c> {0} = the text — a Teams duration such as "1h 27m 51s" that does not parse.</item>
/// <item><c>Import_LeaveBeforeJoin</c> — the leave time is earlier than the join time.</item>
/// </list></remarks>
public sealed record ReportProblem(int Line, string Key, params object[] Args);

/// <summary>A parsed attendance report. When <see cref="Problems"/> is not empty the caller applies nothing.</summary>
public sealed record AttendanceReport(ReportFormat Format, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ReportProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
