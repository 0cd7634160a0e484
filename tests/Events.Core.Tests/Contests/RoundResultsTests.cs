using Events.Core.Contests;

namespace Events.Core.Tests.Contests;

/// <summary>
/// The results calculator on hand-computed cases. Rules (issue 9, item 7):
/// T = 100 · Σ w_c · (s_c / max_c) / Σ w_c; mean, median, population σ of an entry's totals; z = (T − μ_j) / σ_j for jurors with
/// at least 3 final sheets and σ_j &gt; 0; rank by mean or normalized, ties by higher median then earlier submission; spread warning above 30.
/// </summary>
public class RoundResultsTests
{
    private const double Precision = 1e-9;
    private static readonly DateTime T0 = new(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Idea (id 1, weight 1, max 10) and Impact (id 2, weight 3, max 5): T = 100·(a/10 + 3·b/5)/4 = 2.5·a + 15·b.</summary>
    private static readonly RubricLine[] TwoCriteria = [new(1, 1, 10), new(2, 3, 5)];

    /// <summary>One criterion (id 1, weight 1, max 100): T = s.</summary>
    private static readonly RubricLine[] OutOfHundred = [new(1, 1, 100)];

    private static FinalSheet Sheet(string juror, int entry, double score) => new(juror, entry, new Dictionary<int, double> { [1] = score });

    private static FinalSheet Sheet(string juror, int entry, double idea, double impact) =>
        new(juror, entry, new Dictionary<int, double> { [1] = idea, [2] = impact });

    private static EntryForResults Entry(int id, int minute) => new(id, T0.AddMinutes(minute));

    private static void Near(double expected, double? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected, actual.Value, Precision);
    }

    private static EntryResult Of(IReadOnlyList<EntryResult> results, int entryId) => results.Single(r => r.EntryId == entryId);

    private static int[] Order(IReadOnlyList<EntryResult> results)
    {
        Assert.Equal(Enumerable.Range(1, results.Count), results.Select(r => r.Rank));
        return results.Select(r => r.EntryId).ToArray();
    }

    [Fact]
    public void Total_WeightsAndMaxScoresDiffer_WeighsEachScoreAsAShareOfItsMaximum()
    {
        // w = 2, 1, 3; max = 10, 5, 20; s = 7, 4, 15.
        // Σ w·s/max = 2·0.7 + 1·0.8 + 3·0.75 = 1.4 + 0.8 + 2.25 = 4.45; Σ w = 6; T = 100 · 4.45 / 6 = 445/6 = 74.1666…
        RubricLine[] rubric = [new(10, 2, 10), new(11, 1, 5), new(12, 3, 20)];
        var total = RoundResults.Total(rubric, new Dictionary<int, double> { [10] = 7, [11] = 4, [12] = 15 });
        Assert.Equal(445.0 / 6, total, Precision);

        // Every score at its maximum: 100; every score zero: 0.
        Assert.Equal(100, RoundResults.Total(rubric, new Dictionary<int, double> { [10] = 10, [11] = 5, [12] = 20 }), Precision);
        Assert.Equal(0, RoundResults.Total(rubric, new Dictionary<int, double> { [10] = 0, [11] = 0, [12] = 0 }), Precision);
    }

    [Fact]
    public void Total_SameScores_WeightsChangeTheTotal()
    {
        var scores = new Dictionary<int, double> { [1] = 10, [2] = 0 };
        // Equal weights: 100 · (1·1 + 1·0) / 2 = 50.
        Assert.Equal(50, RoundResults.Total([new(1, 1, 10), new(2, 1, 10)], scores), Precision);
        // Weights 3 and 1: 100 · (3·1 + 1·0) / 4 = 75.
        Assert.Equal(75, RoundResults.Total([new(1, 3, 10), new(2, 1, 10)], scores), Precision);
        // The two-criteria rubric: T = 2.5·a + 15·b → a = 8, b = 4: 20 + 60 = 80.
        Assert.Equal(80, RoundResults.Total(TwoCriteria, new Dictionary<int, double> { [1] = 8, [2] = 4 }), Precision);
    }

    [Fact]
    public void Compute_MeanMedianPopulationStdDevSpread_OddAndEvenCounts()
    {
        // Entry 1 (three jurors): J1 (8, 4) = 20 + 60 = 80; J2 (6, 3) = 15 + 45 = 60; J3 (10, 2) = 25 + 30 = 55.
        //   mean = 195/3 = 65; median (odd) = 60; σ² = (15² + 5² + 10²)/3 = 350/3; spread = 80 − 55 = 25 (no warning).
        // Entry 2 (four jurors): J1 (4, 2) = 40; J2 (10, 3) = 70; J3 (8, 2) = 50; J4 (6, 5) = 90.
        //   mean = 250/4 = 62.5; median (even) = (50 + 70)/2 = 60; σ² = (22.5² + 12.5² + 7.5² + 27.5²)/4 = 1475/4 = 368.75; spread = 50 (warning).
        // Every juror has fewer than 3 final sheets: no z, normalized null.
        var results = RoundResults.Compute(TwoCriteria, [Entry(1, 0), Entry(2, 1)],
        [
            Sheet("j1", 1, 8, 4), Sheet("j2", 1, 6, 3), Sheet("j3", 1, 10, 2),
            Sheet("j1", 2, 4, 2), Sheet("j2", 2, 10, 3), Sheet("j3", 2, 8, 2), Sheet("j4", 2, 6, 5),
        ], RankMethod.Mean);

        Assert.Equal([1, 2], Order(results));
        var first = Of(results, 1);
        Near(65, first.Mean);
        Near(60, first.Median);
        Near(Math.Sqrt(350.0 / 3), first.StdDev);
        Near(25, first.Spread);
        Assert.Equal(3, first.JurorCount);
        Assert.False(first.SpreadWarning);
        Assert.Null(first.Normalized);
        Assert.Equal([55.0, 60.0, 80.0], first.Totals.Order().Select(t => Math.Round(t, 9)));

        var second = Of(results, 2);
        Near(62.5, second.Mean);
        Near(60, second.Median);
        Near(Math.Sqrt(368.75), second.StdDev);
        Near(50, second.Spread);
        Assert.Equal(4, second.JurorCount);
        Assert.True(second.SpreadWarning);
        Assert.Null(second.Normalized);
    }

    [Fact]
    public void Compute_EntryWithoutFinalSheets_NullsAndRankedLast_EvenSubmittedFirst()
    {
        // Entry 3 was submitted first but nobody scored it; entry 1 has the low total 5, entry 2 has 90.
        var results = RoundResults.Compute(OutOfHundred, [Entry(3, 0), Entry(1, 1), Entry(2, 2)],
            [Sheet("j1", 1, 5), Sheet("j1", 2, 90)], RankMethod.Mean);

        Assert.Equal([2, 1, 3], Order(results));
        var empty = Of(results, 3);
        Assert.Null(empty.Mean);
        Assert.Null(empty.Median);
        Assert.Null(empty.StdDev);
        Assert.Null(empty.Normalized);
        Assert.Null(empty.Spread);
        Assert.Equal(0, empty.JurorCount);
        Assert.False(empty.SpreadWarning);
        Assert.Empty(empty.Totals);

        // Ranked by the normalized value, still last (j1 has 2 sheets: nobody has a z, all three are null, then by median).
        Assert.Equal([2, 1, 3], Order(RoundResults.Compute(OutOfHundred, [Entry(3, 0), Entry(1, 1), Entry(2, 2)],
            [Sheet("j1", 1, 5), Sheet("j1", 2, 90)], RankMethod.Normalized)));
    }

    [Fact]
    public void Compute_JurorWithFewerThanThreeSheets_LeftOutOfZ_ThreeSheetsCount()
    {
        // A has 3 sheets: 20, 50, 80 → μ = 50, σ² = (900 + 0 + 900)/3 = 600, z = −30/√600, 0, +30/√600 = −√1.5, 0, +√1.5.
        // D has 2 sheets (100 on entry 1, 0 on entry 4): σ = 50 > 0 but too few sheets, so D gives no z.
        //   With D, entry 1 would be (−√1.5 + 1)/2 and entry 2 unchanged; without, entry 1 = −√1.5. Entry 4 (D only) = null.
        var results = RoundResults.Compute(OutOfHundred, [Entry(1, 0), Entry(2, 1), Entry(3, 2), Entry(4, 3)],
        [
            Sheet("a", 1, 20), Sheet("a", 2, 50), Sheet("a", 3, 80),
            Sheet("d", 1, 100), Sheet("d", 4, 0),
        ], RankMethod.Normalized);

        Near(-Math.Sqrt(1.5), Of(results, 1).Normalized);
        Near(0, Of(results, 2).Normalized);
        Near(Math.Sqrt(1.5), Of(results, 3).Normalized);
        Assert.Null(Of(results, 4).Normalized);
        // Entry 1's mean still counts D: (20 + 100)/2 = 60.
        Near(60, Of(results, 1).Mean);
        // Normalized order: 3 (+1.22), 2 (0), 1 (−1.22), then 4 (none).
        Assert.Equal([3, 2, 1, 4], Order(results));
    }

    [Fact]
    public void Compute_JurorWithIdenticalTotals_SigmaZero_LeftOutOfZ()
    {
        // Z gives 70 to all four entries: μ = 70, σ = 0 → no z (a division by zero otherwise).
        // A: 20, 50, 80 on entries 1–3 → z = −√1.5, 0, +√1.5 (see above).
        // Entry 1: only A's z counts → −√1.5 (had Z's counted as 0, it would be −√1.5/2). Entry 4 (Z only): null.
        var results = RoundResults.Compute(OutOfHundred, [Entry(1, 0), Entry(2, 1), Entry(3, 2), Entry(4, 3)],
        [
            Sheet("z", 1, 70), Sheet("z", 2, 70), Sheet("z", 3, 70), Sheet("z", 4, 70),
            Sheet("a", 1, 20), Sheet("a", 2, 50), Sheet("a", 3, 80),
        ], RankMethod.Normalized);

        Near(-Math.Sqrt(1.5), Of(results, 1).Normalized);
        Near(0, Of(results, 2).Normalized);
        Near(Math.Sqrt(1.5), Of(results, 3).Normalized);
        Assert.Null(Of(results, 4).Normalized);
        Assert.All(results, r => Assert.True(r.Normalized is null || double.IsFinite(r.Normalized.Value)));
        // Means: (70+20)/2 = 45, (70+50)/2 = 60, (70+80)/2 = 75, 70.
        Near(45, Of(results, 1).Mean);
        Near(60, Of(results, 2).Mean);
        Near(75, Of(results, 3).Mean);
        Near(70, Of(results, 4).Mean);
        Assert.Equal([3, 2, 1, 4], Order(results));
    }

    [Fact]
    public void Compute_NormalizedRanking_DiffersFromMeanRanking()
    {
        // A (4 sheets): 60, 40, 60, 40 on entries 1–4 → μ = 50, σ = 10 → z = +1, −1, +1, −1.
        // B (4 sheets): 90, 90, 80, 80 → μ = 85, σ = 5 → z = +1, +1, −1, −1.
        // C (2 sheets, no z): 100 on entries 2 and 4.
        // Means: 1 = (60+90)/2 = 75; 2 = (40+90+100)/3 = 76.67; 3 = (60+80)/2 = 70; 4 = (40+80+100)/3 = 73.33 → order 2, 1, 4, 3.
        // Normalized: 1 = (1+1)/2 = 1; 2 = (−1+1)/2 = 0; 3 = (1−1)/2 = 0; 4 = −1.
        //   2 and 3 tie at 0: medians 90 (of 40, 90, 100) and 70 (of 60, 80) → 2 first, although 3 was submitted earlier → order 1, 2, 3, 4.
        EntryForResults[] entries = [Entry(1, 0), Entry(2, 3), Entry(3, 1), Entry(4, 2)];
        FinalSheet[] sheets =
        [
            Sheet("a", 1, 60), Sheet("a", 2, 40), Sheet("a", 3, 60), Sheet("a", 4, 40),
            Sheet("b", 1, 90), Sheet("b", 2, 90), Sheet("b", 3, 80), Sheet("b", 4, 80),
            Sheet("c", 2, 100), Sheet("c", 4, 100),
        ];

        var byMean = RoundResults.Compute(OutOfHundred, entries, sheets, RankMethod.Mean);
        var byNormalized = RoundResults.Compute(OutOfHundred, entries, sheets, RankMethod.Normalized);

        Assert.Equal([2, 1, 4, 3], Order(byMean));
        Assert.Equal([1, 2, 3, 4], Order(byNormalized));
        Near(75, Of(byMean, 1).Mean);
        Near(230.0 / 3, Of(byMean, 2).Mean);
        Near(70, Of(byMean, 3).Mean);
        Near(220.0 / 3, Of(byMean, 4).Mean);
        Near(1, Of(byNormalized, 1).Normalized);
        Near(0, Of(byNormalized, 2).Normalized);
        Near(0, Of(byNormalized, 3).Normalized);
        Near(-1, Of(byNormalized, 4).Normalized);
        Near(90, Of(byNormalized, 2).Median);
        Near(70, Of(byNormalized, 3).Median);
    }

    [Fact]
    public void Compute_TiesOnMean_BrokenByHigherMedian_ThenByEarlierSubmission()
    {
        // All four means are 60:
        //   1 (minute 2): 50, 50, 80 → median 50;  2 (minute 1): 40, 70, 70 → median 70;
        //   3 (minute 3): 60, 60 → median 60;      4 (minute 0): 60 → median 60.
        // Median: 2 first, 1 last; 3 and 4 tie on median too → 4, submitted earlier (although its id is higher), before 3.
        var results = RoundResults.Compute(OutOfHundred, [Entry(1, 2), Entry(2, 1), Entry(3, 3), Entry(4, 0)],
        [
            Sheet("j1", 1, 50), Sheet("j1", 2, 40), Sheet("j1", 3, 60), Sheet("j1", 4, 60),
            Sheet("j2", 1, 50), Sheet("j2", 2, 70), Sheet("j2", 3, 60),
            Sheet("j3", 1, 80), Sheet("j3", 2, 70),
        ], RankMethod.Mean);

        Assert.All(results, r => Near(60, r.Mean));
        Assert.Equal([2, 4, 3, 1], Order(results));
        Near(50, Of(results, 1).Median);
        Near(70, Of(results, 2).Median);
    }

    [Fact]
    public void Compute_SpreadOfExactly30_NoWarning_30Point01_Warning()
    {
        // 1: 50 and 80 → spread 30 (not above 30); 2: 50 and 80.01 → 30.01 (above).
        var results = RoundResults.Compute(OutOfHundred, [Entry(1, 0), Entry(2, 1), Entry(3, 2)],
            [Sheet("a", 1, 50), Sheet("b", 1, 80), Sheet("a", 2, 50), Sheet("b", 2, 80.01), Sheet("a", 3, 100)], RankMethod.Mean);

        Near(30, Of(results, 1).Spread);
        Assert.False(Of(results, 1).SpreadWarning);
        Near(30.01, Of(results, 2).Spread);
        Assert.True(Of(results, 2).SpreadWarning);
        // One juror: spread 0.
        Near(0, Of(results, 3).Spread);
        Assert.False(Of(results, 3).SpreadWarning);
    }

    [Fact]
    public void Compute_SpreadOf30ByRubricArithmetic_NoWarning()
    {
        // Max 3: 2.2 → 100·2.2/3 = 73.33… and 1.3 → 43.33…: spread 30 on paper, 30.000000000000007 in binary floating point;
        // still no warning. 2.2 and 1.2997 → 100·0.9003/3 = 30.01: a warning.
        RubricLine[] rubric = [new(1, 1, 3)];
        var results = RoundResults.Compute(rubric, [Entry(1, 0), Entry(2, 1)],
            [Sheet("a", 1, 2.2), Sheet("b", 1, 1.3), Sheet("a", 2, 2.2), Sheet("b", 2, 1.2997)], RankMethod.Mean);

        Near(30, Of(results, 1).Spread);
        Assert.False(Of(results, 1).SpreadWarning);
        Near(30.01, Of(results, 2).Spread);
        Assert.True(Of(results, 2).SpreadWarning);
    }

    [Fact]
    public void Compute_SheetsOfEntriesNotInTheRound_Ignored()
    {
        // Entry 9 is not in the list (withdrawn, or not advanced): its sheet counts neither for it nor in a juror's scale.
        // a: 20, 50, 80 on 1–3 (μ 50, σ √600) — with the 9th sheet (100) a would have μ = 62.5 and entry 2 would get a non-zero z.
        var results = RoundResults.Compute(OutOfHundred, [Entry(1, 0), Entry(2, 1), Entry(3, 2)],
            [Sheet("a", 1, 20), Sheet("a", 2, 50), Sheet("a", 3, 80), Sheet("a", 9, 100)], RankMethod.Normalized);

        Assert.Equal(3, results.Count);
        Assert.DoesNotContain(results, r => r.EntryId == 9);
        Near(0, Of(results, 2).Normalized);
    }
}
