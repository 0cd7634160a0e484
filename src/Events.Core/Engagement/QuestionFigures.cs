using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>
/// The feedback channel's figures for a set of questions (the caller chooses the set: a year, an organization, an event).
/// <list type="bullet">
/// <item><see cref="Received"/>: questions in the set; <see cref="Answered"/>: those with an answer.</item>
/// <item><see cref="ResponseRate"/>: answered ÷ received, 0–1 (0 when nothing was received).</item>
/// <item>Time to answer: first answer − asked, in hours, unrounded (a later correction of the answer does not count).</item>
/// <item><see cref="MedianHoursToAnswer"/>: the middle time of the answered questions in ascending order; with an even count the
/// mean of the two middle ones.</item>
/// <item><see cref="P90HoursToAnswer"/>: the 90th percentile by the nearest-rank method: the time at rank ⌈0.9 · n⌉ (1-based) of the
/// n answered questions in ascending order — an actual answer time, never interpolated.</item>
/// </list>
/// Both times are null when nothing was answered. Unanswered questions count in received and in the rate, not in the times.
/// </summary>
public sealed record QuestionFigures(int Received, int Answered, double ResponseRate, double? MedianHoursToAnswer, double? P90HoursToAnswer)
{
    public static readonly QuestionFigures None = new(0, 0, 0, null, null);

    public static QuestionFigures Of(IEnumerable<(DateTime Asked, DateTime? Answered)> questions)
    {
        var received = 0;
        var hours = new List<double>();
        foreach (var (asked, answered) in questions)
        {
            received++;
            if (answered is { } a) hours.Add(Math.Max(0, (a - asked).TotalHours)); // a clock step back never makes a negative time
        }
        if (received == 0) return None;
        hours.Sort();
        return new QuestionFigures(received, hours.Count, (double)hours.Count / received,
            hours.Count == 0 ? null : Median(hours), hours.Count == 0 ? null : NearestRank(hours, 90));
    }

    /// <summary>The figures of the questions the query selects (two columns read per question; the rest is computed here).</summary>
    public static async Task<QuestionFigures> OfAsync(IQueryable<Question> questions, CancellationToken ct = default)
    {
        var rows = await questions.Select(q => new { q.AskedUtc, q.AnsweredUtc }).ToListAsync(ct);
        return Of(rows.Select(r => (r.AskedUtc, r.AnsweredUtc)));
    }

    /// <summary>The median of values sorted ascending (not empty).</summary>
    public static double Median(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The nearest-rank percentile of values sorted ascending (not empty): the value at rank ⌈p/100 · n⌉, at least rank 1.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        if (percent is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "0 < percent ≤ 100");
        // In decimal: in double, 7/100 · 100 is 7.000000000000001 and would round up to rank 8.
        var rank = (int)Math.Ceiling((decimal)percent / 100m * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
