using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Scheduling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Registration;

public sealed record RegistrationResult(Registration Registration, string ManageToken, int? WaitlistPosition);

public sealed record RegistrationView(Registration Registration, Session Session, Event Event, Organization Organization, int? WaitlistPosition,
    IReadOnlyList<Session> OtherSessions);

/// <summary>
/// Registration, waitlist and everything that changes a person's place: every change writes its
/// emails to the outbox in the same transaction, and seats are taken by conditional updates in the
/// database, so capacity holds under concurrent requests and several app instances.
/// </summary>
public sealed class RegistrationService(
    IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, InvitationComposer composer, IDataProtectionProvider protection,
    OutboxSignal signal, RegistrationWriter writer) : ISessionChangeObserver
{
    private readonly IDataProtector _tokens = ManageTokens.Protector(protection);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<RegistrationResult> RegisterAsync(int sessionId, RegistrationInput input, string fallbackLanguage, CancellationToken ct = default)
    {
        // The session may be rescheduled between reading it and writing the registration: compose again from its new time.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterOnceAsync(sessionId, input, fallbackLanguage, ct);
            }
            catch (StaleSessionException) when (attempt < 3)
            {
            }
            catch (StaleSessionException)
            {
                throw new RuleViolationException("Rule_SessionChanging"); // edited again and again right now: ask to try later
            }
        }
    }

    private async Task<RegistrationResult> RegisterOnceAsync(int sessionId, RegistrationInput input, string fallbackLanguage, CancellationToken ct)
    {
        Session session;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            session = await SessionWithEvent(db, sessionId) ?? throw new NotFoundException("session");
        var e = session.Event!;
        var answers = input.Validate(KnownCountries.Contains, Now.Year, e.Questions);
        if (e.Status != EventStatus.Published) throw new RuleViolationException(e.Status == EventStatus.Draft ? "Rule_EventNotPublished" : "Rule_RegistrationClosed");
        if (session.Status == SessionStatus.Cancelled) throw new RuleViolationException("Rule_SessionCancelled");
        var isProgram = EventKindRules.EnrolsInWholeEvent(e.Kind);
        if (!isProgram && !session.IsOpenForRegistration(Now)) throw new RuleViolationException(session.EndUtc <= Now ? "Rule_SessionPast" : "Rule_RegistrationClosed");

        var email = input.Email!.Trim();
        var normalized = EmailAddress.Normalize(email);
        var token = ManageTokens.New();
        var registration = new Registration
        {
            EventId = e.Id, SessionId = session.Id, FullName = input.FullName!.Trim(), Email = email, NormalizedEmail = normalized,
            ActiveEmailKey = normalized, CountryCode = input.CountryCode!.Trim().ToUpperInvariant(),
            City = string.IsNullOrWhiteSpace(input.City) ? null : input.City.Trim(), HomeRegion = input.HomeRegion, Gender = input.Gender,
            BirthYear = input.BirthYear, Language = input.Language is { Length: > 0 } l ? l : fallbackLanguage,
            TimeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? null : input.TimeZone.Trim(), ConsentUtc = Now,
            Answers = answers, CreatedUtc = Now, UpdatedUtc = Now, ManageTokenHash = ManageTokens.Hash(token), ManageTokenSealed = _tokens.Protect(token),
        };

        if (isProgram) return await EnrolAsync(registration, token, e, ct);

        // The likely email is composed here, in parallel with other requests; the writer composes the other kind if the guess was wrong.
        var likely = e.RequiresApproval ? MessageKind.Pending : session.SeatsLeft is 0 ? MessageKind.Waitlisted : MessageKind.Invitation;
        OutboxMessage Compose(MessageKind kind, int? position) =>
            Outbox.Create(composer.Compose(Mail(registration, session, e, e.Organization!, kind, token, position, session.Sequence)), kind.ToString(), null, Now);
        var pending = new PendingRegistration(registration, e.RequiresApproval, session.Sequence,
            likely == MessageKind.Waitlisted ? null : Compose(likely, null), Compose);
        var position = await writer.WriteAsync(pending);
        signal.Notify();
        return new RegistrationResult(registration, token, position);
    }

    /// <summary>
    /// A training, course or innolab: one registration is a place in every session. Written here in its own transaction
    /// rather than by the writer's batches (programs are enrolled in by tens, not thousands at once); the seats of all
    /// sessions are taken by one statement, and each upcoming session is sent as its own invitation (its own UID).
    /// </summary>
    private async Task<RegistrationResult> EnrolAsync(Registration registration, string token, Event e, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var program = await ProgramAsync(db, e.Id, ct);
        if (!program.Any(s => s.IsOpenForRegistration(Now)))
            throw new RuleViolationException(program.All(s => s.EndUtc <= Now || s.Status == SessionStatus.Cancelled) ? "Rule_SessionPast" : "Rule_RegistrationClosed");
        if (await db.Registrations.AnyAsync(x => x.EventId == e.Id && x.ActiveEmailKey == registration.ActiveEmailKey, ct))
            throw new ConflictException("Conflict_AlreadyRegistered");
        var scope = new SeatScope(registration.SessionId, e.Id);
        if (e.RequiresApproval) registration.Status = RegistrationStatus.Pending;
        else if (await Seats.TryTakeAsync(db, scope, ct)) registration.Status = RegistrationStatus.Confirmed;
        else
        {
            registration.Status = RegistrationStatus.Waitlisted;
            await Seats.JoinWaitlistAsync(db, scope, ct);
        }
        db.Registrations.Add(registration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Seats.IsUniqueViolation(ex))
        {
            throw new ConflictException("Conflict_AlreadyRegistered");
        }
        int? position = registration.Status == RegistrationStatus.Waitlisted ? await Seats.PositionAsync(db, registration, scope, ct) : null;
        var kind = registration.Status switch
        {
            RegistrationStatus.Confirmed => MessageKind.Invitation,
            RegistrationStatus.Pending => MessageKind.Pending,
            _ => MessageKind.Waitlisted,
        };
        EnqueueProgram(db, registration, e, e.Organization!, program, kind, token, position);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return new RegistrationResult(registration, token, position);
    }

    /// <summary>A program's sessions in order; tracked, so that a session being changed in this context is seen as changed.</summary>
    private static Task<List<Session>> ProgramAsync(EventsDbContext db, int eventId, CancellationToken ct) =>
        db.Sessions.Where(s => s.EventId == eventId).OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToListAsync(ct);

    public async Task<RegistrationView?> FindByTokenAsync(string? token, CancellationToken ct = default)
    {
        if (!ManageTokens.LooksValid(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ManageTokens.Hash(token!);
        var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.ManageTokenHash == hash, ct);
        if (r is null) return null;
        var e = await db.Events.AsNoTracking().Include(x => x.Organization).Include(x => x.Sessions).FirstAsync(x => x.Id == r.EventId, ct);
        var session = e.Sessions.First(s => s.Id == r.SessionId);
        var scope = SeatScope.Of(r, e);
        var position = r.Status == RegistrationStatus.Waitlisted ? await Seats.PositionAsync(db, r, scope, ct) : (int?)null;
        // A program has no other options to switch to: its person holds every session.
        return new RegistrationView(r, session, e, e.Organization!, position, scope.IsProgram ? [] :
            e.Sessions.Where(s => s.Id != r.SessionId && s.IsOpenForRegistration(Now)).OrderBy(s => s.StartUtc).ToList());
    }

    /// <summary>The holder cancels: a CANCEL for them, and the first person waiting takes the seat.</summary>
    public async Task<Registration> CancelAsync(string? token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await LoadByTokenAsync(db, token, ct);
        if (!r.IsActive) return r;
        var (session, e) = await LoadSessionAsync(db, r.SessionId, ct);
        await ReleaseAsync(db, r, session, e, sendCancel: true, ct);
        await db.SaveChangesAsync(ct);
        await PromoteAsync(db, SeatScope.Of(session, e), ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return r;
    }

    /// <summary>Moves a registration to another time option of the same event: CANCEL of the old, REQUEST of the new.</summary>
    public async Task<Registration> SwitchAsync(string? token, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await LoadByTokenAsync(db, token, ct);
        if (!r.IsActive) throw new RuleViolationException("Rule_RegistrationNotActive");
        if (r.SessionId == sessionId) return r;
        var (target, e) = await LoadSessionAsync(db, sessionId, ct);
        if (target.EventId != r.EventId) throw ValidationFailedException.For("sessionId", "Validation_OtherEvent");
        if (EventKindRules.EnrolsInWholeEvent(e.Kind)) throw new RuleViolationException("Rule_ProgramNoSwitch");
        if (!target.IsOpenForRegistration(Now)) throw new RuleViolationException("Rule_RegistrationClosed");
        var (old, _) = await LoadSessionAsync(db, r.SessionId, ct);
        var wasConfirmed = r.Status == RegistrationStatus.Confirmed;
        if (wasConfirmed && !await Seats.TryTakeAsync(db, target.Id, ct)) throw new RuleViolationException("Rule_SessionFull");

        if (wasConfirmed)
        {
            await Seats.ReleaseAsync(db, old.Id, ct);
            Enqueue(db, r, old, e, e.Organization!, MessageKind.Cancellation, Unseal(r), null);
        }
        else if (r.Status == RegistrationStatus.Waitlisted)
        {
            await Seats.LeaveWaitlistAsync(db, old.Id, ct);
            await Seats.JoinWaitlistAsync(db, target.Id, ct);
        }
        r.SessionId = target.Id;
        r.UpdatedUtc = Now;
        r.LastSequenceSent = -1; // another UID starts its own history
        if (wasConfirmed) Enqueue(db, r, target, e, e.Organization!, MessageKind.Invitation, Unseal(r), null);
        await db.SaveChangesAsync(ct);
        if (wasConfirmed) await PromoteAsync(db, new SeatScope(old.Id, null), ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return r;
    }

    /// <summary>For a 409: mails the manage link of the active registration again (says nothing about whether one exists).</summary>
    public async Task ResendManageLinkAsync(int eventId, string? email, CancellationToken ct = default)
    {
        if (!EmailAddress.IsValid(email)) throw ValidationFailedException.For("email", "Validation_Email");
        var normalized = EmailAddress.Normalize(email!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var r = await db.Registrations.FirstOrDefaultAsync(x => x.EventId == eventId && x.ActiveEmailKey == normalized, ct);
        if (r is null) return;
        var (session, e) = await LoadSessionAsync(db, r.SessionId, ct);
        if (EventKindRules.EnrolsInWholeEvent(e.Kind)) EnqueueProgram(db, r, e, e.Organization!, await ProgramAsync(db, e.Id, ct), MessageKind.ManageLink, Unseal(r), null);
        else Enqueue(db, r, session, e, e.Organization!, MessageKind.ManageLink, Unseal(r), null);
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    /// <summary>Scheduling calls this inside its own transaction when a session moved, changed place or was cancelled.</summary>
    public async Task OnSessionChangedAsync(EventsDbContext db, Session session, bool cancelled, CancellationToken ct)
    {
        var e = session.Event ?? await db.Events.FirstAsync(x => x.Id == session.EventId, ct);
        var organization = e.Organization ?? await db.Organizations.FirstAsync(o => o.Id == e.OrganizationId, ct);
        if (EventKindRules.EnrolsInWholeEvent(e.Kind))
        {
            await OnProgramSessionChangedAsync(db, session, e, organization, cancelled, ct);
            return;
        }
        var confirmed = await db.Registrations.Where(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Confirmed).ToListAsync(ct);
        foreach (var r in confirmed)
            Enqueue(db, r, session, e, organization, cancelled ? MessageKind.Cancellation : MessageKind.Invitation, Unseal(r), null);
        if (cancelled)
        {
            foreach (var r in await db.Registrations.Where(r => r.SessionId == session.Id && r.ActiveEmailKey != null).ToListAsync(ct))
            {
                r.Status = RegistrationStatus.Cancelled;
                r.ActiveEmailKey = null;
                r.UpdatedUtc = Now;
            }
        }
    }

    /// <summary>
    /// A session of a program moved, changed place or was cancelled: everyone enrolled gets that session's update under its
    /// own UID; a cancelled session ends nobody's enrolment, unless it was the program's last one.
    /// </summary>
    private async Task OnProgramSessionChangedAsync(EventsDbContext db, Session session, Event e, Organization organization, bool cancelled, CancellationToken ct)
    {
        var program = await ProgramAsync(db, e.Id, ct);
        var enrolled = await db.Registrations.Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed).ToListAsync(ct);
        foreach (var r in enrolled)
            Enqueue(db, r, session, e, organization, cancelled ? MessageKind.Cancellation : MessageKind.Invitation, Unseal(r), null, program);
        if (cancelled && program.Any(s => s.Status == SessionStatus.Scheduled))
        {
            // The cancelled session's capacity no longer limits the program: people waiting take the room before any newcomer.
            await db.SaveChangesAsync(ct);
            await PromoteAsync(db, new SeatScope(session.Id, e.Id), ct);
        }
        if (cancelled && program.All(s => s.Status == SessionStatus.Cancelled))
        {
            foreach (var r in await db.Registrations.Where(r => r.EventId == e.Id && r.ActiveEmailKey != null).ToListAsync(ct))
            {
                r.Status = RegistrationStatus.Cancelled;
                r.ActiveEmailKey = null;
                r.UpdatedUtc = Now;
            }
        }
    }

    /// <summary>A session added to a program: everyone enrolled holds a place in it too, and gets its invitation.</summary>
    public async Task OnSessionAddedAsync(EventsDbContext db, Session session, CancellationToken ct)
    {
        var e = session.Event ?? await db.Events.FirstAsync(x => x.Id == session.EventId, ct);
        if (!EventKindRules.EnrolsInWholeEvent(e.Kind)) return;
        await Seats.CopyProgramCountsAsync(db, session, ct);
        var organization = e.Organization ?? await db.Organizations.FirstAsync(o => o.Id == e.OrganizationId, ct);
        var program = await ProgramAsync(db, e.Id, ct);
        foreach (var r in await db.Registrations.Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed).ToListAsync(ct))
            Enqueue(db, r, session, e, organization, MessageKind.Invitation, Unseal(r), null, program);
    }

    /// <summary>After capacity was raised: waiting people take the new seats, in order.</summary>
    public async Task PromoteAfterCapacityChangeAsync(int sessionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (session, e) = await LoadSessionAsync(db, sessionId, ct);
        await PromoteAsync(db, SeatScope.Of(session, e), ct);
        await tx.CommitAsync(ct);
        signal.Notify();
    }

    /// <summary>Organizer moves a person to another option of the same event (same emails as a switch).</summary>
    public async Task<Registration> MoveAsync(Actor actor, int registrationId, int targetSessionId, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == registrationId, ct) ?? throw new NotFoundException("registration");
            var (_, e) = await LoadSessionAsync(db, r.SessionId, ct);
            await ManagementRights.EnsureAsync(db, actor, e.OrganizationId, ct);
            if (!r.IsActive) throw new RuleViolationException("Rule_RegistrationNotActive"); // also: erased people have no token left
            return await SwitchAsync(_tokens.Unprotect(r.ManageTokenSealed), targetSessionId, ct);
        }
    }

    /// <summary>Mails the current invitation (same UID and sequence) again, e.g. when the first one was lost in spam.</summary>
    public async Task ResendInvitationAsync(Actor actor, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (r, session, e) = await LoadForOrganizerAsync(db, actor, registrationId, ct);
        if (r.Status != RegistrationStatus.Confirmed) throw new RuleViolationException("Rule_NotConfirmed");
        if (EventKindRules.EnrolsInWholeEvent(e.Kind)) EnqueueProgram(db, r, e, e.Organization!, await ProgramAsync(db, e.Id, ct), MessageKind.Invitation, Unseal(r), null);
        else Enqueue(db, r, session, e, e.Organization!, MessageKind.Invitation, Unseal(r), null);
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    // ── organizers ─────────────────────────────────────────────────────────────────────────

    /// <summary>Approval mode: a pending registration takes a seat (or waits for one) and gets its invitation.</summary>
    public async Task<Registration> ApproveAsync(Actor actor, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (r, session, e) = await LoadForOrganizerAsync(db, actor, registrationId, ct);
        if (r.Status != RegistrationStatus.Pending) throw new RuleViolationException("Rule_NotPending");
        var scope = SeatScope.Of(session, e);
        if (await Seats.TryTakeAsync(db, scope, ct))
        {
            r.Status = RegistrationStatus.Confirmed;
            await SendAsync(db, r, session, e, scope, MessageKind.Invitation, null, ct);
        }
        else
        {
            r.Status = RegistrationStatus.Waitlisted;
            await Seats.JoinWaitlistAsync(db, scope, ct);
            await db.SaveChangesAsync(ct);
            await SendAsync(db, r, session, e, scope, MessageKind.Waitlisted, await Seats.PositionAsync(db, r, scope, ct), ct);
        }
        r.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return r;
    }

    public async Task<Registration> RejectAsync(Actor actor, int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (r, session, e) = await LoadForOrganizerAsync(db, actor, registrationId, ct);
        if (r.Status != RegistrationStatus.Pending) throw new RuleViolationException("Rule_NotPending");
        r.Status = RegistrationStatus.Rejected;
        r.ActiveEmailKey = null;
        r.UpdatedUtc = Now;
        await SendAsync(db, r, session, e, SeatScope.Of(session, e), MessageKind.Rejected, null, ct, withToken: false);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return r;
    }

    private static async Task<(Registration, Session, Event)> LoadForOrganizerAsync(EventsDbContext db, Actor actor, int registrationId, CancellationToken ct)
    {
        var r = await db.Registrations.FirstOrDefaultAsync(x => x.Id == registrationId, ct) ?? throw new NotFoundException("registration");
        var (session, e) = await LoadSessionAsync(db, r.SessionId, ct);
        await ManagementRights.EnsureAsync(db, actor, e.OrganizationId, ct);
        return (r, session, e);
    }

    // ── internals ──────────────────────────────────────────────────────────────────────────

    private async Task PromoteAsync(EventsDbContext db, SeatScope scope, CancellationToken ct)
    {
        while (true)
        {
            var next = await Seats.Waiting(db, scope).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
            if (next is null || !await Seats.TryTakeAsync(db, scope, ct)) return;
            await Seats.LeaveWaitlistAsync(db, scope, ct);
            next.Status = RegistrationStatus.Confirmed;
            next.UpdatedUtc = Now;
            var (session, e) = await LoadSessionAsync(db, next.SessionId, ct);
            await SendAsync(db, next, session, e, scope, MessageKind.Invitation, null, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>One email for a meeting; for a program, one per upcoming session when it is a calendar message, each listing the program.</summary>
    private async Task SendAsync(EventsDbContext db, Registration r, Session session, Event e, SeatScope scope, MessageKind kind, int? position,
        CancellationToken ct, bool withToken = true)
    {
        var token = withToken ? Unseal(r) : null;
        if (scope.IsProgram) EnqueueProgram(db, r, e, e.Organization!, await ProgramAsync(db, e.Id, ct), kind, token, position);
        else Enqueue(db, r, session, e, e.Organization!, kind, token, position);
    }

    private async Task ReleaseAsync(EventsDbContext db, Registration r, Session session, Event e, bool sendCancel, CancellationToken ct)
    {
        var scope = SeatScope.Of(session, e);
        if (r.Status == RegistrationStatus.Confirmed)
        {
            await Seats.ReleaseAsync(db, scope, ct);
            if (sendCancel) await SendAsync(db, r, session, e, scope, MessageKind.Cancellation, null, ct);
        }
        else if (r.Status == RegistrationStatus.Waitlisted)
        {
            await Seats.LeaveWaitlistAsync(db, scope, ct);
        }
        r.Status = RegistrationStatus.Cancelled;
        r.ActiveEmailKey = null;
        r.UpdatedUtc = Now;
    }

    internal static async Task<Registration> LoadByTokenAsync(EventsDbContext db, string? token, CancellationToken ct)
    {
        if (!ManageTokens.LooksValid(token)) throw new NotFoundException("registration");
        var hash = ManageTokens.Hash(token!);
        return await db.Registrations.FirstOrDefaultAsync(r => r.ManageTokenHash == hash, ct) ?? throw new NotFoundException("registration");
    }

    private static async Task<(Session, Event)> LoadSessionAsync(EventsDbContext db, int sessionId, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Event).ThenInclude(e => e!.Organization)
                          .FirstOrDefaultAsync(s => s.Id == sessionId, ct) ?? throw new NotFoundException("session");
        return (session, session.Event!);
    }

    /// <summary>Compiled: the registration path runs it for every request, and LINQ translation was a third of its cost.</summary>
    private static readonly Func<EventsDbContext, int, Task<Session?>> SessionWithEvent = EF.CompileAsyncQuery((EventsDbContext db, int id) =>
        db.Sessions.AsNoTracking().Include(s => s.Event).ThenInclude(e => e!.Organization).FirstOrDefault(s => s.Id == id));

    private string Unseal(Registration r) => _tokens.Unprotect(r.ManageTokenSealed);

    private static readonly HashSet<string> KnownCountries = Reference.CountryCatalog.All.Select(c => c.Code).ToHashSet();

    private void Enqueue(EventsDbContext db, Registration r, Session s, Event e, Organization o, MessageKind kind, string? token, int? position,
        IReadOnlyList<Session>? program = null)
    {
        int sequence;
        if (program is null)
        {
            sequence = kind == MessageKind.Cancellation ? Math.Max(s.Sequence, r.LastSequenceSent + 1) : s.Sequence;
            if (kind is MessageKind.Invitation or MessageKind.Cancellation) r.LastSequenceSent = sequence;
        }
        else
        {
            // Every enrolled person received each session's current sequence (all changes go to all of them), so a
            // cancellation of their place goes one above it; a cancelled session already carries its raised sequence.
            sequence = kind == MessageKind.Cancellation && s.Status == SessionStatus.Scheduled ? s.Sequence + 1 : s.Sequence;
        }
        Outbox.Enqueue(db, composer.Compose(Mail(r, s, e, o, kind, token, position, sequence, program)), kind.ToString(), r.Id == 0 ? null : r.Id, Now);
    }

    /// <summary>
    /// A program's emails: calendar messages (invitation, cancellation) one per session still ahead, since one iTIP message
    /// carries one UID and each session must move or vanish on its own in the person's calendar; other emails once.
    /// </summary>
    private void EnqueueProgram(EventsDbContext db, Registration r, Event e, Organization o, IReadOnlyList<Session> program, MessageKind kind,
        string? token, int? position)
    {
        var ahead = program.Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc > Now).ToList();
        if (kind is MessageKind.Invitation or MessageKind.Cancellation)
        {
            foreach (var s in ahead) Enqueue(db, r, s, e, o, kind, token, position, program);
            return;
        }
        var first = ahead.FirstOrDefault() ?? program.FirstOrDefault(s => s.Id == r.SessionId) ?? program[0];
        Enqueue(db, r, first, e, o, kind, token, position, program);
    }

    private static RegistrationMail Mail(Registration r, Session s, Event e, Organization o, MessageKind kind, string? token, int? position, int sequence,
        IReadOnlyList<Session>? program = null) =>
        new(kind, r.FullName, r.Email, r.Language, r.TimeZone, token, position,
            s.Uid, sequence, s.StartUtc, s.EndUtc, s.TimeZone, s.Mode, s.JoinUrl, s.Venue, s.Address,
            s.Label ?? (program is null ? null : $"{Number(program, s)}/{program.Count}"),
            e.Id, e.LocalizedTitle(r.Language), e.LocalizedDescription(r.Language), o.DisplayName(r.Language), o.Email, r.CheckInCode,
            program?.Select((x, i) => new ProgramSession(i + 1, x.Label, x.StartUtc, x.EndUtc, x.TimeZone, x.Status == SessionStatus.Cancelled, x.Id == s.Id)).ToList());

    private static int Number(IReadOnlyList<Session> program, Session s)
    {
        for (var i = 0; i < program.Count; i++) if (program[i].Id == s.Id) return i + 1;
        return 0;
    }
}
