using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Contests;

/// <summary>Saving sheets: only the assigned juror without a conflict, only in an open round, only valid scores; every change kept.</summary>
public class ScoringServiceTests
{
    private const double Precision = 1e-9;

    private static async Task<(ContestScenario S, Round Round, Actor Juror, EntryCreated Entry)> AssignedAsync(TestDatabase db, bool openRound = true)
    {
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Solar dryer for apricots");
        var round = await s.RoundAsync(open: openRound);
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, entry.Entry.Id);
        return (s, round, juror, entry);
    }

    private static Task<(int Sheets, int Changes)> StoredAsync(ContestScenario s) =>
        s.QueryAsync(async c => (await c.ScoreSheets.CountAsync(), await c.ScoreChanges.CountAsync()));

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.001)]
    [InlineData(10.001)]
    [InlineData(11)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Save_ScoreOutsideZeroToMax_ValidationFailed_NothingStored(double idea)
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        var (ideaId, impactId) = (round.Criteria[0].Id, round.Criteria[1].Id);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, idea), (impactId, 3)], null, Final: false)));

        var error = Assert.Single(e.Errors);
        Assert.Equal($"scores.{ideaId}", error.Field);
        Assert.Equal("Validation_Score", error.Key);
        Assert.Equal((0, 0), await StoredAsync(s));
    }

    [Fact]
    public async Task Save_ScoreOutsideRange_OnExistingSheet_LeavesSheetAndHistoryAsTheyWere()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        var (ideaId, impactId) = (round.Criteria[0].Id, round.Criteria[1].Id);
        await s.ScoreAsync(juror, round, entry.Entry.Id, false, 6, 3);

        // Impact's maximum is 5.
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 7), (impactId, 5.5)], null, Final: true)));

        Assert.Equal((1, 1), await StoredAsync(s));
        var sheet = await s.QueryAsync(c => c.ScoreSheets.SingleAsync());
        Assert.False(sheet.IsFinal);
        Assert.Equal(6, sheet.Scores[ideaId]);
        Assert.Equal(3, sheet.Scores[impactId]);
    }

    [Fact]
    public async Task Save_BoundaryScores_ZeroAndMax_Accepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);

        var sheet = await s.ScoreAsync(juror, round, entry.Entry.Id, true, 0, 5);

        Assert.True(sheet.IsFinal);
        Assert.Equal(1, (await StoredAsync(s)).Sheets);
    }

    [Fact]
    public async Task Save_UnknownCriterion_ValidationFailed_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        // A criterion of another round of the same contest is unknown to this one too.
        var other = await s.Contests.AddRoundAsync(s.Organizer, s.Contest.Id, new RoundDraft("Final", [new("Pitch", 1, 10)]));
        var foreign = other.Criteria[0].Id;

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id,
            new SheetInput([(round.Criteria[0].Id, 5), (round.Criteria[1].Id, 2), (foreign, 5)], null, Final: false)));

        Assert.Contains(e.Errors, x => x.Field == $"scores.{foreign}" && x.Key == "Validation_UnknownCriterion");
        Assert.Equal((0, 0), await StoredAsync(s));
    }

    [Fact]
    public async Task Save_FinalWithoutEveryCriterion_ValidationFailed_DraftWithPartOfThem_Saved()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        var (ideaId, impactId) = (round.Criteria[0].Id, round.Criteria[1].Id);

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 7)], null, Final: true)));
        Assert.Contains(missing.Errors, x => x.Field == $"scores.{impactId}" && x.Key == "Validation_ScoreMissing");
        // A null score is no score either.
        var nullScore = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 7), (impactId, null)], null, Final: true)));
        Assert.Contains(nullScore.Errors, x => x.Field == $"scores.{impactId}" && x.Key == "Validation_ScoreMissing");
        Assert.Equal((0, 0), await StoredAsync(s));

        var draft = await s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 7)], null, Final: false));
        Assert.False(draft.IsFinal);
        Assert.Equal(new Dictionary<int, double> { [ideaId] = 7 }, draft.Scores);
    }

    [Fact]
    public async Task Save_EntryNotAssignedToTheJuror_Forbidden_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, _) = await AssignedAsync(db);
        var other = await s.SubmitAsync("Another entry");
        var outsider = await s.JurorAsync(join: false);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.ScoreAsync(juror, round, other.Entry.Id, true, 5, 5));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.ScoreAsync(outsider, round, other.Entry.Id, true, 5, 5));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.ScoreAsync(TestActors.Stranger, round, other.Entry.Id, true, 5, 5));
        Assert.Equal((0, 0), await StoredAsync(s));
    }

    [Fact]
    public async Task Save_ConflictedEntry_Forbidden_EvenWithAStaleAssignmentRow()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        await s.Jury.DeclareConflictAsync(s.Organizer, s.Contest.Id, juror.UserId, entry.Entry.Id, "Former colleague");

        await Assert.ThrowsAsync<ForbiddenException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, true, 5, 5));

        // The conflict itself closes the pair, not only the deleted assignment: a row put back by hand changes nothing.
        await using (var c = db.NewContext())
        {
            c.Assignments.Add(new Assignment { RoundId = round.Id, JurorId = juror.UserId, EntryId = entry.Entry.Id, AssignedUtc = db.Clock.GetUtcNow().UtcDateTime });
            await c.SaveChangesAsync();
        }
        await Assert.ThrowsAsync<ForbiddenException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, true, 5, 5));
        Assert.Equal((0, 0), await StoredAsync(s));
    }

    [Fact]
    public async Task Save_RoundInSetup_RuleViolation_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db, openRound: false);

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, true, 5, 5));

        Assert.Equal("Rule_RoundNotOpen", e.Key);
        Assert.Equal((0, 0), await StoredAsync(s));
    }

    [Fact]
    public async Task Save_RoundClosed_RuleViolation_SheetUnchanged()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        await s.ScoreAsync(juror, round, entry.Entry.Id, false, 5, 2);
        await s.Contests.CloseRoundAsync(s.Organizer, round.Id);

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, true, 9, 5));

        Assert.Equal("Rule_ScoresLocked", e.Key);
        Assert.Equal((1, 1), await StoredAsync(s));
        Assert.False((await s.QueryAsync(c => c.ScoreSheets.SingleAsync())).IsFinal);
    }

    [Fact]
    public async Task Save_EveryChange_AppendedWithOldAndNewAndWho_UnchangedSaveAddsNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        var (ideaId, impactId) = (round.Criteria[0].Id, round.Criteria[1].Id);
        var t1 = db.Clock.GetUtcNow().UtcDateTime;

        var sheet = await s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 5)], "First look", Final: false));
        db.Clock.Advance(TimeSpan.FromHours(1));
        await s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 7), (impactId, 4)], null, Final: true));
        // The same again: nothing changed, nothing appended.
        await s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 7), (impactId, 4)], null, Final: true));
        db.Clock.Advance(TimeSpan.FromHours(1));
        await s.Scoring.SaveAsync(juror, round.Id, entry.Entry.Id, new SheetInput([(ideaId, 8), (impactId, 4)], "Better on reading again", Final: true));

        var history = await s.QueryAsync(c => c.ScoreChanges.Where(x => x.SheetId == sheet.Id).OrderBy(x => x.Id).ToListAsync());
        Assert.Equal(3, history.Count);
        Assert.All(history, h => Assert.Equal(juror.UserId, h.ChangedBy));

        Assert.Empty(history[0].OldScores);
        Assert.Equal(new Dictionary<int, double> { [ideaId] = 5 }, history[0].NewScores);
        Assert.Null(history[0].OldComment);
        Assert.Equal("First look", history[0].NewComment);
        Assert.False(history[0].OldFinal);
        Assert.False(history[0].NewFinal);
        Assert.Equal(t1, history[0].ChangedUtc);

        Assert.Equal(new Dictionary<int, double> { [ideaId] = 5 }, history[1].OldScores);
        Assert.Equal(new Dictionary<int, double> { [ideaId] = 7, [impactId] = 4 }, history[1].NewScores);
        Assert.Equal("First look", history[1].OldComment);
        Assert.Null(history[1].NewComment);
        Assert.False(history[1].OldFinal);
        Assert.True(history[1].NewFinal);
        Assert.Equal(t1.AddHours(1), history[1].ChangedUtc);

        Assert.Equal(new Dictionary<int, double> { [ideaId] = 7, [impactId] = 4 }, history[2].OldScores);
        Assert.Equal(new Dictionary<int, double> { [ideaId] = 8, [impactId] = 4 }, history[2].NewScores);
        Assert.Equal("Better on reading again", history[2].NewComment);
        Assert.True(history[2].OldFinal);
        Assert.True(history[2].NewFinal);

        var stored = await s.QueryAsync(c => c.ScoreSheets.SingleAsync());
        Assert.Equal(new Dictionary<int, double> { [ideaId] = 8, [impactId] = 4 }, stored.Scores);

        // The juror and the contest's organizers read the history; another juror may not.
        Assert.Equal(3, (await s.Scoring.HistoryAsync(juror, sheet.Id)).Count);
        Assert.Equal(history.Select(h => h.Id), (await s.Scoring.HistoryAsync(s.Organizer, sheet.Id)).Select(h => h.Id));
        var other = await s.JurorAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Scoring.HistoryAsync(other, sheet.Id));
    }

    [Fact]
    public async Task Results_DraftSheetDoesNotCount_FinalDoes()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, first, entry) = await AssignedAsync(db);
        var second = await s.JurorAsync();
        await s.AssignAsync(round, second, entry.Entry.Id);

        // First: (8, 4) → 2.5·8 + 15·4 = 80, final. Second: (2, 1) → 5 + 15 = 20, a draft.
        await s.ScoreAsync(first, round, entry.Entry.Id, true, 8, 4);
        await s.ScoreAsync(second, round, entry.Entry.Id, false, 2, 1);
        var line = Assert.Single(await s.ResultsAsync(round));
        Assert.Equal(1, line.JurorCount);
        Assert.Equal(80, line.Mean!.Value, Precision);

        // Made final: both count, mean (80 + 20)/2 = 50, spread 60 → warning.
        await s.ScoreAsync(second, round, entry.Entry.Id, true, 2, 1);
        line = Assert.Single(await s.ResultsAsync(round));
        Assert.Equal(2, line.JurorCount);
        Assert.Equal(50, line.Mean!.Value, Precision);
        Assert.True(line.SpreadWarning);

        // Back to draft: it stops counting again.
        await s.ScoreAsync(second, round, entry.Entry.Id, false, 2, 1);
        Assert.Equal(1, Assert.Single(await s.ResultsAsync(round)).JurorCount);
    }

    [Fact]
    public async Task MyEntries_ListsOwnAssignedEntriesWithOwnTotals()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry) = await AssignedAsync(db);
        var notMine = await s.SubmitAsync("Not assigned to this juror");
        await s.ScoreAsync(juror, round, entry.Entry.Id, false, 4, 2);

        var mine = Assert.Single(await s.Scoring.MyEntriesAsync(juror, round.Id));

        Assert.Equal(entry.Entry.Id, mine.EntryId);
        Assert.NotEqual(notMine.Entry.Id, mine.EntryId);
        Assert.True(mine.HasSheet);
        Assert.False(mine.IsFinal);
        // 2.5·4 + 15·2 = 40.
        Assert.Equal(40, mine.Total!.Value, Precision);
    }
}
