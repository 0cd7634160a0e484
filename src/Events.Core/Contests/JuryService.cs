using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Contests;

public sealed record JurorRow(string JurorId, string FullName, string Email, string? Affiliation, IReadOnlyList<string> Categories);

public sealed record JurorProgress(string JurorId, string FullName, int Assigned, int Final, int Draft, DateTime? LastReminderUtc);

public sealed record EntryProgress(int EntryId, string Title, int Assigned, int Final);

public sealed record RoundProgress(IReadOnlyList<JurorProgress> Jurors, IReadOnlyList<EntryProgress> Entries);

public sealed record ConflictRow(int Id, string JurorId, string JurorName, int EntryId, string EntryTitle, string Reason, ConflictSource Source, DateTime DeclaredUtc);

/// <summary>
/// The jury of a contest: its members, conflicts of interest, who scores what (by hand or balanced automatically), progress and reminders.
/// Organizers of the contest manage all of it; a juror may declare their own conflicts.
/// </summary>
public sealed class JuryService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, UserManager<EventsUser> users, ContestMail mail,
    OutboxSignal signal, PublicUrls urls)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<JurorRow>> JurorsAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        return (await db.ContestJurors.AsNoTracking().Include(j => j.User).Where(j => j.ContestId == contestId).ToListAsync(ct))
            .OrderBy(j => j.User!.FullName).Select(j => new JurorRow(j.UserId, j.User!.FullName, j.User.Email ?? "", j.Affiliation, j.Categories)).ToList();
    }

    /// <summary>Accounts with the Juror role not yet on the jury, for the organizer's picker (by name or email).</summary>
    public async Task<IReadOnlyList<JurorRow>> CandidatesAsync(Actor actor, int contestId, string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        var roleId = await db.Roles.Where(r => r.Name == Roles.Juror).Select(r => r.Id).FirstAsync(ct);
        var term = SearchText.Term(search);
        var query = db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId)
                                                       && !db.ContestJurors.Any(j => j.ContestId == contestId && j.UserId == u.Id));
        if (term is not null) query = query.Where(u => u.SearchText.Contains(term));
        return (await query.OrderBy(u => u.FullName).Take(20).Select(u => new { u.Id, u.FullName, u.Email }).ToListAsync(ct))
            .Select(u => new JurorRow(u.Id, u.FullName, u.Email ?? "", null, [])).ToList();
    }

    /// <summary>Adds an account with the Juror role to the jury, and suggests conflicts with the entries already in.</summary>
    public async Task<JurorRow> AddJurorAsync(Actor actor, int contestId, string? userId, string? affiliation = null, IReadOnlyList<string>? categories = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        var user = string.IsNullOrEmpty(userId) ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null) throw ValidationFailedException.For("userId", "Validation_UnknownUser");
        var jurorRole = await db.Roles.Where(r => r.Name == Roles.Juror).Select(r => r.Id).FirstAsync(ct);
        if (!await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == jurorRole, ct))
            throw ValidationFailedException.For("userId", "Validation_NotAJuror");
        var cats = CleanCategories(contest, categories);
        if (await db.ContestJurors.AnyAsync(j => j.ContestId == contestId && j.UserId == user.Id, ct)) throw new ConflictException("Conflict_JurorAdded");
        // Who organizes the contest sees every entrant: as a juror they could not judge blind or be kept from a conflicted entry.
        var isAdministrator = await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator), ct);
        if (await ContestAccess.OrganizesAsync(db, new Actor(user.Id, isAdministrator), contest.OrganizationId, ct))
            throw new RuleViolationException("Rule_JurorOrganizes");
        var juror = new ContestJuror
        {
            ContestId = contestId, UserId = user.Id, AddedUtc = Now, Categories = cats,
            Affiliation = string.IsNullOrWhiteSpace(affiliation) ? null : affiliation.Trim()[..Math.Min(affiliation.Trim().Length, ContestJuror.AffiliationMaxLength)],
        };
        db.ContestJurors.Add(juror);
        await db.SaveChangesAsync(ct);
        await SuggestConflictsAsync(db, contestId, jurorId: user.Id, entryId: null, Now, ct);
        return new JurorRow(user.Id, user.FullName, user.Email ?? "", juror.Affiliation, juror.Categories);
    }

    private static List<string> CleanCategories(Contest contest, IReadOnlyList<string>? categories)
    {
        var cats = (categories ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        if (cats.Any(c => !contest.Categories.Contains(c))) throw ValidationFailedException.For("categories", "Validation_UnknownValue");
        return cats;
    }

    /// <summary>
    /// Invites a person by email: an existing account gets the Juror role, a new one is created (no password yet) and
    /// receives a link to choose one. Either way the person joins the jury and is told by email.
    /// </summary>
    public async Task<JurorRow> InviteJurorAsync(Actor actor, int contestId, string? email, string? fullName, string? affiliation, string language,
        IReadOnlyList<string>? categories, CancellationToken ct = default)
    {
        Contest contest;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        // Everything is checked before an account or a role is made: a refused invitation leaves nothing behind.
        var v = new Validator();
        v.When(!EmailAddress.IsValid(email), "email", "Validation_Email");
        var name = fullName?.Trim() ?? "";
        v.When(name.Length > EventsUser.FullNameMaxLength, "fullName", "Validation_TooLong", EventsUser.FullNameMaxLength);
        v.ThrowIfAny();
        var cats = CleanCategories(contest, categories);
        var address = email!.Trim();
        var user = await users.FindByEmailAsync(address);
        if (user is null && name.Length == 0) throw ValidationFailedException.For("fullName", "Validation_Required");
        JurorRow row;
        var created = false;
        if (user is null)
        {
            user = new EventsUser
            {
                UserName = address, Email = address, EmailConfirmed = true, FullName = name, CreatedUtc = Now,
                Language = Localization.Strings.SupportedCultures.Contains(language) ? language : Localization.Strings.DefaultCulture,
            };
            if (!(await users.CreateAsync(user)).Succeeded) throw new ConflictException("Conflict_UserEmailTaken");
            created = true;
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var existing = await db.ContestJurors.AsNoTracking().FirstOrDefaultAsync(j => j.ContestId == contestId && j.UserId == user.Id, ct);
            // Inviting again someone who never set a password sends a fresh link (the first may have expired); otherwise it is a duplicate.
            if (existing is not null && await users.HasPasswordAsync(user)) throw new ConflictException("Conflict_JurorAdded");
            if (existing is not null) row = new JurorRow(user.Id, user.FullName, address, existing.Affiliation, existing.Categories);
            else
            {
                try
                {
                    if (!await users.IsInRoleAsync(user, Roles.Juror)) await users.AddToRoleAsync(user, Roles.Juror);
                    row = await AddJurorAsync(actor, contestId, user.Id, affiliation, cats, ct);
                }
                catch when (created)
                {
                    await users.DeleteAsync(user); // the account was made for this invitation only
                    throw;
                }
            }
        }
        string? setPassword = null;
        if (!await users.HasPasswordAsync(user))
        {
            var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            setPassword = $"{urls.Base}/account/set-password?email={Uri.EscapeDataString(address)}&code={code}";
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            Outbox.Enqueue(db, mail.JurorInvitation(contest, user, setPassword), "JurorInvitation", null, Now);
            await db.SaveChangesAsync(ct);
        }
        signal.Notify();
        return row;
    }

    /// <summary>Removes a juror from the jury with their assignments; their sheets stay in the history but no longer count.</summary>
    public async Task RemoveJurorAsync(Actor actor, int contestId, string jurorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        var roundIds = contest.Rounds.Select(r => r.Id).ToList();
        if (contest.Rounds.Any(r => r.Status == RoundStatus.Closed) &&
            await db.ScoreSheets.AnyAsync(s => roundIds.Contains(s.RoundId) && s.JurorId == jurorId && s.IsFinal, ct))
            throw new RuleViolationException("Rule_JurorHasScored");
        // Closed rounds keep their assignments: their results stay as they were when the round closed.
        var openRoundIds = contest.Rounds.Where(r => r.Status != RoundStatus.Closed).Select(r => r.Id).ToList();
        await db.Assignments.Where(a => openRoundIds.Contains(a.RoundId) && a.JurorId == jurorId).ExecuteDeleteAsync(ct);
        await db.ContestJurors.Where(j => j.ContestId == contestId && j.UserId == jurorId).ExecuteDeleteAsync(ct);
    }

    // ---- conflicts ----

    /// <summary>Declared by an organizer of the contest or by the juror concerned. The pair's assignments go; any sheet stops counting.</summary>
    public async Task<Conflict> DeclareConflictAsync(Actor actor, int contestId, string? jurorId, int? entryId, string? reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await db.Contests.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("contest");
        var organizer = await ContestAccess.OrganizesAsync(db, actor, contest.OrganizationId, ct);
        if (!organizer && (actor.UserId != jurorId || !await ContestAccess.IsJurorAsync(db, actor.UserId, contestId, ct)))
            throw new ForbiddenException("only the contest's organizers or the juror concerned");
        var v = new Validator();
        var text = reason?.Trim() ?? "";
        v.When(text.Length == 0, "reason", "Validation_Required");
        v.When(text.Length > Conflict.ReasonMaxLength, "reason", "Validation_TooLong", Conflict.ReasonMaxLength);
        v.When(string.IsNullOrEmpty(jurorId) || !await ContestAccess.IsJurorAsync(db, jurorId, contestId, ct), "jurorId", "Validation_NotInJury");
        v.When(entryId is null || !await db.ContestEntries.AnyAsync(e => e.Id == entryId && e.ContestId == contestId, ct), "entryId", "Validation_EntryNotInContest");
        v.ThrowIfAny();
        var existing = await db.Conflicts.FirstOrDefaultAsync(c => c.JurorId == jurorId && c.EntryId == entryId, ct);
        if (existing is not null)
        {
            // A suggestion confirmed by a person becomes a declared conflict.
            if (existing.Source == ConflictSource.Suggested)
            {
                existing.Source = organizer && actor.UserId != jurorId ? ConflictSource.Organizer : ConflictSource.Juror;
                existing.Reason = text;
                existing.DeclaredBy = actor.UserId;
                await db.SaveChangesAsync(ct);
                return existing;
            }
            throw new ConflictException("Conflict_AlreadyDeclared");
        }
        var conflict = new Conflict
        {
            ContestId = contestId, JurorId = jurorId!, EntryId = entryId!.Value, Reason = text, DeclaredBy = actor.UserId, DeclaredUtc = Now,
            Source = organizer && actor.UserId != jurorId ? ConflictSource.Organizer : ConflictSource.Juror,
        };
        db.Conflicts.Add(conflict);
        await db.SaveChangesAsync(ct);
        await UnassignInOpenRoundsAsync(db, jurorId!, entryId.Value, ct);
        return conflict;
    }

    /// <summary>
    /// A conflict takes the pair out of rounds still being judged, so balancing can give the entry to someone else. Closed rounds
    /// keep their assignments as history; the conflict still keeps the juror's sheet out of every result (<see cref="ContestAccess.OpenPairs"/>).
    /// </summary>
    private static Task<int> UnassignInOpenRoundsAsync(EventsDbContext db, string jurorId, int entryId, CancellationToken ct) =>
        db.Assignments.Where(a => a.JurorId == jurorId && a.EntryId == entryId && db.Rounds.Any(r => r.Id == a.RoundId && r.Status != RoundStatus.Closed))
            .ExecuteDeleteAsync(ct);

    /// <summary>An organizer lifts a conflict (usually a suggestion that was wrong).</summary>
    public async Task DismissConflictAsync(Actor actor, int conflictId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conflict = await db.Conflicts.FirstOrDefaultAsync(c => c.Id == conflictId, ct) ?? throw new NotFoundException("conflict");
        await ContestAccess.ManagedAsync(db, actor, conflict.ContestId, ct);
        db.Conflicts.Remove(conflict);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ConflictRow>> ConflictsAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        // Ordered after loading: EF cannot translate an order by a member of the record it constructs.
        return (await db.Conflicts.AsNoTracking().Where(c => c.ContestId == contestId)
            .Join(db.Users, c => c.JurorId, u => u.Id, (c, u) => new { c, u.FullName })
            .Join(db.ContestEntries, x => x.c.EntryId, e => e.Id, (x, e) => new ConflictRow(x.c.Id, x.c.JurorId, x.FullName, x.c.EntryId, e.Title, x.c.Reason, x.c.Source, x.c.DeclaredUtc))
            .ToListAsync(ct))
            .OrderBy(c => c.JurorName).ThenBy(c => c.EntryId).ToList();
    }

    /// <summary>Adds a suggested conflict for each likely pair (one juror against all entries, or one entry against all jurors) that has none.</summary>
    internal static async Task<int> SuggestConflictsAsync(EventsDbContext db, int contestId, string? jurorId, int? entryId, DateTime now, CancellationToken ct)
    {
        var jurors = await db.ContestJurors.AsNoTracking().Where(j => j.ContestId == contestId && (jurorId == null || j.UserId == jurorId))
            .Join(db.Users, j => j.UserId, u => u.Id, (j, u) => new { j.UserId, u.Email, j.Affiliation }).ToListAsync(ct);
        if (jurors.Count == 0) return 0;
        var ids = jurors.Select(j => j.UserId).ToList();
        var memberships = await db.OrganizationMembers.Where(m => ids.Contains(m.UserId))
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m.UserId, o.Name, o.NameKy, o.NameRu, o.NameEn }).ToListAsync(ct);
        var entries = await db.ContestEntries.AsNoTracking().Where(e => e.ContestId == contestId && (entryId == null || e.Id == entryId))
            .Select(e => new { e.Id, e.NormalizedEmail, e.OrganizationName }).ToListAsync(ct);
        var existing = (await db.Conflicts.Where(c => c.ContestId == contestId).Select(c => new { c.JurorId, c.EntryId }).ToListAsync(ct))
            .Select(c => (c.JurorId, c.EntryId)).ToHashSet();
        var added = 0;
        foreach (var j in jurors)
        {
            var orgs = memberships.Where(m => m.UserId == j.UserId).SelectMany(m => new[] { m.Name, m.NameKy, m.NameRu, m.NameEn }).Append(j.Affiliation).ToList();
            foreach (var e in entries)
            {
                if (existing.Contains((j.UserId, e.Id))) continue;
                if (ConflictSuggestions.Reason(j.Email ?? "", orgs, e.NormalizedEmail, e.OrganizationName) is not { } reason) continue;
                db.Conflicts.Add(new Conflict
                {
                    ContestId = contestId, JurorId = j.UserId, EntryId = e.Id, Reason = reason, Source = ConflictSource.Suggested, DeclaredBy = "system",
                    DeclaredUtc = now,
                });
                added++;
            }
        }
        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            await db.Assignments.Where(a => db.Conflicts.Any(c => c.ContestId == contestId && c.JurorId == a.JurorId && c.EntryId == a.EntryId)
                                            && db.Rounds.Any(r => r.Id == a.RoundId && r.Status != RoundStatus.Closed)).ExecuteDeleteAsync(ct);
        }
        return added;
    }

    // ---- assignments ----

    public async Task<Assignment> AssignAsync(Actor actor, int roundId, string? jurorId, int? entryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        if (round.Status == RoundStatus.Closed) throw new RuleViolationException("Rule_RoundClosed");
        var juror = string.IsNullOrEmpty(jurorId) ? null
            : await db.ContestJurors.AsNoTracking().FirstOrDefaultAsync(j => j.ContestId == contest.Id && j.UserId == jurorId, ct);
        if (juror is null) throw ValidationFailedException.For("jurorId", "Validation_NotInJury");
        var entry = entryId is null ? null : await ContestAccess.EntriesOfRound(db, round).AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null) throw ValidationFailedException.For("entryId", "Validation_EntryNotInRound");
        if (await db.Conflicts.AnyAsync(c => c.JurorId == jurorId && c.EntryId == entryId, ct)) throw new RuleViolationException("Rule_Conflicted");
        if (!juror.Judges(entry.Category)) throw new RuleViolationException("Rule_OtherCategory");
        var existing = await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.RoundId == roundId && a.JurorId == jurorId && a.EntryId == entryId, ct);
        if (existing is not null) throw new ConflictException("Conflict_AlreadyAssigned");
        var assignment = new Assignment { RoundId = roundId, JurorId = jurorId!, EntryId = entry.Id, AssignedUtc = Now };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return assignment;
    }

    public async Task UnassignAsync(Actor actor, int roundId, string jurorId, int entryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        if (round.Status == RoundStatus.Closed) throw new RuleViolationException("Rule_RoundClosed");
        await db.Assignments.Where(a => a.RoundId == roundId && a.JurorId == jurorId && a.EntryId == entryId).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Gives every entry of the round <paramref name="jurorsPerEntry"/> jurors (counting those it has): among the jurors who judge its
    /// category and have no conflict with it, the least loaded first (ties by juror id, so the result is repeatable).
    /// Entries with fewer eligible jurors get all of them. Returns the assignments made.
    /// </summary>
    public async Task<IReadOnlyList<Assignment>> AutoAssignAsync(Actor actor, int roundId, int? jurorsPerEntry, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        if (round.Status == RoundStatus.Closed) throw new RuleViolationException("Rule_RoundClosed");
        var jurors = await db.ContestJurors.AsNoTracking().Where(j => j.ContestId == contest.Id).ToListAsync(ct);
        if (jurorsPerEntry is not { } perEntry || perEntry < 1 || perEntry > Math.Max(1, jurors.Count))
            throw ValidationFailedException.For("jurorsPerEntry", "Validation_Range", 1, Math.Max(1, jurors.Count));
        var entries = await ContestAccess.EntriesOfRound(db, round).AsNoTracking().OrderBy(e => e.SubmittedUtc).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Category }).ToListAsync(ct);
        var entryIds = entries.Select(e => e.Id).ToList();
        var conflicts = (await db.Conflicts.Where(c => c.ContestId == contest.Id).Select(c => new { c.JurorId, c.EntryId }).ToListAsync(ct))
            .Select(c => (c.JurorId, c.EntryId)).ToHashSet();
        var current = (await db.Assignments.Where(a => a.RoundId == roundId).Select(a => new { a.JurorId, a.EntryId }).ToListAsync(ct))
            .Where(a => entryIds.Contains(a.EntryId)).Select(a => (a.JurorId, a.EntryId)).ToHashSet();
        var load = jurors.ToDictionary(j => j.UserId, j => current.Count(a => a.JurorId == j.UserId));
        var made = new List<Assignment>();
        // Entries with the fewest eligible jurors first, so scarce jurors go where nobody else can.
        var order = entries.Select(e => (Entry: e, Eligible: jurors.Count(j => j.Judges(e.Category) && !conflicts.Contains((j.UserId, e.Id)))))
            .OrderBy(x => x.Eligible).ThenBy(x => entryIds.IndexOf(x.Entry.Id)).Select(x => x.Entry).ToList();
        foreach (var e in order)
        {
            var have = current.Count(a => a.EntryId == e.Id);
            var candidates = jurors.Where(j => j.Judges(e.Category) && !conflicts.Contains((j.UserId, e.Id)) && !current.Contains((j.UserId, e.Id)))
                .OrderBy(j => load[j.UserId]).ThenBy(j => j.UserId, StringComparer.Ordinal).Take(Math.Max(0, perEntry - have)).ToList();
            foreach (var j in candidates)
            {
                var a = new Assignment { RoundId = roundId, JurorId = j.UserId, EntryId = e.Id, AssignedUtc = Now };
                made.Add(a);
                current.Add((j.UserId, e.Id));
                load[j.UserId]++;
            }
        }
        db.Assignments.AddRange(made);
        await db.SaveChangesAsync(ct);
        return made;
    }

    public async Task<IReadOnlyList<Assignment>> AssignmentsAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        var entries = ContestAccess.EntriesOfRound(db, round).Select(e => e.Id);
        return await ContestAccess.OpenPairs(db).AsNoTracking().Where(a => a.RoundId == roundId && entries.Contains(a.EntryId)).ToListAsync(ct);
    }

    // ---- progress and reminders ----

    public async Task<RoundProgress> ProgressAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        return await ProgressAsync(db, round, contest, ct);
    }

    private static async Task<RoundProgress> ProgressAsync(EventsDbContext db, Round round, Contest contest, CancellationToken ct)
    {
        // Only the round's active entries: a withdrawn entry is nobody's work any more (no reminder for it).
        var active = ContestAccess.EntriesOfRound(db, round).Select(e => e.Id);
        var pairs = await ContestAccess.OpenPairs(db).Where(a => a.RoundId == round.Id && active.Contains(a.EntryId)).Select(a => new { a.JurorId, a.EntryId }).ToListAsync(ct);
        var sheets = await ContestAccess.CountingSheets(db).Where(s => s.RoundId == round.Id && active.Contains(s.EntryId))
            .Select(s => new { s.JurorId, s.EntryId, s.IsFinal }).ToListAsync(ct);
        var jurors = await db.ContestJurors.AsNoTracking().Where(j => j.ContestId == contest.Id)
            .Join(db.Users, j => j.UserId, u => u.Id, (j, u) => new { j.UserId, u.FullName, j.LastReminderUtc }).ToListAsync(ct);
        var entries = await ContestAccess.EntriesOfRound(db, round).Select(e => new { e.Id, e.Title }).ToListAsync(ct);
        return new RoundProgress(
            jurors.OrderBy(j => j.FullName).Select(j => new JurorProgress(j.UserId, j.FullName, pairs.Count(p => p.JurorId == j.UserId),
                sheets.Count(s => s.JurorId == j.UserId && s.IsFinal), sheets.Count(s => s.JurorId == j.UserId && !s.IsFinal), j.LastReminderUtc)).ToList(),
            entries.Select(e => new EntryProgress(e.Id, e.Title, pairs.Count(p => p.EntryId == e.Id), sheets.Count(s => s.EntryId == e.Id && s.IsFinal))).ToList());
    }

    /// <summary>Mails each juror with unfinished sheets in an open round how many are left; returns how many were reminded.</summary>
    public async Task<int> RemindAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        if (round.Status != RoundStatus.Open) throw new RuleViolationException("Rule_RoundNotOpen");
        var progress = await ProgressAsync(db, round, contest, ct);
        var behind = progress.Jurors.Where(j => j.Assigned > j.Final).ToList();
        var ids = behind.Select(j => j.JurorId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        foreach (var j in behind)
            Outbox.Enqueue(db, mail.JurorReminder(contest, round, people[j.JurorId], j.Assigned - j.Final), "JurorReminder", null, Now);
        await db.SaveChangesAsync(ct);
        await db.ContestJurors.Where(j => j.ContestId == contest.Id && ids.Contains(j.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LastReminderUtc, Now), ct);
        signal.Notify();
        return behind.Count;
    }
}
