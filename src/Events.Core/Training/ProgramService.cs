using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Training;

public sealed record TrainerView(string UserId, string FullName, string Email);

/// <summary>An event as the trainer's list shows it.</summary>
public sealed record TrainerEvent(int EventId, string Title, EventKind Kind, EventStatus Status, int Sessions, DateTime? FirstStartUtc, DateTime? LastEndUtc,
    int Enrolled, bool IsTrainer, string? TimeZone);

/// <summary>One session on the trainer's dashboard: held (not cancelled and ended), its mode, and the share of the enrolled marked present or late.</summary>
public sealed record SessionFigures(int SessionId, int Number, string? Label, DateTime StartUtc, DateTime EndUtc, string TimeZone, SessionMode Mode,
    SessionStatus Status, bool Held, int Enrolled, int Present, int Late, int Excused, int Absent, int Unmarked, double? AttendanceRate);

/// <param name="IsOrganizer">The reader organizes the event (trainers do not choose trainers or enter contests).</param>
public sealed record ProgramDashboard(Event Event, int HeldOnline, int HeldOffline, int Trainees, int Completed, IReadOnlyList<SessionFigures> Sessions,
    IReadOnlyList<CompletionRow> Participants, bool IsOrganizer)
{
    public IEnumerable<CompletionRow> AtRisk => Participants.Where(p => p.AtRisk);
}

/// <summary>A program's trainers, rules, completion and dashboard: what a trainer runs, limited to the events they train.</summary>
public sealed class ProgramService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ── trainers ────────────────────────────────────────────────────────────────────────────

    /// <summary>An organizer assigns a trainer to the event: from then on that user sees and manages this event's participants.</summary>
    public async Task<EventTrainer> AddTrainerAsync(Actor actor, int eventId, string? userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        if (string.IsNullOrWhiteSpace(userId) || !await db.Users.AnyAsync(u => u.Id == userId, ct))
            throw ValidationFailedException.For("userId", "Validation_UnknownUser");
        if (await db.EventTrainers.AnyAsync(t => t.EventId == eventId && t.UserId == userId, ct)) throw new ConflictException("Conflict_AlreadyTrainer");
        var trainer = new EventTrainer { EventId = eventId, UserId = userId, AddedUtc = Now, AddedBy = actor.UserId };
        db.EventTrainers.Add(trainer);
        // The back office lets in staff only: someone assigned as a trainer gets the Trainer role if they hold no staff role yet.
        var staff = People.Roles.Staff.Split(',');
        if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(role => role.Id == ur.RoleId && staff.Contains(role.Name!)), ct)
            && await db.Roles.Where(role => role.Name == People.Roles.Trainer).Select(role => role.Id).FirstOrDefaultAsync(ct) is { } trainerRole)
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = userId, RoleId = trainerRole });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Registration.Seats.IsUniqueViolation(e))
        {
            throw new ConflictException("Conflict_AlreadyTrainer");
        }
        return trainer;
    }

    /// <summary>The same by the trainer's account email (the page's way); an unknown email is a field error, never a new account.</summary>
    public async Task<EventTrainer> AddTrainerByEmailAsync(Actor actor, int eventId, string? email, CancellationToken ct = default)
    {
        if (!EmailAddress.IsValid(email)) throw ValidationFailedException.For("email", "Validation_Email");
        string? userId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await TrainingAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
            var normalized = email!.Trim().ToUpperInvariant();
            userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        }
        if (userId is null) throw ValidationFailedException.For("email", "Validation_UnknownUser");
        return await AddTrainerAsync(actor, eventId, userId, ct);
    }

    public async Task RemoveTrainerAsync(Actor actor, int eventId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        if (await db.EventTrainers.Where(t => t.EventId == eventId && t.UserId == userId).ExecuteDeleteAsync(ct) == 0) throw new NotFoundException("trainer");
    }

    public async Task<IReadOnlyList<TrainerView>> TrainersAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        return await db.EventTrainers.Where(t => t.EventId == eventId)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => u)
            .OrderBy(u => u.FullName).Select(u => new TrainerView(u.Id, u.FullName, u.Email!)).ToListAsync(ct);
    }

    /// <summary>The trainer's events: those they are assigned to, and the programs of the organizations they manage.</summary>
    public async Task<IReadOnlyList<TrainerEvent>> MyEventsAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var managed = Organizations.ManagementRights.ManagedOrganizationIds(db, actor);
        var events = await db.Events.AsNoTracking().Include(e => e.Sessions)
            .Where(e => db.EventTrainers.Any(t => t.EventId == e.Id && t.UserId == actor.UserId)
                        || (managed.Contains(e.OrganizationId) && EventKindRules.ProgramKinds.Contains(e.Kind)))
            .Where(e => e.Status != EventStatus.Cancelled)
            .ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var trained = await db.EventTrainers.Where(t => t.UserId == actor.UserId && ids.Contains(t.EventId)).Select(t => t.EventId).ToListAsync(ct);
        var enrolled = await db.Registrations.Where(r => ids.Contains(r.EventId) && r.Status == RegistrationStatus.Confirmed)
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return events.Select(e =>
            {
                var sessions = e.Sessions.Where(s => s.Status == SessionStatus.Scheduled).ToList();
                return new TrainerEvent(e.Id, e.LocalizedTitle(culture), e.Kind, e.Status, sessions.Count, sessions.MinBy(s => s.StartUtc)?.StartUtc,
                    sessions.MaxBy(s => s.EndUtc)?.EndUtc, enrolled.GetValueOrDefault(e.Id), trained.Contains(e.Id), sessions.MinBy(s => s.StartUtc)?.TimeZone);
            })
            // Running and coming programs first, then the finished ones, most recent first.
            .OrderBy(e => e.LastEndUtc is { } end && end < Now ? 1 : 0).ThenBy(e => e.LastEndUtc is { } end && end < Now ? -end.Ticks : e.FirstStartUtc?.Ticks ?? long.MaxValue)
            .ToList();
    }

    /// <summary>The organizer changes a program's attendance, check-in and completion rules.</summary>
    public async Task<TrainingRules> SetRulesAsync(Actor actor, int eventId, TrainingRules rules, CancellationToken ct = default)
    {
        rules.Validate().ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureOrganizerAsync(db, actor, eventId, ct);
        var e = await db.Events.FirstAsync(x => x.Id == eventId, ct);
        e.Training = rules;
        e.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        return rules;
    }

    // ── completion and dashboard ────────────────────────────────────────────────────────────

    public async Task<IReadOnlyList<CompletionRow>> CompletionAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        return (await LoadAsync(db, e, ct)).Participants;
    }

    public async Task<ProgramDashboard> DashboardAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        var data = await LoadAsync(db, e, ct);
        var isProgram = EventKindRules.EnrolsInWholeEvent(e.Kind);
        var figures = data.Program.Select((s, i) =>
        {
            // A program's session has everyone; a meeting's option has its own registrations.
            var enrolled = isProgram ? data.Participants.Count : data.SessionOf.Values.Count(id => id == s.Id);
            var marks = data.Marks.Where(m => m.SessionId == s.Id).ToList();
            int Of(AttendanceStatus status) => marks.Count(m => m.Status == status);
            var held = s.Status == SessionStatus.Scheduled && s.EndUtc <= Now;
            var present = Of(AttendanceStatus.Present);
            var late = Of(AttendanceStatus.Late);
            var excused = Of(AttendanceStatus.Excused);
            var counted = enrolled - excused;
            return new SessionFigures(s.Id, i + 1, s.Label, s.StartUtc, s.EndUtc, s.TimeZone, s.Mode, s.Status, held, enrolled, present, late, excused,
                Of(AttendanceStatus.Absent), Math.Max(0, enrolled - marks.Count),
                held && counted > 0 ? (double)(present + late) / counted : null);
        }).ToList();
        return new ProgramDashboard(e, figures.Count(f => f.Held && f.Mode == SessionMode.Online), figures.Count(f => f.Held && f.Mode != SessionMode.Online),
            data.Participants.Count(p => p.AttendedSessions > 0), data.Participants.Count(p => p.Completed), figures, data.Participants,
            await Organizations.ManagementRights.HasAsync(db, actor, e.OrganizationId, ct));
    }

    /// <summary>Rows for CSV/XLSX: one per participant with a column per session (formula-neutralized names).</summary>
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ExportAsync(Actor actor, int eventId, string language, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        var data = await LoadAsync(db, e, ct);
        string H(string key) => Localization.Texts.Get(key, language);
        var culture = Localization.Texts.Culture(language);
        return data.Participants.Select(p =>
        {
            var row = new Dictionary<string, object?>
            {
                [H("Register_FullName")] = SpreadsheetText.Safe(p.FullName),
                [H("Account_Email")] = SpreadsheetText.Safe(p.Email),
            };
            foreach (var (s, i) in data.Program.Select((s, i) => (s, i)))
            {
                var local = WallClock.ToLocal(s.StartUtc, s.TimeZone);
                var mark = data.Marks.FirstOrDefault(m => m.SessionId == s.Id && m.RegistrationId == p.RegistrationId);
                row[$"{i + 1}. {local.ToString("yyyy-MM-dd HH:mm", culture)}"] =
                    s.Status == SessionStatus.Cancelled ? H("Training_SessionCancelled") : mark is null ? "" : H($"Attendance_{mark.Status}");
            }
            row[H("Training_Attended")] = p.AttendedSessions;
            row[H("Training_Total")] = p.TotalSessions;
            row[H("Training_Percent")] = Math.Round(p.Percent, 1);
            row[H("Training_Completed")] = H(p.Completed ? "Common_Yes" : "Common_No");
            row[H("Training_AtRisk")] = H(p.AtRisk ? "Common_Yes" : "Common_No");
            row[H("Training_Certificate")] = p.CertificateCode ?? "";
            return row;
        }).ToList();
    }

    private sealed record ProgramData(IReadOnlyList<Session> Program, IReadOnlyList<AttendanceRecord> Marks, IReadOnlyList<CompletionRow> Participants,
        IReadOnlyDictionary<int, int> SessionOf);

    private async Task<ProgramData> LoadAsync(EventsDbContext db, Event e, CancellationToken ct)
    {
        var program = await db.Sessions.AsNoTracking().Where(s => s.EventId == e.Id).OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToListAsync(ct);
        var people = await db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed)
            .OrderBy(r => r.FullName).Select(r => new { r.Id, r.FullName, r.Email, r.Language, r.SessionId, r.CreatedUtc }).ToListAsync(ct);
        // Only the marks of people still enrolled: someone who left keeps their history, but no longer counts in a session's figures.
        var ids = people.Select(p => p.Id).ToHashSet();
        var marks = (await db.Attendance.AsNoTracking().Where(a => a.EventId == e.Id).ToListAsync(ct)).Where(m => ids.Contains(m.RegistrationId)).ToList();
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.EventId == e.Id && c.RevokedUtc == null)
            .Select(c => new { c.RegistrationId, c.Code }).ToListAsync(ct);
        var byPerson = marks.GroupBy(m => m.RegistrationId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, AttendanceStatus>)g.ToDictionary(m => m.SessionId, m => m.Status));
        var empty = new Dictionary<int, AttendanceStatus>();
        var rows = people.Select(p =>
        {
            var mine = byPerson.GetValueOrDefault(p.Id) ?? empty;
            var c = CompletionRule.Evaluate(CompletionRule.SessionsFor(program, e.Kind, p.SessionId, p.CreatedUtc, mine), mine, e.Training.CompletionPercent, Now);
            return new CompletionRow(p.Id, p.FullName, p.Email, p.Language, c.Attended, c.Total, c.Excused, c.Left, c.Percent, c.Completed, c.AtRisk,
                certificates.FirstOrDefault(x => x.RegistrationId == p.Id)?.Code);
        }).ToList();
        return new ProgramData(program, marks, rows, people.ToDictionary(p => p.Id, p => p.SessionId));
    }
}
