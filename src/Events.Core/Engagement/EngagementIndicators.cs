using Events.Core.Data;
using Events.Core.Indicators;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>
/// What questions, surveys and coverage add to the plan's indicators, for the events of the year the indicators read (the
/// year of each event's first session): reposts and views by kind, the questions' figures, the surveys' figures by wave.
/// </summary>
public sealed class EngagementIndicators : IIndicatorSource
{
    public async Task AddAsync(EventsDbContext db, IQueryable<Event> yearEvents, EngagementFigures figures, CancellationToken ct)
    {
        var coverage = await db.Coverage.Join(yearEvents, c => c.EventId, e => e.Id, (c, e) => new { e.Kind, c.Reposts, c.Views })
            .GroupBy(x => x.Kind).Select(g => new { g.Key, Reposts = g.Sum(x => x.Reposts), Views = g.Sum(x => x.Views ?? 0) }).ToListAsync(ct);
        foreach (var c in coverage)
        {
            figures.Reposts[c.Key] = c.Reposts;
            figures.Views[c.Key] = c.Views;
        }
        var q = await QuestionFigures.OfAsync(db.Questions.Where(x => yearEvents.Any(e => e.Id == x.EventId)), ct);
        figures.Questions = new QuestionIndicators(q.Received, q.Answered, q.ResponseRate, q.MedianHoursToAnswer, q.P90HoursToAnswer);
        foreach (var (wave, s) in await SurveyFigures.ByWaveAsync(db.SurveyResponses.Where(x => yearEvents.Any(e => e.Id == x.EventId)), ct))
            figures.Survey[wave.ToString()] = new SurveyIndicators(s.Responses, s.AwareOfOpportunities, s.SatisfiedAverage, s.Satisfied, s.InvestingImportant);
    }
}
