using Events.Core.Scheduling;

namespace Events.Core.Training;

/// <summary>One participant's standing in a program.</summary>
public sealed record CompletionRow(int RegistrationId, string FullName, string Email, string Language, int AttendedSessions, int TotalSessions,
    int ExcusedSessions, int SessionsLeft, double Percent, bool Completed, bool AtRisk, string? CertificateCode);

/// <summary>
/// The completion rule: Present and Late count as attended; an Excused session leaves the denominator; a participant has
/// completed when attended ≥ the rule's percent of the program's (not cancelled) sessions. At risk: not completed, with
/// sessions still ahead, and attending less than the rule's share of the sessions held so far.
/// </summary>
public static class CompletionRule
{
    /// <summary>
    /// The sessions that count for one person: a program's sessions, except those that ended before the person enrolled
    /// (unless they were marked there anyway); for a meeting kind, only the person's own session (a time-zone option).
    /// </summary>
    public static IReadOnlyList<Session> SessionsFor(IReadOnlyList<Session> eventSessions, EventKind kind, int ownSessionId, DateTime enrolledUtc,
        IReadOnlyDictionary<int, AttendanceStatus> marks) =>
        EventKindRules.EnrolsInWholeEvent(kind)
            ? eventSessions.Where(s => s.EndUtc > enrolledUtc || marks.ContainsKey(s.Id)).ToList()
            : eventSessions.Where(s => s.Id == ownSessionId).ToList();

    public static (int Attended, int Total, int Excused, int Left, double Percent, bool Completed, bool AtRisk) Evaluate(
        IReadOnlyList<Session> program, IReadOnlyDictionary<int, AttendanceStatus> marks, int completionPercent, DateTime nowUtc)
    {
        var sessions = program.Where(s => s.Status == SessionStatus.Scheduled).ToList();
        int attended = 0, excused = 0, heldCounted = 0, left = 0;
        foreach (var s in sessions)
        {
            var mark = marks.TryGetValue(s.Id, out var m) ? m : (AttendanceStatus?)null;
            if (mark is AttendanceStatus.Present or AttendanceStatus.Late) attended++;
            if (mark == AttendanceStatus.Excused) excused++;
            if (s.StartUtc > nowUtc) left++;
            else if (mark != AttendanceStatus.Excused) heldCounted++;
        }
        var total = sessions.Count - excused;
        var percent = total == 0 ? 0 : 100.0 * attended / total;
        // Compared in whole numbers: 4 of 5 is exactly 80 %, whatever floating point makes of it.
        var completed = total > 0 && attended * 100 >= completionPercent * total;
        var atRisk = !completed && left > 0 && heldCounted > 0 && attended * 100 < completionPercent * heldCounted;
        return (attended, total, excused, left, percent, completed, atRisk);
    }
}
