using Events.Core.Registration;
using Events.Core.Scheduling;

namespace Events.Core.Engagement;

/// <summary>
/// When a person may answer each wave. The "before" wave is open until their participation starts and the "after" wave from
/// then on, so that the comparison of the two measures the event. Participation starts at the start of the person's session
/// (their time option); for a training, course or innolab, at the program's first session that was not cancelled.
/// </summary>
public static class SurveyWindow
{
    /// <summary>Null when there is nothing to take part in (the session or every session of the program was cancelled).</summary>
    public static DateTime? StartOf(Registration.Registration r, Event e)
    {
        if (e.Status == EventStatus.Cancelled) return null;
        if (EventKindRules.EnrolsInWholeEvent(e.Kind))
            return e.Sessions.Where(s => s.Status == SessionStatus.Scheduled).Select(s => (DateTime?)s.StartUtc).Min();
        return e.Sessions.FirstOrDefault(s => s.Id == r.SessionId) is { Status: SessionStatus.Scheduled } session ? session.StartUtc : null;
    }

    /// <summary>Why the person may not answer the wave now (a rule key for 422), or null when they may.</summary>
    public static string? Refusal(Registration.Registration r, Event e, SurveyWave wave, DateTime nowUtc)
    {
        if (!r.IsActive) return "Rule_RegistrationNotActive";
        if (StartOf(r, e) is not { } start) return "Rule_SessionCancelled";
        return wave switch
        {
            SurveyWave.Baseline when nowUtc >= start => "Rule_SurveyBaselineClosed",
            SurveyWave.FollowUp when nowUtc < start => "Rule_SurveyNotYet",
            // "After the event" asks those who had a place in it, not those still waiting.
            SurveyWave.FollowUp when r.Status != RegistrationStatus.Confirmed => "Rule_NotConfirmed",
            _ => null,
        };
    }

    /// <summary>Whether the wave is open for anyone of the event: before the last start for Baseline, after the first start for FollowUp.</summary>
    public static string? EventRefusal(Event e, SurveyWave wave, DateTime nowUtc)
    {
        var starts = e.Status == EventStatus.Cancelled ? [] : e.Sessions.Where(s => s.Status == SessionStatus.Scheduled).Select(s => s.StartUtc).ToList();
        if (starts.Count == 0) return "Rule_SessionCancelled";
        return wave switch
        {
            SurveyWave.Baseline when starts.Max() <= nowUtc => "Rule_SurveyBaselineClosed",
            SurveyWave.FollowUp when starts.Min() > nowUtc => "Rule_SurveyNotYet",
            _ => null,
        };
    }
}
