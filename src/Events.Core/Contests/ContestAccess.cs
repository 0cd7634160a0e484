using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Contests;

/// <summary>
/// Who sees what of a contest. Organizers of the contest's organization (and administrators) see everything. A juror sees
/// only the (juror, entry) pairs of <see cref="OpenPairs"/>: the one filter every jury read goes through — entry lists,
/// the scoring page, sheets of other jurors, attachments, results, exports — so a conflict hides the entry everywhere at once.
/// </summary>
public static class ContestAccess
{
    /// <summary>Assignments not covered by a conflict of interest: what a juror may see and score, and the only sheets that count.</summary>
    public static IQueryable<Assignment> OpenPairs(EventsDbContext db) =>
        db.Assignments.Where(a => !db.Conflicts.Any(c => c.JurorId == a.JurorId && c.EntryId == a.EntryId));

    /// <summary>Entries a juror may see: assigned to them in some round and not in conflict.</summary>
    public static IQueryable<ContestEntry> EntriesVisibleTo(EventsDbContext db, string jurorId) =>
        db.ContestEntries.Where(e => OpenPairs(db).Any(p => p.JurorId == jurorId && p.EntryId == e.Id));

    /// <summary>Sheets that count in results and that other jurors may be shown: their pair is still open.</summary>
    public static IQueryable<ScoreSheet> CountingSheets(EventsDbContext db) =>
        db.ScoreSheets.Where(s => OpenPairs(db).Any(p => p.RoundId == s.RoundId && p.JurorId == s.JurorId && p.EntryId == s.EntryId));

    public static async Task<Contest> ManagedAsync(EventsDbContext db, Actor actor, int contestId, CancellationToken ct, bool tracking = false)
    {
        var query = db.Contests.Include(c => c.Rounds).ThenInclude(r => r.Criteria).AsQueryable();
        if (!tracking) query = query.AsNoTracking();
        var contest = await query.FirstOrDefaultAsync(c => c.Id == contestId, ct) ?? throw new NotFoundException("contest");
        if (!await OrganizesAsync(db, actor, contest.OrganizationId, ct)) throw new ForbiddenException("not an organizer of this contest");
        contest.Rounds.Sort((a, b) => a.Number.CompareTo(b.Number));
        foreach (var r in contest.Rounds) r.Criteria.Sort((a, b) => a.Position.CompareTo(b.Position));
        return contest;
    }

    /// <summary>
    /// An administrator, or a member of the organization with the Organizer role. Membership alone is not enough: jurors belong to
    /// organizations too (their memberships feed conflict suggestions), and a juror of a contest their own organization runs
    /// still gets the jury's view (assigned entries only, blind when judging is blind).
    /// </summary>
    public static async Task<bool> OrganizesAsync(EventsDbContext db, Actor actor, int organizationId, CancellationToken ct) =>
        actor.IsAdministrator
        || (await ManagementRights.HasAsync(db, actor, organizationId, ct)
            && await db.UserRoles.AnyAsync(ur => ur.UserId == actor.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == People.Roles.Organizer), ct));

    public static async Task<(Round Round, Contest Contest)> ManagedRoundAsync(EventsDbContext db, Actor actor, int roundId, CancellationToken ct, bool tracking = false)
    {
        var contestId = await db.Rounds.Where(r => r.Id == roundId).Select(r => (int?)r.ContestId).FirstOrDefaultAsync(ct)
                        ?? throw new NotFoundException("round");
        var contest = await ManagedAsync(db, actor, contestId, ct, tracking);
        return (contest.Rounds.First(r => r.Id == roundId), contest);
    }

    public static Task<bool> IsJurorAsync(EventsDbContext db, string userId, int contestId, CancellationToken ct) =>
        db.ContestJurors.AnyAsync(j => j.ContestId == contestId && j.UserId == userId, ct);

    /// <summary>The entries a round judges: every active entry for the first round, the advanced ones for later rounds.</summary>
    public static IQueryable<ContestEntry> EntriesOfRound(EventsDbContext db, Round round) =>
        round.IsFirst
            ? db.ContestEntries.Where(e => e.ContestId == round.ContestId && e.Status == EntryStatus.Submitted)
            : db.ContestEntries.Where(e => e.Status == EntryStatus.Submitted && db.RoundEntries.Any(x => x.RoundId == round.Id && x.EntryId == e.Id));
}
