using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>
/// One wave's survey figures. <see cref="Responses"/>: responses in the set; <see cref="AwareOfOpportunities"/> and
/// <see cref="InvestingImportant"/>: how many answered yes; <see cref="Satisfied"/>: how many gave 4 or 5 of 5;
/// <see cref="SatisfiedAverage"/>: the mean satisfaction (1–5, unrounded), null when there is no response.
/// </summary>
public sealed record SurveyWaveFigures(int Responses, int AwareOfOpportunities, double? SatisfiedAverage, int Satisfied, int InvestingImportant)
{
    public static readonly SurveyWaveFigures None = new(0, 0, null, 0, 0);
}

/// <summary>The survey's figures per wave (the caller chooses the set of responses: a year, an organization, an event).</summary>
public static class SurveyFigures
{
    public static SurveyWaveFigures Of(IEnumerable<(bool AwareOfOpportunities, int Satisfaction, bool InvestingImportant)> responses)
    {
        int count = 0, aware = 0, satisfied = 0, important = 0;
        long sum = 0;
        foreach (var (isAware, satisfaction, isImportant) in responses)
        {
            count++;
            sum += satisfaction;
            if (isAware) aware++;
            if (satisfaction >= SurveyResponse.SatisfiedFrom) satisfied++;
            if (isImportant) important++;
        }
        return count == 0 ? SurveyWaveFigures.None : new SurveyWaveFigures(count, aware, (double)sum / count, satisfied, important);
    }

    /// <summary>Both waves, always both keys (a wave without responses has <see cref="SurveyWaveFigures.None"/>).</summary>
    public static IReadOnlyDictionary<SurveyWave, SurveyWaveFigures> ByWave(
        IEnumerable<(SurveyWave Wave, bool AwareOfOpportunities, int Satisfaction, bool InvestingImportant)> responses)
    {
        var list = responses.ToList();
        return Enum.GetValues<SurveyWave>().ToDictionary(w => w,
            w => Of(list.Where(r => r.Wave == w).Select(r => (r.AwareOfOpportunities, r.Satisfaction, r.InvestingImportant))));
    }

    /// <summary>Both waves' figures of the responses the query selects, counted by the database.</summary>
    public static async Task<IReadOnlyDictionary<SurveyWave, SurveyWaveFigures>> ByWaveAsync(IQueryable<SurveyResponse> responses, CancellationToken ct = default)
    {
        var rows = await responses.GroupBy(r => r.Wave).Select(g => new
        {
            Wave = g.Key, Count = g.Count(), Aware = g.Count(r => r.AwareOfOpportunities), Sum = g.Sum(r => (long)r.Satisfaction),
            Satisfied = g.Count(r => r.Satisfaction >= SurveyResponse.SatisfiedFrom), Important = g.Count(r => r.InvestingImportant),
        }).ToListAsync(ct);
        return Enum.GetValues<SurveyWave>().ToDictionary(w => w, w => rows.FirstOrDefault(r => r.Wave == w) is { Count: > 0 } r
            ? new SurveyWaveFigures(r.Count, r.Aware, (double)r.Sum / r.Count, r.Satisfied, r.Important)
            : SurveyWaveFigures.None);
    }
}
