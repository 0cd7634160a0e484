using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Contests;

/// <summary>Rounds: Setup → Open → Closed; advancing the top N or chosen entries opens the next round with exactly those.</summary>
public class RoundTests
{
    private const double Precision = 1e-9;

    /// <summary>
    /// Four entries scored out of 100 by two jurors: 1 → 70, 70 (mean 70); 2 → 90, 80 (85); 3 → 40, 50 (45); 4 → 60, 90 (75).
    /// Ranking by mean: 2, 4, 1, 3. The first round is closed; a final round waits in Setup.
    /// </summary>
    private static async Task<(ContestScenario S, Round First, Round Final, int[] Entries, Actor[] Jurors)> ScoredAsync(TestDatabase db, bool close = true)
    {
        var s = await ContestScenario.CreateAsync(db);
        var entries = new int[4];
        for (var i = 0; i < 4; i++) entries[i] = (await s.SubmitAsync($"Entry {i + 1}")).Entry.Id;
        var first = await s.RoundAsync("Shortlist", ContestScenario.OutOfHundred);
        var final = await s.RoundAsync("Final", [new("Pitch", 2, 10), new("Team", 1, 10)], open: false);
        Actor[] jurors = [await s.JurorAsync(), await s.JurorAsync()];
        foreach (var j in jurors) await s.AssignAsync(first, j, entries);
        double[][] scores = [[70, 90, 40, 60], [70, 80, 50, 90]];
        for (var j = 0; j < 2; j++)
            for (var e = 0; e < 4; e++)
                await s.ScoreAsync(jurors[j], first, entries[e], true, scores[j][e]);
        if (close) await s.Contests.CloseRoundAsync(s.Organizer, first.Id);
        return (s, first, final, entries, jurors);
    }

    [Fact]
    public async Task Results_RankedByMean()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, first, _, entries, _) = await ScoredAsync(db);

        var results = await s.ResultsAsync(first);

        Assert.Equal([entries[1], entries[3], entries[0], entries[2]], results.Select(r => r.EntryId));
        Assert.Equal([85.0, 75, 70, 45], results.Select(r => Math.Round(r.Mean!.Value, 9)));
        Assert.Equal([1, 2, 3, 4], results.Select(r => r.Rank));
    }

    [Fact]
    public async Task AdvanceTopN_OpensTheNextRoundWithExactlyThoseEntries()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, first, final, entries, jurors) = await ScoredAsync(db);

        var (next, chosen) = await s.Contests.AdvanceAsync(s.Organizer, first.Id, null, top: 2);

        Assert.Equal(final.Id, next.Id);
        Assert.Equal(RoundStatus.Open, next.Status);
        Assert.Equal([entries[1], entries[3]], chosen);
        Assert.Equal([entries[1], entries[3]], (await s.QueryAsync(c => c.RoundEntries.Where(x => x.RoundId == final.Id).Select(x => x.EntryId).ToListAsync())).Order());
        Assert.Equal(RoundStatus.Open, (await s.QueryAsync(c => c.Rounds.SingleAsync(r => r.Id == final.Id))).Status);
        // The final round judges those two only: in its results, in automatic assignment, and for scoring.
        Assert.Equal([entries[1], entries[3]], (await s.ResultsAsync(final)).Select(r => r.EntryId).Order());
        var made = await s.Jury.AutoAssignAsync(s.Organizer, final.Id, 2);
        Assert.Equal([entries[1], entries[1], entries[3], entries[3]], made.Select(a => a.EntryId).Order());
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Jury.AssignAsync(s.Organizer, final.Id, jurors[0].UserId, entries[0]));
        Assert.Equal("Validation_EntryNotInRound", Assert.Single(e.Errors).Key);
        // Pitch (weight 2) 10, Team (weight 1) 4 → 100 · (2·1 + 1·0.4) / 3 = 80.
        var sheet = await s.ScoreAsync(jurors[0], next, entries[1], true, 10, 4);
        Assert.True(sheet.IsFinal);
        Assert.Equal(80, (await s.ResultsAsync(final)).Single(r => r.EntryId == entries[1]).Mean!.Value, Precision);
    }

    [Fact]
    public async Task AdvanceChosenIds_OpensTheNextRoundWithExactlyThoseEntries()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, first, final, entries, _) = await ScoredAsync(db);

        // The organizer may choose others than the top ones.
        var (next, chosen) = await s.Contests.AdvanceAsync(s.Organizer, first.Id, [entries[2], entries[0], entries[2]], top: null);

        Assert.Equal(RoundStatus.Open, next.Status);
        Assert.Equal([entries[0], entries[2]], chosen.Order());
        Assert.Equal([entries[0], entries[2]], (await s.ResultsAsync(final)).Select(r => r.EntryId).Order());
    }

    [Fact]
    public async Task Advance_RoundNotClosed_OrBadChoice_Refused()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, first, final, entries, _) = await ScoredAsync(db, close: false);

        var open = await Assert.ThrowsAsync<RuleViolationException>(() => s.Contests.AdvanceAsync(s.Organizer, first.Id, null, 2));
        Assert.Equal("Rule_RoundNotClosed", open.Key);

        await s.Contests.CloseRoundAsync(s.Organizer, first.Id);
        var tooMany = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Contests.AdvanceAsync(s.Organizer, first.Id, null, 5));
        Assert.Equal("top", Assert.Single(tooMany.Errors).Field);
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Contests.AdvanceAsync(s.Organizer, first.Id, [entries[0], 999_999], null));
        Assert.Equal("Validation_EntryNotInRound", Assert.Single(unknown.Errors).Key);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Contests.AdvanceAsync(TestActors.Stranger, first.Id, null, 2));

        Assert.Equal(0, await s.QueryAsync(c => c.RoundEntries.CountAsync()));
        Assert.Equal(RoundStatus.Setup, (await s.QueryAsync(c => c.Rounds.SingleAsync(r => r.Id == final.Id))).Status);
    }

    [Fact]
    public async Task OpenRound_LaterRoundByHand_Refused_RubricLockedOnceOpen()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, first, final, _, _) = await ScoredAsync(db, close: false);

        // A later round opens only when entries advance into it (opened by hand it would stay empty).
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Contests.OpenRoundAsync(s.Organizer, final.Id));
        Assert.Equal("Rule_OpenedByAdvance", e.Key);
        var locked = await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Contests.UpdateRoundAsync(s.Organizer, first.Id, new RoundDraft("Shortlist", [new("Overall", 1, 10)])));
        Assert.Equal("Rule_RoundNotInSetup", locked.Key);
    }

    [Fact]
    public async Task Results_ChosenMethodOverridesTheRounds()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var round = await s.RoundAsync(criteria: ContestScenario.OutOfHundred, rankBy: RankMethod.Normalized);
        int[] entries = new int[4];
        for (var i = 0; i < 4; i++) entries[i] = (await s.SubmitAsync($"Entry {i + 1}")).Entry.Id;
        Actor[] jurors = [await s.JurorAsync(), await s.JurorAsync(), await s.JurorAsync()];
        foreach (var j in jurors) await s.AssignAsync(round, j, entries);
        // The hand-computed case of RoundResultsTests.Compute_NormalizedRanking_DiffersFromMeanRanking:
        // A: 60, 40, 60, 40 (z +1, −1, +1, −1); B: 90, 90, 80, 80 (z +1, +1, −1, −1); C: 100 on entries 2 and 4 (no z).
        // Mean: 2 (76.67), 1 (75), 4 (73.33), 3 (70). Normalized: 1 (1), 2 (0, median 90), 3 (0, median 70), 4 (−1).
        double?[][] scores = [[60, 40, 60, 40], [90, 90, 80, 80], [null, 100, null, 100]];
        for (var j = 0; j < 3; j++)
            for (var e = 0; e < 4; e++)
                if (scores[j][e] is { } score) await s.ScoreAsync(jurors[j], round, entries[e], true, score);

        Assert.Equal([entries[0], entries[1], entries[2], entries[3]], (await s.ResultsAsync(round)).Select(r => r.EntryId));
        Assert.Equal([entries[1], entries[0], entries[3], entries[2]], (await s.ResultsAsync(round, RankMethod.Mean)).Select(r => r.EntryId));
    }
}
