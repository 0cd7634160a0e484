using System.Security.Claims;
using Events.Core.Indicators;
using Events.Core.Localization;

namespace Events.Web.Api;

/// <summary>The plan's indicators: the document of api-v1 and its CSV/XLSX export.</summary>
public static class IndicatorEndpoints
{
    public static void MapIndicatorEndpoints(this RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("Indicators");
        indicators.MapGet("/", async (int? year, int? organizationId, ClaimsPrincipal user, IndicatorService service, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await service.ComputeAsync(user.Actor(), year ?? clock.GetUtcNow().Year, organizationId, ct)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The plan's indicators for a year (default this year), optionally for one organization.")
            .WithDescription("Computed from the data, never typed in. A session belongs to the year of its local start date in its own zone; " +
                             "held = not cancelled and ended; meetingsHeld counts events (an edition with two options is one meeting, two sessions); " +
                             "registered = confirmed registrations; participants = registrations checked in or marked Present/Late in held sessions; " +
                             "uniqueParticipants = distinct normalized emails among them; participantsBy counts the same registrations (each split sums " +
                             "to participants; age = year − birthYear: Under30 < 30, From30To45 30–45, Over45 > 45); trainingSessionsOnline/Offline = held " +
                             "sessions of trainings and courses (hybrid counts as offline); trainees = distinct people Present/Late in them; entries by " +
                             "submission year; grants by the year awarded; startupsDeveloped = innolab projects marked Final that year; percentOfTarget = " +
                             "meetingsHeld ÷ target × 100 (2 decimals). Analysts and administrators read everything; organizers their organizations (403 otherwise).");
        indicators.MapGet("/export", async (int? year, int? organizationId, string? format, ClaimsPrincipal user, IndicatorService service, TimeProvider clock,
            CancellationToken ct) =>
        {
            var y = year ?? clock.GetUtcNow().Year;
            var document = await service.ComputeAsync(user.Actor(), y, organizationId, ct);
            return await SpreadsheetFiles.FileAsync(IndicatorRows.Of(document, ApiContext.Culture), format, $"indicators-{y}", ct);
        }).RequireAuthorization(Policies.Staff)
          .WithSummary("The indicators as CSV or XLSX (format=xlsx): one row per figure, with the target and the percentage where the plan sets one; only what the reader may see.");
    }
}

/// <summary>The indicators document as rows for a spreadsheet: section, name, value, target, percent.</summary>
public static class IndicatorRows
{
    public static IReadOnlyList<Dictionary<string, object?>> Of(IndicatorDocument d, string language)
    {
        string H(string key) => Texts.Get(key, language);
        var rows = new List<Dictionary<string, object?>>();
        void Row(string section, string name, object? value, int? target = null, double? percent = null) => rows.Add(new()
        {
            [H("Indicators_Section")] = section, [H("Indicators_Name")] = name, [H("Indicators_Value")] = value,
            [H("Indicators_Target")] = target, [H("Indicators_Percent")] = percent,
        });
        foreach (var a in d.Activities)
        {
            var kind = H($"EventKind_{a.Kind}");
            Row(kind, H("Indicators_MeetingsHeld"), a.MeetingsHeld, a.Target, a.PercentOfTarget);
            Row(kind, H("Indicators_SessionsHeld"), a.SessionsHeld);
            Row(kind, H("Indicators_Registered"), a.Registered);
            Row(kind, H("Indicators_Participants"), a.Participants);
            Row(kind, H("Indicators_UniqueParticipants"), a.UniqueParticipants);
            Row(kind, H("Indicators_Reposts"), a.Reposts);
            Row(kind, H("Indicators_Views"), a.Views);
        }
        var t = d.Totals;
        var totals = H("Indicators_Totals");
        foreach (var (key, value) in new (string, object)[]
                 {
                     ("MeetingsHeld", t.MeetingsHeld), ("SessionsHeld", t.SessionsHeld), ("Registered", t.Registered), ("Participants", t.Participants),
                     ("UniqueParticipants", t.UniqueParticipants), ("Reposts", t.Reposts), ("Views", t.Views), ("Entries", t.Entries),
                     ("GrantsAwarded", t.GrantsAwarded), ("GrantsAmount", t.GrantsAmount), ("StartupsDeveloped", t.StartupsDeveloped),
                     ("TrainingSessionsOnline", t.TrainingSessionsOnline), ("TrainingSessionsOffline", t.TrainingSessionsOffline), ("Trainees", t.Trainees),
                     ("Webinars", t.Webinars), ("Exhibitions", t.Exhibitions), ("ForumsWithInvestmentTopic", t.ForumsWithInvestmentTopic),
                 })
            Row(totals, H($"Indicators_{key}"), value);
        foreach (var (kind, n) in d.EntriesByContestKind) Row(H("Indicators_Entries"), H($"ContestKind_{kind}"), n);
        var q = d.Questions;
        var questions = H("Indicators_Questions");
        Row(questions, H("Indicators_QuestionsReceived"), q.Received);
        Row(questions, H("Indicators_QuestionsAnswered"), q.Answered);
        Row(questions, H("Indicators_ResponseRate"), Math.Round(q.ResponseRate * 100, 2));
        Row(questions, H("Indicators_MedianHours"), q.MedianHoursToAnswer is { } m ? Math.Round(m, 2) : null);
        Row(questions, H("Indicators_P90Hours"), q.P90HoursToAnswer is { } p ? Math.Round(p, 2) : null);
        foreach (var (wave, s) in d.Survey)
        {
            var section = H($"Indicators_Survey{wave}");
            Row(section, H("Indicators_Responses"), s.Responses);
            Row(section, H("Indicators_Aware"), s.AwareOfOpportunities);
            Row(section, H("Indicators_SatisfiedAverage"), s.SatisfiedAverage is { } avg ? Math.Round(avg, 2) : null);
            Row(section, H("Indicators_Satisfied"), s.Satisfied);
            Row(section, H("Indicators_Important"), s.InvestingImportant);
        }
        foreach (var (split, values) in new[] { ("Gender", d.ParticipantsBy.Gender), ("AgeGroup", d.ParticipantsBy.AgeGroup), ("Country", d.ParticipantsBy.Country),
                                                ("HomeRegion", d.ParticipantsBy.HomeRegion) })
            foreach (var (key, n) in values) Row(H($"Indicators_By{split}"), key, n);
        return rows;
    }
}
