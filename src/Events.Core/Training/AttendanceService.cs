using System.Security.Cryptography;
using System.Text;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Training;

public sealed record RosterRow(int RegistrationId, string FullName, string Email, AttendanceStatus? Status, string? Remark, int? MinutesAttended,
    AttendanceSource? Source, DateTime? UpdatedUtc);

/// <summary>A session's people and their marks; <see cref="CanMark"/> once the session has started (and it is not cancelled).</summary>
public sealed record Roster(Session Session, Event Event, IReadOnlyList<RosterRow> Rows, bool CanMark);

/// <summary>What an import changes for one person (shown in the preview before anything is stored).</summary>
public sealed record ImportChange(int RegistrationId, string FullName, AttendanceStatus? OldStatus, AttendanceStatus NewStatus, int? OldMinutes, int NewMinutes);

public sealed record ImportResult(ImportOutcome Outcome, IReadOnlyList<ImportChange> Changes, bool Applied);

/// <summary>The code on the trainer's screen: it changes every <see cref="AttendanceService.CodeStepSeconds"/> seconds.</summary>
public sealed record CheckInScreen(string Code, DateTime NextChangeUtc, bool Open, DateTime OpensUtc, DateTime ClosesUtc);

/// <summary>
/// Attendance per session of a program (and of any session with registrations): the trainer's roster, marks with history,
/// imports of Zoom and Teams reports, and self check-in by the rotating code on the trainer's screen.
/// </summary>
public sealed class AttendanceService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxReportBytes = 20 * 1024 * 1024;
    public const int CodeStepSeconds = 30;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Roster> RosterAsync(Actor actor, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (session, e) = await TrainingAccess.EnsureSessionAsync(db, actor, sessionId, ct);
        var people = await Enrolled(db, session, e).OrderBy(r => r.FullName).Select(r => new { r.Id, r.FullName, r.Email }).ToListAsync(ct);
        var marks = await db.Attendance.AsNoTracking().Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.RegistrationId, ct);
        var rows = people.Select(p =>
        {
            var m = marks.GetValueOrDefault(p.Id);
            return new RosterRow(p.Id, p.FullName, p.Email, m?.Status, m?.Remark, m?.MinutesAttended, m?.Source, m?.UpdatedUtc);
        }).ToList();
        return new Roster(session, e, rows, CanMark(session));
    }

    /// <summary>Sets one person's mark; refused before the session starts and for people not enrolled in it.</summary>
    public async Task<AttendanceRecord> MarkAsync(Actor actor, int sessionId, int registrationId, AttendanceStatus? status, string? remark,
        CancellationToken ct = default)
    {
        if (status is not { } s || !Enum.IsDefined(s)) throw ValidationFailedException.For("status", "Validation_UnknownValue");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (session, e) = await TrainingAccess.EnsureSessionAsync(db, actor, sessionId, ct);
        EnsureCanMark(session);
        if (!await Enrolled(db, session, e).AnyAsync(r => r.Id == registrationId, ct)) throw new NotFoundException("registration");
        var existing = await db.Attendance.FirstOrDefaultAsync(a => a.SessionId == sessionId && a.RegistrationId == registrationId, ct);
        // A hand mark keeps the minutes an import found (they are still what the report said).
        var (record, _) = AttendanceLedger.Mark(db, existing, e.Id, sessionId, registrationId, s, remark, existing?.MinutesAttended,
            AttendanceSource.Roster, actor.UserId, Now);
        await SaveAsync(db, ct);
        return record;
    }

    /// <summary>"Mark all present": everyone enrolled who has no mark yet at this session; existing marks stay.</summary>
    public async Task<int> MarkAllPresentAsync(Actor actor, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (session, e) = await TrainingAccess.EnsureSessionAsync(db, actor, sessionId, ct);
        EnsureCanMark(session);
        var marked = db.Attendance.Where(a => a.SessionId == sessionId).Select(a => a.RegistrationId);
        var ids = await Enrolled(db, session, e).Where(r => !marked.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
        foreach (var id in ids)
            AttendanceLedger.Mark(db, null, e.Id, sessionId, id, AttendanceStatus.Present, null, null, AttendanceSource.Roster, actor.UserId, Now);
        await SaveAsync(db, ct);
        return ids.Count;
    }

    public async Task<IReadOnlyList<AttendanceChange>> HistoryAsync(Actor actor, int sessionId, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureSessionAsync(db, actor, sessionId, ct);
        return await db.AttendanceChanges.AsNoTracking().Where(c => c.SessionId == sessionId && c.RegistrationId == registrationId)
            .OrderBy(c => c.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Reads a Zoom or Teams report and works out each enrolled person's minutes and status at this session. With
    /// <paramref name="apply"/> false nothing is stored (the preview); applied, only what differs is written, so applying the
    /// same report twice changes nothing. A report with any problem applies nothing. An Excused mark is not turned into Absent.
    /// </summary>
    public async Task<ImportResult> ImportAsync(Actor actor, int sessionId, Stream report, string? timeZone, bool apply, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (session, e) = await TrainingAccess.EnsureSessionAsync(db, actor, sessionId, ct);
        EnsureCanMark(session);
        var zone = string.IsNullOrWhiteSpace(timeZone) ? session.TimeZone : timeZone.Trim();
        if (!TimeZones.IsValidIana(zone)) throw ValidationFailedException.For("timeZone", "Validation_UnknownTimeZone");
        var parsed = AttendanceReports.Parse(await ReadLimitedAsync(report, ct));
        var people = await Enrolled(db, session, e).Select(r => new { r.Id, r.FullName, r.Email }).ToListAsync(ct);
        var window = new AttendanceWindow(session.StartUtc, session.EndUtc, zone, e.Training.PresentThresholdPercent / 100.0);
        var outcome = AttendanceImport.Evaluate(parsed, window, people.Select(p => new SessionRegistration(p.Id, p.FullName, p.Email)).ToList());
        if (!outcome.CanApply) return new ImportResult(outcome, [], false);

        var records = await db.Attendance.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.RegistrationId, ct);
        var names = people.ToDictionary(p => p.Id, p => p.FullName);
        var changes = new List<ImportChange>();
        foreach (var a in outcome.Attendance)
        {
            var record = records.GetValueOrDefault(a.RegistrationId);
            var status = a.Status;
            // A report only sees the call: it never lowers a mark made otherwise (in the room at a hybrid session, resolved by
            // hand after an unmatched row, excused) — applying the same report again then changes nothing either.
            if (record is not null && record.Source != AttendanceSource.Import && Rank(status) <= Rank(record.Status)) continue;
            if (record is not null && record.Status == status && record.MinutesAttended == a.Minutes) continue;
            changes.Add(new ImportChange(a.RegistrationId, names[a.RegistrationId], record?.Status, status, record?.MinutesAttended, a.Minutes));
            if (apply)
                AttendanceLedger.Mark(db, record, e.Id, sessionId, a.RegistrationId, status, record?.Remark, a.Minutes, AttendanceSource.Import, actor.UserId, Now);
        }
        if (apply) await SaveAsync(db, ct);
        return new ImportResult(outcome, changes, apply);
    }

    private static int Rank(AttendanceStatus s) => s switch
    {
        AttendanceStatus.Present => 3,
        AttendanceStatus.Late => 2,
        AttendanceStatus.Excused => 1,
        _ => 0,
    };

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxReportBytes) throw ValidationFailedException.For("file", "Validation_FileTooLarge", MaxReportBytes / (1024 * 1024));
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The holder's own marks in their program (manage page): status by session id.</summary>
    public async Task<IReadOnlyDictionary<int, AttendanceStatus>> MarksOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Attendance.AsNoTracking().Where(a => a.RegistrationId == registrationId).ToDictionaryAsync(a => a.SessionId, a => a.Status, ct);
    }

    /// <summary>Whether a session's self check-in is open now.</summary>
    public bool IsCheckInOpen(Session session, Event e)
    {
        var (opens, closes) = CheckInWindow(session, e);
        return session.Status == SessionStatus.Scheduled && session.Mode != SessionMode.Online && Now >= opens && Now <= closes;
    }

    // ── self check-in ───────────────────────────────────────────────────────────────────────

    /// <summary>The code to show on the trainer's screen now (its key is created on first use).</summary>
    public async Task<CheckInScreen> CheckInScreenAsync(Actor actor, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (session, e) = await TrainingAccess.EnsureSessionAsync(db, actor, sessionId, ct);
        if (session.CheckInSecret is null)
        {
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            // Only one key per session, even when two screens open it at once.
            await db.Sessions.Where(s => s.Id == sessionId && s.CheckInSecret == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.CheckInSecret, secret), ct);
            session.CheckInSecret = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).FirstAsync(ct);
        }
        var step = Step(Now);
        var (opens, closes) = CheckInWindow(session, e);
        return new CheckInScreen(Code(session.CheckInSecret!, sessionId, step), Epoch.AddSeconds((step + 1) * CodeStepSeconds),
            session.Status == SessionStatus.Scheduled && Now >= opens && Now <= closes, opens, closes);
    }

    /// <summary>
    /// A participant scanned (or typed) the code on the trainer's screen: identified by their manage link, or by their
    /// signed-in account's confirmed email. Present, or Late after the program's grace minutes; scanning again changes nothing.
    /// </summary>
    public async Task<AttendanceRecord> SelfCheckInAsync(int sessionId, string? code, string? manageToken, string? userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().Include(s => s.Event).FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                      ?? throw new NotFoundException("session");
        var e = session.Event!;
        if (session.Status == SessionStatus.Cancelled) throw new RuleViolationException("Rule_SessionCancelled");
        // There is a screen to read the code from only where there is a room.
        if (session.Mode == SessionMode.Online) throw new RuleViolationException("Rule_CheckInOffline");
        var (opens, closes) = CheckInWindow(session, e);
        if (Now < opens || Now > closes) throw new RuleViolationException("Rule_CheckInWindow");
        var typed = Normalize(code);
        var step = Step(Now);
        var valid = session.CheckInSecret is { } secret && typed.Length > 0
                    && (Same(typed, Code(secret, sessionId, step)) || Same(typed, Code(secret, sessionId, step - 1)));
        if (!valid) throw ValidationFailedException.For("code", "Validation_CheckInCodeExpired");

        var enrolled = Enrolled(db, session, e);
        Registration.Registration? r = null;
        if (ManageTokens.LooksValid(manageToken))
        {
            var hash = ManageTokens.Hash(manageToken!);
            r = await enrolled.FirstOrDefaultAsync(x => x.ManageTokenHash == hash, ct);
        }
        else if (userId is not null)
        {
            var email = await db.Users.Where(u => u.Id == userId && u.EmailConfirmed).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
            if (email is not null)
            {
                var normalized = email.ToLowerInvariant();
                r = await enrolled.FirstOrDefaultAsync(x => x.NormalizedEmail == normalized, ct);
            }
        }
        if (r is null) throw new ForbiddenException("not enrolled in session " + sessionId);
        var record = await AttendanceLedger.ArriveAsync(db, e, session, r.Id, AttendanceSource.SelfCheckIn, null, Now, ct);
        await SaveAsync(db, ct);
        return record;
    }

    /// <summary>The code of a time step: 8 characters of an HMAC of the session and the step under the session's own key.</summary>
    internal static string Code(string secret, int sessionId, long step)
    {
        var mac = HMACSHA256.HashData(Convert.FromBase64String(secret), Encoding.ASCII.GetBytes($"{sessionId}:{step}"));
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[mac[i] % alphabet.Length];
        return new string(chars);
    }

    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    private static long Step(DateTime utc) => (long)Math.Floor((utc - Epoch).TotalSeconds / CodeStepSeconds);

    private static string Normalize(string? code)
    {
        var text = (code ?? "").Trim();
        // A scanned QR code holds the check-in URL ending with "?code=…".
        var at = text.LastIndexOf("code=", StringComparison.OrdinalIgnoreCase);
        if (at >= 0) text = text[(at + 5)..];
        return new string(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    public static (DateTime Opens, DateTime Closes) CheckInWindow(Session session, Event e) =>
        (session.StartUtc.AddMinutes(-e.Training.CheckInMinutesBefore), session.EndUtc.AddMinutes(e.Training.CheckInMinutesAfter));

    // ── shared ──────────────────────────────────────────────────────────────────────────────

    /// <summary>
    /// Saves marks; two marks of one person at one session at the same moment (two scans, two "mark all" taps) meet the
    /// unique index: the second is told to reload rather than answered with a server error.
    /// </summary>
    private static async Task SaveAsync(EventsDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Seats.IsUniqueViolation(e))
        {
            throw new ConflictException("Conflict_ChangedMeanwhile");
        }
    }

    private bool CanMark(Session session) => session.Status == SessionStatus.Scheduled && Now >= session.StartUtc;

    private void EnsureCanMark(Session session)
    {
        if (session.Status == SessionStatus.Cancelled) throw new RuleViolationException("Rule_SessionCancelled");
        if (Now < session.StartUtc) throw new RuleViolationException("Rule_AttendanceBeforeStart");
    }

    /// <summary>People with a confirmed place at the session (the whole event's for a program).</summary>
    internal static IQueryable<Registration.Registration> Enrolled(EventsDbContext db, Session session, Event e) =>
        Enrolments.AtSession(db.Registrations, session, e).Where(r => r.Status == RegistrationStatus.Confirmed);
}
