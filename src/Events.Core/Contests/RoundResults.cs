namespace Events.Core.Contests;

/// <summary>One final sheet as the results see it.</summary>
/// <summary>One final sheet as the results see it; <see cref="Total"/>, when known, spares computing it from the scores.</summary>
public sealed record FinalSheet(string JurorId, int EntryId, IReadOnlyDictionary<int, double> Scores, double? Total = null);

public sealed record RubricLine(int CriterionId, double Weight, double MaxScore);

public sealed record EntryForResults(int EntryId, DateTime SubmittedUtc);

/// <summary>
/// An entry's line of a round's results. <see cref="Mean"/>, <see cref="Median"/>, <see cref="StdDev"/> and <see cref="Spread"/>
/// are over the totals of the jurors with a final sheet (null without any); <see cref="Normalized"/> is the mean of the z values.
/// </summary>
public sealed record EntryResult(int EntryId, int Rank, double? Mean, double? Median, double? StdDev, double? Normalized, double? Spread,
    int JurorCount, bool SpreadWarning, IReadOnlyList<double> Totals);

/// <summary>
/// The results of a round, exactly as the contest's rules state them (issue 9, item 7):
/// <list type="bullet">
/// <item>a juror's total T = 100 · Σ w_c · (s_c / max_c) / Σ w_c over the round's criteria;</item>
/// <item>mean, median, population standard deviation of the totals of an entry; jurorCount = its final sheets;</item>
/// <item>normalized: for each juror with ≥ 3 final sheets in the round and σ_j &gt; 0, z = (T − μ_j) / σ_j; an entry's value is the mean of its z (null when none);</item>
/// <item>rank by the chosen method, ties by higher median, then earlier submission (then lower id, so the order is total);</item>
/// <item>a spread warning when max − min of an entry's totals exceeds 30 points.</item>
/// </list>
/// </summary>
public static class RoundResults
{
    public const int MinSheetsForNormalization = 3;
    public const double SpreadWarningPoints = 30;

    /// <summary>Values closer than this are equal: totals computed in another order differ in the last bits.</summary>
    private const double Tolerance = 1e-9;

    public static double Total(IReadOnlyList<RubricLine> rubric, IReadOnlyDictionary<int, double> scores)
    {
        double weighted = 0, weights = 0;
        foreach (var c in rubric)
        {
            weighted += c.Weight * (scores.TryGetValue(c.CriterionId, out var s) ? s : 0) / c.MaxScore;
            weights += c.Weight;
        }
        return weights == 0 ? 0 : 100 * weighted / weights;
    }

    public static IReadOnlyList<EntryResult> Compute(IReadOnlyList<RubricLine> rubric, IReadOnlyList<EntryForResults> entries,
        IReadOnlyList<FinalSheet> sheets, RankMethod method)
    {
        var known = entries.Select(e => e.EntryId).ToHashSet();
        var totals = sheets.Where(s => known.Contains(s.EntryId))
            .Select(s => (s.JurorId, s.EntryId, Total: s.Total ?? Total(rubric, s.Scores))).ToList();

        // Each juror's own scale, from all of their final sheets in the round.
        var scale = new Dictionary<string, (double Mean, double Sigma)>();
        foreach (var juror in totals.GroupBy(t => t.JurorId))
        {
            var values = juror.Select(t => t.Total).ToList();
            if (values.Count < MinSheetsForNormalization) continue;
            var (mean, sigma) = MeanAndSigma(values);
            if (sigma > Tolerance) scale[juror.Key] = (mean, sigma);
        }

        var byEntry = totals.ToLookup(t => t.EntryId);
        var lines = entries.Select(e =>
        {
            var mine = byEntry[e.EntryId].ToList();
            var values = mine.Select(t => t.Total).ToList();
            if (values.Count == 0) return (Entry: e, Result: new EntryResult(e.EntryId, 0, null, null, null, null, null, 0, false, []));
            var (mean, sigma) = MeanAndSigma(values);
            var z = mine.Where(t => scale.ContainsKey(t.JurorId)).Select(t => (t.Total - scale[t.JurorId].Mean) / scale[t.JurorId].Sigma).ToList();
            var spread = values.Max() - values.Min();
            return (Entry: e, Result: new EntryResult(e.EntryId, 0, mean, Median(values), sigma, z.Count == 0 ? null : z.Average(), spread,
                values.Count, spread > SpreadWarningPoints + Tolerance, values));
        }).ToList();

        lines.Sort((a, b) =>
        {
            var byMethod = CompareDescending(Key(a.Result, method), Key(b.Result, method));
            if (byMethod != 0) return byMethod;
            var byMedian = CompareDescending(a.Result.Median, b.Result.Median);
            if (byMedian != 0) return byMedian;
            var byTime = a.Entry.SubmittedUtc.CompareTo(b.Entry.SubmittedUtc);
            return byTime != 0 ? byTime : a.Entry.EntryId.CompareTo(b.Entry.EntryId);
        });
        return lines.Select((l, i) => l.Result with { Rank = i + 1 }).ToList();
    }

    private static double? Key(EntryResult r, RankMethod method) => method == RankMethod.Normalized ? r.Normalized : r.Mean;

    /// <summary>Higher first; a missing value after every present one.</summary>
    private static int CompareDescending(double? a, double? b)
    {
        if (a is null) return b is null ? 0 : 1;
        if (b is null) return -1;
        // Rounded to 9 decimals rather than compared within a tolerance: "equal within ε" is not transitive, which a sort needs.
        return Math.Round(b.Value, 9).CompareTo(Math.Round(a.Value, 9));
    }

    public static (double Mean, double Sigma) MeanAndSigma(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, Math.Sqrt(variance));
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
