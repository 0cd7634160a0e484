using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Core.Localization;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Indicators;

/// <summary>
/// The M&amp;E report for a year (and optionally an organization). Part 1 is <see cref="IndicatorService.ComputeAsync"/>'s document as
/// it is, and part 3's waves are its survey figures, so the report never disagrees with the dashboard. Reading follows the indicators
/// (<see cref="IndicatorService.ScopeAsync"/>); the recommendations are written by analysts and administrators for any scope and by
/// organizers for their own organization only.
/// </summary>
public sealed class MonitoringReportService(IDbContextFactory<EventsDbContext> dbFactory, IndicatorService indicators, TimeProvider clock)
{
    public async Task<MonitoringReport> ReportAsync(Actor actor, int year, int? organizationId, string culture, CancellationToken ct = default)
    {
        // The document checks the year and the reader's access first: nothing below runs for someone who may not read it.
        var document = await indicators.ComputeAsync(actor, year, organizationId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await IndicatorService.ScopeAsync(db, actor, organizationId, ct);
        var yearEvents = IndicatorService.YearEvents(db, year, scope);

        var organizationName = organizationId is { } o
            ? (await db.Organizations.AsNoTracking().SingleAsync(x => x.Id == o, ct)).DisplayName(culture)
            : null;
        var titles = await TitlesAsync(db, yearEvents, culture, ct);
        var internet = await InternetAsync(db, yearEvents, titles, ct);
        var survey = new SurveyResults(SurveyWaveResult.Of(document.Survey["Baseline"]), SurveyWaveResult.Of(document.Survey["FollowUp"]),
            await ExtraQuestionsAsync(db, yearEvents, titles, culture, ct));
        var recommendations = await RecommendationsAsync(db, actor, year, organizationId, ct);
        return new MonitoringReport(year, organizationId, organizationName, document, internet, survey, recommendations);
    }

    /// <summary>Saves (or, with a blank text, removes) the recommendations of a year and scope; returns them as the report shows them.</summary>
    public async Task<ReportRecommendations> SaveRecommendationsAsync(Actor actor, RecommendationsInput input, CancellationToken ct = default)
    {
        input.Validate();
        var year = input.Year!.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await IndicatorService.ScopeAsync(db, actor, input.OrganizationId, ct); // 403 for a reader of nothing or of another organization
        if (!await MayWriteAsync(db, actor, input.OrganizationId, ct))
            throw new ForbiddenException("recommendations: analysts and administrators, or organizers of the organization");

        var key = ReportRecommendation.KeyOf(input.OrganizationId);
        var text = input.Text?.Replace("\r\n", "\n").Trim() ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.ReportRecommendations.FirstOrDefaultAsync(r => r.Year == year && r.OrganizationKey == key, ct);
        if (text.Length == 0)
        {
            if (existing is not null) db.ReportRecommendations.Remove(existing);
        }
        else if (existing is null)
        {
            db.ReportRecommendations.Add(new ReportRecommendation
                { Year = year, OrganizationId = input.OrganizationId, OrganizationKey = key, Text = text, UpdatedUtc = now, UpdatedBy = actor.UserId });
        }
        else
        {
            (existing.Text, existing.UpdatedUtc, existing.UpdatedBy) = (text, now, actor.UserId);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Removed (or changed) by someone else between our read and our save: ask for a reload rather than answer 500.
            throw new ConflictException("Conflict_ChangedMeanwhile");
        }
        catch (DbUpdateException e) when (existing is null && text.Length > 0 && Registration.Seats.IsUniqueViolation(e))
        {
            // Someone created the row between our read and our insert (the unique index refused ours): the later save wins, as it
            // would have a moment later.
            db.ChangeTracker.Clear();
            if (await db.ReportRecommendations.Where(r => r.Year == year && r.OrganizationKey == key).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Text, text).SetProperty(r => r.UpdatedUtc, now).SetProperty(r => r.UpdatedBy, actor.UserId), ct) == 0)
                throw new ConflictException("Conflict_ChangedMeanwhile");
        }
        return await RecommendationsAsync(db, actor, year, input.OrganizationId, ct);
    }

    private static async Task<Dictionary<int, string>> TitlesAsync(EventsDbContext db, IQueryable<Event> yearEvents, string culture, CancellationToken ct)
    {
        // Only events with coverage or a survey of their own are named in the report.
        var named = yearEvents.Where(e => db.Coverage.Any(c => c.EventId == e.Id) || db.Surveys.Any(s => s.EventId == e.Id));
        return (await named.AsNoTracking().Select(e => new { e.Id, e.Title, e.TitleKy, e.TitleRu, e.TitleEn }).ToListAsync(ct))
            .ToDictionary(e => e.Id, e => Translations.Pick(culture, e.TitleKy, e.TitleRu, e.TitleEn) ?? e.Title);
    }

    private static async Task<InternetStatistics> InternetAsync(EventsDbContext db, IQueryable<Event> yearEvents, Dictionary<int, string> titles, CancellationToken ct)
    {
        var records = await db.Coverage.AsNoTracking().Where(c => yearEvents.Any(e => e.Id == c.EventId))
            .OrderBy(c => c.EventId).ThenBy(c => c.Channel).ThenBy(c => c.Id)
            .Select(c => new { c.EventId, c.Channel, c.Reposts, c.Views, c.Url }).ToListAsync(ct);
        var totals = CoverageTotals.Of(records.Select(r => (r.Channel, r.Reposts, r.Views)));
        var channels = Enum.GetValues<CoverageChannel>().Select(channel => new ChannelCoverage(channel, records.Count(r => r.Channel == channel),
            totals.ByChannel[channel].Reposts, totals.ByChannel[channel].Views, records.Count(r => r.Channel == channel && r.Url is not null))).ToList();
        var links = records.Where(r => r.Url is not null)
            .Select(r => new CoverageLink(r.EventId, titles.GetValueOrDefault(r.EventId, ""), r.Channel, r.Url!, r.Reposts, r.Views)).ToList();
        return new InternetStatistics(totals.Records, totals.Reposts, totals.Views, links.Count, channels, links);
    }

    /// <summary>
    /// The organizers' own questions of the year's events, each with the number of answers per wave and, for yes/no and choice
    /// questions, per answer. Only surveys that have questions are read, so a year without them costs one small query.
    /// </summary>
    private static async Task<IReadOnlyList<ExtraQuestionSummary>> ExtraQuestionsAsync(EventsDbContext db, IQueryable<Event> yearEvents,
        Dictionary<int, string> titles, string culture, CancellationToken ct)
    {
        var surveys = (await db.Surveys.AsNoTracking().Where(s => yearEvents.Any(e => e.Id == s.EventId)).OrderBy(s => s.EventId).ToListAsync(ct))
            .Where(s => s.Questions.Count > 0).ToList();
        if (surveys.Count == 0) return [];
        var eventIds = surveys.Select(s => s.EventId).ToList();
        var answers = await db.SurveyResponses.AsNoTracking().Where(r => eventIds.Contains(r.EventId))
            .Select(r => new { r.EventId, r.Wave, r.Answers }).ToListAsync(ct);

        var result = new List<ExtraQuestionSummary>();
        foreach (var survey in surveys)
        {
            var given = answers.Where(a => a.EventId == survey.EventId).ToList();
            foreach (var q in survey.Questions)
            {
                int Count(SurveyWave wave, Func<string, bool> match) =>
                    given.Count(a => a.Wave == wave && a.Answers.TryGetValue(q.Id, out var value) && match(value));
                IReadOnlyList<AnswerCount> counts = q.Kind switch
                {
                    QuestionKind.YesNo => [.. new[] { (RegistrationQuestion.Yes, "Common_Yes"), (RegistrationQuestion.No, "Common_No") }
                        .Select(x => new AnswerCount(x.Item1, Texts.Get(x.Item2, culture), Count(SurveyWave.Baseline, v => v == x.Item1),
                            Count(SurveyWave.FollowUp, v => v == x.Item1)))],
                    QuestionKind.Choice => [.. q.Options.Select(option => new AnswerCount(option, q.Display(option, culture),
                        Count(SurveyWave.Baseline, v => v == option), Count(SurveyWave.FollowUp, v => v == option)))],
                    _ => [],
                };
                result.Add(new ExtraQuestionSummary(survey.EventId, titles.GetValueOrDefault(survey.EventId, ""), q.LocalizedPrompt(culture), q.Kind,
                    Count(SurveyWave.Baseline, v => v.Length > 0), Count(SurveyWave.FollowUp, v => v.Length > 0), counts));
            }
        }
        return result;
    }

    private static async Task<ReportRecommendations> RecommendationsAsync(EventsDbContext db, Actor actor, int year, int? organizationId, CancellationToken ct)
    {
        var canEdit = await MayWriteAsync(db, actor, organizationId, ct);
        // The whole plan's text speaks of every organization's work: an organizer reading their own organizations without a filter does
        // not get it (for the whole plan, those who may write it are exactly those who read everything).
        if (organizationId is null && !canEdit) return new ReportRecommendations(null, null, null, null, false);
        var key = ReportRecommendation.KeyOf(organizationId);
        var row = await db.ReportRecommendations.AsNoTracking().Where(r => r.Year == year && r.OrganizationKey == key)
            .Select(r => new { r.Text, r.UpdatedUtc, r.UpdatedBy, Name = db.Users.Where(u => u.Id == r.UpdatedBy).Select(u => u.FullName).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return row is null
            ? new ReportRecommendations(null, null, null, null, canEdit)
            : new ReportRecommendations(row.Text, row.UpdatedUtc, row.UpdatedBy, row.Name, canEdit);
    }

    /// <summary>Analysts and administrators write for any scope; an organizer only for an organization of theirs, never the whole plan.</summary>
    private static async Task<bool> MayWriteAsync(EventsDbContext db, Actor actor, int? organizationId, CancellationToken ct)
    {
        if (actor.IsAdministrator || await HasRoleAsync(db, actor, Roles.Analyst, ct)) return true;
        return organizationId is { } o && await HasRoleAsync(db, actor, Roles.Organizer, ct) && await ManagementRights.HasAsync(db, actor, o, ct);
    }

    private static Task<bool> HasRoleAsync(EventsDbContext db, Actor actor, string role, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == actor.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role), ct);
}
