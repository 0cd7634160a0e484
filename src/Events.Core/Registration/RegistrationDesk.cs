using System.Globalization;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Registration;

public sealed record RegistrationFilter(RegistrationStatus? Status = null, string? Search = null, bool? CheckedIn = null);

public sealed record SessionCounts(int Confirmed, int Waitlisted, int Pending, int CheckedIn, int? Capacity);

/// <summary>The organizer's side of a session: lists, counts, check-in by code or name, exports.</summary>
public sealed class RegistrationDesk(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<Registration>> ListAsync(Actor actor, int sessionId, RegistrationFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await EnsureAsync(db, actor, sessionId, ct);
        var query = Filter(db, session, Training.Enrolments.AtSession(db.Registrations.AsNoTracking(), session, session.Event!), filter);
        return new Page<Registration>(await query.OrderBy(r => r.Id).Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
    }

    public async Task<SessionCounts> CountsAsync(Actor actor, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await EnsureAsync(db, actor, sessionId, ct);
        var enrolled = Training.Enrolments.AtSession(db.Registrations, session, session.Event!);
        var counts = await enrolled.GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(RegistrationStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        var checkedIn = await Filter(db, session, enrolled, new RegistrationFilter(CheckedIn: true)).CountAsync(ct);
        return new SessionCounts(Of(RegistrationStatus.Confirmed), Of(RegistrationStatus.Waitlisted), Of(RegistrationStatus.Pending), checkedIn, session.Capacity);
    }

    /// <summary>The registration whose QR code was scanned (or code typed) at this session's door.</summary>
    public async Task<Registration> CheckInByCodeAsync(Actor actor, int sessionId, string? code, CancellationToken ct = default)
    {
        var normalized = (code ?? "").Trim().ToUpperInvariant();
        // A scanned QR code holds a URL ending with the code.
        if (normalized.Contains('/')) normalized = normalized[(normalized.LastIndexOf('/') + 1)..];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await EnsureAsync(db, actor, sessionId, ct);
        var r = await Training.Enrolments.AtSession(db.Registrations, session, session.Event!).FirstOrDefaultAsync(x => x.CheckInCode == normalized, ct)
                ?? throw ValidationFailedException.For("code", "Validation_UnknownCheckInCode");
        return await CheckInAsync(db, session, r, ct);
    }

    public async Task<Registration> CheckInAsync(Actor actor, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Registrations.FirstOrDefaultAsync(x => x.Id == registrationId, ct) ?? throw new NotFoundException("registration");
        var session = await EnsureAsync(db, actor, r.SessionId, ct);
        if (EventKindRules.EnrolsInWholeEvent(session.Event!.Kind))
        {
            // A program: the session whose door is open now.
            var now = clock.GetUtcNow().UtcDateTime;
            session = await db.Sessions.AsNoTracking().Include(s => s.Event)
                          .Where(s => s.EventId == r.EventId && s.Status == SessionStatus.Scheduled && s.StartUtc.AddMinutes(-60) <= now && s.EndUtc >= now)
                          .OrderBy(s => s.StartUtc).FirstOrDefaultAsync(ct)
                      ?? throw new RuleViolationException("Rule_CheckInWindow");
        }
        return await CheckInAsync(db, session, r, ct);
    }

    private async Task<Registration> CheckInAsync(EventsDbContext db, Session session, Registration r, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (r.Status != RegistrationStatus.Confirmed) throw new RuleViolationException("Rule_NotConfirmed");
        if (now < session.StartUtc.AddMinutes(-60) || now > session.EndUtc) throw new RuleViolationException("Rule_CheckInWindow");
        r.CheckedInUtc ??= now;
        // A program keeps its door check-ins as attendance of the session (a meeting's check-in is the registration's own).
        if (EventKindRules.EnrolsInWholeEvent(session.Event!.Kind))
            await Training.AttendanceLedger.ArriveAsync(db, session.Event!, session, r.Id, Training.AttendanceSource.Desk, null, now, ct);
        await db.SaveChangesAsync(ct);
        return r;
    }

    /// <summary>Rows for CSV/XLSX: every text cell neutralized against spreadsheet formulas.</summary>
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(Actor actor, int sessionId, string language, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await EnsureAsync(db, actor, sessionId, ct);
        var rows = await Training.Enrolments.AtSession(db.Registrations.AsNoTracking(), session, session.Event!).OrderBy(r => r.Id).ToListAsync(ct);
        var questions = session.Event!.Questions;
        string H(string key) => Localization.Texts.Get(key, language);
        return rows.Select(r =>
        {
            var row = Row(r);
            // One column per question of the event, headed by its wording (numbered, so that equal wordings stay apart).
            foreach (var (q, i) in questions.Select((q, i) => (q, i)))
                row[$"{i + 1}. {SpreadsheetText.Safe(q.LocalizedPrompt(language))}"] = SpreadsheetText.Safe(Answer(q, r, language));
            return row;
        }).ToList();

        Dictionary<string, object?> Row(Registration r) => new()
        {
            ["Id"] = r.Id,
            [H("Register_FullName")] = SpreadsheetText.Safe(r.FullName),
            [H("Account_Email")] = SpreadsheetText.Safe(r.Email),
            [H("Outbox_Status")] = Localization.Texts.Get($"RegistrationStatus_{r.Status}", language),
            [H("Register_Country")] = r.CountryCode,
            [H("Register_City")] = SpreadsheetText.Safe(r.City),
            [H("Register_HomeRegion")] = r.HomeRegion is { } h ? Localization.Texts.Get($"HomeRegion_{h}", language) : null,
            [H("Register_Gender")] = r.Gender is { } g ? Localization.Texts.Get($"Gender_{g}", language) : null,
            [H("Register_BirthYear")] = r.BirthYear,
            [H("Language_Label")] = r.Language,
            [H("Desk_Registered")] = r.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC",
            [H("Desk_CheckedIn")] = r.CheckedInUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An answer as people read it: yes/no and translated options in their language, other answers as given.</summary>
    public static string? Answer(RegistrationQuestion q, Registration r, string language) =>
        r.Answers.TryGetValue(q.Id, out var a)
            ? q.Kind == QuestionKind.YesNo ? Localization.Texts.Get(a == RegistrationQuestion.Yes ? "Common_Yes" : "Common_No", language) : q.Display(a, language)
            : null;

    private static IQueryable<Registration> Filter(EventsDbContext db, Session session, IQueryable<Registration> query, RegistrationFilter filter)
    {
        if (filter.Status is { } s) query = query.Where(r => r.Status == s);
        if (filter.CheckedIn is { } c)
        {
            // In a program, "checked in" is about this session: present or late at it.
            var sessionId = session.Id;
            query = EventKindRules.EnrolsInWholeEvent(session.Event!.Kind)
                ? query.Where(r => db.Attendance.Any(a => a.SessionId == sessionId && a.RegistrationId == r.Id
                                                          && (a.Status == Training.AttendanceStatus.Present || a.Status == Training.AttendanceStatus.Late)) == c)
                : query.Where(r => (r.CheckedInUtc != null) == c);
        }
        if (SearchText.Term(filter.Search) is { } term)
            query = query.Where(r => r.NormalizedEmail.Contains(term) || r.FullName.ToLower().Contains(term) || r.FullName.Contains(filter.Search!.Trim()));
        return query;
    }

    private static async Task<Session> EnsureAsync(EventsDbContext db, Actor actor, int sessionId, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Event).FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                      ?? throw new NotFoundException("session");
        await ManagementRights.EnsureAsync(db, actor, session.Event!.OrganizationId, ct);
        return session;
    }
}

public static class SpreadsheetText
{
    /// <summary>A cell that starts like a formula (= + - @, tab, CR) is prefixed with ' so spreadsheets show it as text.</summary>
    public static string? Safe(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
}
