using Events.Core.Common;
using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Contests;

/// <summary>A round where the juror has entries to score, with how far they are.</summary>
public sealed record JuryRound(int ContestId, string ContestTitle, bool Blind, int RoundId, string RoundName, RoundStatus Status, int Assigned, int Final,
    int? NextEntryId);

/// <summary>An assigned entry in the juror's list, with the state of their own sheet.</summary>
public sealed record JuryEntry(int EntryId, string Title, string? Category, bool HasSheet, bool IsFinal, double? Total);

/// <summary>Another juror's final sheet, as the round's <see cref="SeeOtherScores"/> lets a juror see it (jurors are numbered, not named).</summary>
public sealed record OtherSheet(int JurorNumber, double Total, IReadOnlyDictionary<int, double> Scores, string? Comment);

/// <summary>Everything the scoring page shows.</summary>
public sealed record ScoringView(int ContestId, string ContestTitle, bool Blind, Round Round, EntryView Entry, ScoreSheet? Own, IReadOnlyList<OtherSheet>? Others,
    int Position, int Count, int? NextUnfinishedEntryId, int? PreviousEntryId, int? NextEntryId);

/// <summary>A sheet in the organizer's list.</summary>
public sealed record SheetRow(int SheetId, int EntryId, string JurorId, string JurorName, bool IsFinal, double Total, string? Comment, DateTime UpdatedUtc, int Changes);

public sealed record SheetInput(IReadOnlyList<(int CriterionId, double? Score)>? Scores, string? Comment, bool Final);

/// <summary>
/// The juror's side: the rounds and entries assigned to them (through <see cref="ContestAccess.OpenPairs"/> only), the scoring
/// page, and saving sheets. Sheets save only while their round is Open; every change is appended to the sheet's history.
/// </summary>
public sealed class ScoringService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<JuryRound>> MyRoundsAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pairs = await ContestAccess.OpenPairs(db).Where(p => p.JurorId == actor.UserId)
            .Join(db.ContestEntries.Where(e => e.Status == EntryStatus.Submitted), p => p.EntryId, e => e.Id, (p, e) => new { p.RoundId, p.EntryId, e.SubmittedUtc })
            .ToListAsync(ct);
        var roundIds = pairs.Select(p => p.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Contest).Where(r => roundIds.Contains(r.Id) && r.Status != RoundStatus.Setup).ToListAsync(ct);
        var finals = (await db.ScoreSheets.Where(s => s.JurorId == actor.UserId && roundIds.Contains(s.RoundId) && s.IsFinal)
            .Select(s => new { s.RoundId, s.EntryId }).ToListAsync(ct)).Select(s => (s.RoundId, s.EntryId)).ToHashSet();
        return rounds.OrderBy(r => r.Status).ThenByDescending(r => r.OpenedUtc).Select(r =>
        {
            var mine = pairs.Where(p => p.RoundId == r.Id).OrderBy(p => p.SubmittedUtc).ThenBy(p => p.EntryId).ToList();
            var next = mine.FirstOrDefault(p => !finals.Contains((r.Id, p.EntryId)));
            return new JuryRound(r.ContestId, r.Contest!.LocalizedTitle(culture), r.Contest.Blind, r.Id, r.Name, r.Status, mine.Count,
                mine.Count(p => finals.Contains((r.Id, p.EntryId))), r.Status == RoundStatus.Open ? next?.EntryId : null);
        }).ToList();
    }

    public async Task<IReadOnlyList<JuryEntry>> MyEntriesAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await LoadRoundAsync(db, roundId, ct);
        var entries = await AssignedAsync(db, actor, roundId, ct);
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.RoundId == roundId && s.JurorId == actor.UserId).ToListAsync(ct);
        var rubric = Rubric(round);
        return entries.Select(e =>
        {
            var sheet = sheets.FirstOrDefault(s => s.EntryId == e.Id);
            return new JuryEntry(e.Id, e.Title, e.Category, sheet is not null, sheet?.IsFinal == true, sheet is null ? null : RoundResults.Total(rubric, sheet.Scores));
        }).ToList();
    }

    private static List<RubricLine> Rubric(Round round) => round.Criteria.Select(c => new RubricLine(c.Id, c.Weight, c.MaxScore)).ToList();

    private static async Task<Round> LoadRoundAsync(EventsDbContext db, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.Contest).FirstOrDefaultAsync(r => r.Id == roundId, ct)
                    ?? throw new NotFoundException("round");
        round.Criteria.Sort((a, b) => a.Position.CompareTo(b.Position));
        return round;
    }

    /// <summary>The juror's entries of a round in a stable order (submission time): active, assigned, without a conflict.</summary>
    private static Task<List<ContestEntry>> AssignedAsync(EventsDbContext db, Actor actor, int roundId, CancellationToken ct) =>
        db.ContestEntries.AsNoTracking().Include(e => e.Attachments)
            .Where(e => e.Status == EntryStatus.Submitted && ContestAccess.OpenPairs(db).Any(p => p.RoundId == roundId && p.JurorId == actor.UserId && p.EntryId == e.Id))
            .OrderBy(e => e.SubmittedUtc).ThenBy(e => e.Id).ToListAsync(ct);

    /// <summary>The scoring page of one entry; 403 when the entry is not assigned to the caller or a conflict stands.</summary>
    public async Task<ScoringView> SheetAsync(Actor actor, int roundId, int entryId, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await LoadRoundAsync(db, roundId, ct);
        var entries = await AssignedAsync(db, actor, roundId, ct);
        var index = entries.FindIndex(e => e.Id == entryId);
        if (index < 0) throw new ForbiddenException("not assigned to this entry, or in conflict with it");
        var own = await db.ScoreSheets.AsNoTracking().FirstOrDefaultAsync(s => s.RoundId == roundId && s.EntryId == entryId && s.JurorId == actor.UserId, ct);
        IReadOnlyList<OtherSheet>? others = null;
        if (round.SeeOtherScores == SeeOtherScores.Always || round.SeeOtherScores == SeeOtherScores.AfterOwn && own?.IsFinal == true)
        {
            // Only final sheets of others, and only those that count (the same filter as the results).
            var rows = await ContestAccess.CountingSheets(db).AsNoTracking()
                .Where(s => s.RoundId == roundId && s.EntryId == entryId && s.IsFinal && s.JurorId != actor.UserId).OrderBy(s => s.Id).ToListAsync(ct);
            var rubric = Rubric(round);
            others = rows.Select((s, i) => new OtherSheet(i + 1, RoundResults.Total(rubric, s.Scores), s.Scores, s.Comment)).ToList();
        }
        var finals = (await db.ScoreSheets.Where(s => s.RoundId == roundId && s.JurorId == actor.UserId && s.IsFinal).Select(s => s.EntryId).ToListAsync(ct)).ToHashSet();
        var nextUnfinished = entries.Skip(index + 1).Concat(entries.Take(index)).FirstOrDefault(e => !finals.Contains(e.Id))?.Id;
        return new ScoringView(round.ContestId, round.Contest!.LocalizedTitle(culture), round.Contest.Blind, round, EntryView.ForJuror(entries[index], round.Contest.Blind),
            own, others, index + 1, entries.Count, nextUnfinished, index > 0 ? entries[index - 1].Id : null, index + 1 < entries.Count ? entries[index + 1].Id : null);
    }

    /// <summary>
    /// Saves the caller's sheet: 403 unless assigned without a conflict, 422 unless the round is Open, 400 for a score outside
    /// 0..max, an unknown criterion, or a final sheet with a criterion unscored. Nothing is stored when any check fails.
    /// </summary>
    public async Task<ScoreSheet> SaveAsync(Actor actor, int roundId, int entryId, SheetInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await LoadRoundAsync(db, roundId, ct);
        var allowed = await ContestAccess.OpenPairs(db).AnyAsync(p => p.RoundId == roundId && p.JurorId == actor.UserId && p.EntryId == entryId, ct)
                      && await db.ContestEntries.AnyAsync(e => e.Id == entryId && e.Status == EntryStatus.Submitted, ct);
        if (!allowed) throw new ForbiddenException("not assigned to this entry, or in conflict with it");
        if (round.Status != RoundStatus.Open) throw new RuleViolationException(round.Status == RoundStatus.Closed ? "Rule_ScoresLocked" : "Rule_RoundNotOpen");

        var v = new Validator();
        var scores = new Dictionary<int, double>();
        var byId = round.Criteria.ToDictionary(c => c.Id);
        foreach (var (criterionId, score) in input.Scores ?? [])
        {
            if (!byId.TryGetValue(criterionId, out var criterion)) { v.Add($"scores.{criterionId}", "Validation_UnknownCriterion"); continue; }
            if (score is null) continue;
            if (!double.IsFinite(score.Value) || score < 0 || score > criterion.MaxScore)
                v.Add($"scores.{criterionId}", "Validation_Score", criterion.Name, criterion.MaxScore);
            else scores[criterionId] = score.Value;
        }
        if (input.Final)
            foreach (var c in round.Criteria.Where(c => !scores.ContainsKey(c.Id) && !(input.Scores ?? []).Any(s => s.CriterionId == c.Id && s.Score is not null)))
                v.Add($"scores.{c.Id}", "Validation_ScoreMissing", c.Name);
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        v.When(comment?.Length > ScoreSheet.CommentMaxLength, "comment", "Validation_TooLong", ScoreSheet.CommentMaxLength);
        v.ThrowIfAny();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claims the round row for this transaction and proves it is still Open: a close committed since the check above
        // either waits for this save or makes it fail here, never lets a sheet change after the round closed.
        if (await db.Rounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Open).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RoundStatus.Open), ct) == 0)
            throw new RuleViolationException("Rule_ScoresLocked");
        var sheet = await db.ScoreSheets.FirstOrDefaultAsync(s => s.RoundId == roundId && s.EntryId == entryId && s.JurorId == actor.UserId, ct);
        // With "after own" the juror has seen the others' sheets since marking final: changing it then would no longer be independent.
        if (sheet is { IsFinal: true } && round.SeeOtherScores == SeeOtherScores.AfterOwn && (!SameScores(sheet.Scores, scores) || !input.Final || sheet.Comment != comment))
            throw new RuleViolationException("Rule_SheetFinalLocked");
        if (sheet is null)
        {
            sheet = new ScoreSheet { RoundId = roundId, EntryId = entryId, JurorId = actor.UserId };
            db.ScoreSheets.Add(sheet);
        }
        var changed = !SameScores(sheet.Scores, scores) || sheet.Comment != comment || sheet.IsFinal != input.Final || sheet.Id == 0;
        if (!changed) return sheet; // the transaction ends unused
        var change = new ScoreChange
        {
            ChangedBy = actor.UserId, ChangedUtc = Now, OldScores = new(sheet.Scores), NewScores = new(scores), OldComment = sheet.Comment, NewComment = comment,
            OldFinal = sheet.IsFinal, NewFinal = input.Final,
        };
        sheet.SetScores(scores, Rubric(round));
        sheet.Comment = comment;
        sheet.IsFinal = input.Final;
        sheet.UpdatedUtc = Now;
        sheet.Changes.Add(change);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return sheet;
    }

    private static bool SameScores(Dictionary<int, double> a, Dictionary<int, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>The sheets of a round that count, for its organizers: who scored what, final or draft, with the total (entries of the round only).</summary>
    public async Task<IReadOnlyList<SheetRow>> SheetsAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        var active = ContestAccess.EntriesOfRound(db, round).Select(e => e.Id);
        var rows = await ContestAccess.CountingSheets(db).AsNoTracking().Where(s => s.RoundId == roundId && active.Contains(s.EntryId))
            .Join(db.Users, s => s.JurorId, u => u.Id, (s, u) => new { Sheet = s, u.FullName, Changes = s.Changes.Count }).ToListAsync(ct);
        var rubric = Rubric(round);
        return rows.OrderBy(r => r.Sheet.EntryId).ThenBy(r => r.FullName)
            .Select(r => new SheetRow(r.Sheet.Id, r.Sheet.EntryId, r.Sheet.JurorId, r.FullName, r.Sheet.IsFinal, RoundResults.Total(rubric, r.Sheet.Scores),
                r.Sheet.Comment, r.Sheet.UpdatedUtc, r.Changes)).ToList();
    }

    /// <summary>A sheet's history, oldest first: the juror's own (while the entry is theirs to see), or any for the contest's organizers.</summary>
    public async Task<IReadOnlyList<ScoreChange>> HistoryAsync(Actor actor, int sheetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sheet = await db.ScoreSheets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sheetId, ct) ?? throw new NotFoundException("sheet");
        var own = sheet.JurorId == actor.UserId
                  && await ContestAccess.OpenPairs(db).AnyAsync(p => p.RoundId == sheet.RoundId && p.JurorId == actor.UserId && p.EntryId == sheet.EntryId, ct);
        if (!own)
        {
            // Anyone else — a conflicted juror included, even for their own old sheet — must organize the contest.
            var contestId = await db.Rounds.Where(r => r.Id == sheet.RoundId).Select(r => r.ContestId).FirstAsync(ct);
            await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        }
        return await db.ScoreChanges.AsNoTracking().Where(c => c.SheetId == sheetId).OrderBy(c => c.Id).ToListAsync(ct);
    }
}
