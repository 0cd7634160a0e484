using Events.Core.Common;
using Events.Core.Registration;

namespace Events.Core.Engagement;

/// <summary>The plan's audience survey is asked twice: before the event (Baseline) and after it (FollowUp), and the two are compared.</summary>
public enum SurveyWave { Baseline, FollowUp }

/// <summary>An event's survey setup: the organizer's own questions asked after the plan's three (stored as JSON, read with the row).</summary>
public class Survey
{
    public int EventId { get; set; }
    public List<RegistrationQuestion> Questions { get; set; } = [];
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// One registrant's answers in one wave: the plan's three questions (aware of opportunities to invest at home, satisfied with the
/// information 1–5, investing at home is important), a free comment and answers to the organizer's own questions. One per
/// registration and wave, enforced by a unique index.
/// </summary>
public class SurveyResponse
{
    public const int CommentMaxLength = 2000;
    public const int MinSatisfaction = 1;
    public const int MaxSatisfaction = 5;

    /// <summary>"Satisfied" in the figures: a satisfaction of 4 or 5.</summary>
    public const int SatisfiedFrom = 4;

    public int Id { get; set; }
    public int EventId { get; set; }
    public int RegistrationId { get; set; }
    public SurveyWave Wave { get; set; }
    public bool AwareOfOpportunities { get; set; }
    public int Satisfaction { get; set; }
    public bool InvestingImportant { get; set; }
    public string? Comment { get; set; }

    /// <summary>Answers to the organizer's questions, by question id.</summary>
    public Dictionary<string, string> Answers { get; set; } = [];
    public string Language { get; set; } = "ky";
    public DateTime SubmittedUtc { get; set; }

    /// <summary>
    /// "Delete my data": the counted answers stay (yes/no, 1–5, and the organizer's yes/no and choice answers); the person's own
    /// words go (the comment and free-text answers).
    /// </summary>
    public void Erase(IReadOnlyList<RegistrationQuestion> questions)
    {
        Comment = null;
        Answers = Answers.Where(a => questions.Any(q => q.Id == a.Key && q.Kind is QuestionKind.YesNo or QuestionKind.Choice))
            .ToDictionary(a => a.Key, a => a.Value);
    }
}

/// <summary>That the survey link of a wave was mailed to a registration: each person is invited once per wave.</summary>
public class SurveyInvitation
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int RegistrationId { get; set; }
    public SurveyWave Wave { get; set; }
    public DateTime SentUtc { get; set; }
    public string? SentBy { get; set; }
}

/// <summary>A registrant's answers as they arrive (survey page or API); unset booleans and numbers are missing answers.</summary>
public sealed record SurveyAnswers(SurveyWave Wave, bool? AwareOfOpportunities, int? Satisfaction, bool? InvestingImportant, string? Comment = null,
    IReadOnlyDictionary<string, string?>? Answers = null)
{
    /// <summary>Checks every answer at once; returns the organizer's answers cleaned.</summary>
    public Dictionary<string, string> Validate(IReadOnlyList<RegistrationQuestion> questions)
    {
        var v = new Validator()
            .When(!Enum.IsDefined(Wave), "wave", "Validation_UnknownValue")
            .When(AwareOfOpportunities is null, "awareOfOpportunities", "Validation_Required")
            .When(Satisfaction is null, "satisfaction", "Validation_Required")
            .When(Satisfaction is < SurveyResponse.MinSatisfaction or > SurveyResponse.MaxSatisfaction, "satisfaction", "Validation_Range",
                SurveyResponse.MinSatisfaction, SurveyResponse.MaxSatisfaction)
            .When(InvestingImportant is null, "investingImportant", "Validation_Required")
            .When(Comment?.Trim().Length > SurveyResponse.CommentMaxLength, "comment", "Validation_TooLong", SurveyResponse.CommentMaxLength);
        Dictionary<string, string> answers = [];
        try
        {
            answers = RegistrationQuestion.CleanAnswers(questions, Answers);
        }
        catch (ValidationFailedException e)
        {
            foreach (var error in e.Errors) v.Add(error.Field, error.Key, error.Args);
        }
        v.ThrowIfAny();
        return answers;
    }
}
