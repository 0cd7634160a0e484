using Events.Core.Common;

namespace Events.Core.Engagement;

/// <summary>
/// A question (an appeal) a visitor asks about an event, before or after it. Organizers of the event's organization answer
/// it from their inbox; the asker gets the answer by email when they left an address, and selected answers are published
/// on the event page (without the asker's name). The times feed the plan's feedback figures (<see cref="QuestionFigures"/>).
/// </summary>
public class Question
{
    public const int TextMaxLength = 2000;
    public const int NameMaxLength = 200;
    public const int AnswerMaxLength = 4000;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Text { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }

    /// <summary>Trimmed, lower-cased email: "delete my data" finds the questions a registrant asked with their address.</summary>
    public string? NormalizedEmail { get; set; }

    /// <summary>The asker's language: the answer is mailed in it.</summary>
    public string Language { get; set; } = "ky";
    public DateTime AskedUtc { get; set; }

    /// <summary>The organizer (user id) who should answer; anyone of the organization may still answer.</summary>
    public string? AssignedToUserId { get; set; }
    public string? AnswerText { get; set; }

    /// <summary>When the question was first answered: the figures measure the time to this first answer, not to later corrections.</summary>
    public DateTime? AnsweredUtc { get; set; }

    /// <summary>User id of whoever wrote the current answer.</summary>
    public string? AnsweredBy { get; set; }
    public DateTime? AnswerChangedUtc { get; set; }
    public bool IsPublished { get; set; }
    public DateTime? PublishedUtc { get; set; }

    public bool IsAnswered => AnsweredUtc is not null;

    /// <summary>Sets or corrects the answer; returns false when the text is the same as before (nothing to mail again).</summary>
    public bool Answer(string? text, string by, DateTime nowUtc)
    {
        var answer = text?.Trim() ?? "";
        new Validator()
            .When(answer.Length == 0, "text", "Validation_Required")
            .When(answer.Length > AnswerMaxLength, "text", "Validation_TooLong", AnswerMaxLength)
            .ThrowIfAny();
        if (answer == AnswerText) return false;
        AnswerText = answer;
        AnsweredBy = by;
        AnsweredUtc ??= nowUtc;
        AnswerChangedUtc = nowUtc;
        return true;
    }

    /// <summary>Only an answered question is shown on the event page.</summary>
    public void SetPublished(bool published, DateTime nowUtc)
    {
        if (published && !IsAnswered) throw new RuleViolationException("Rule_QuestionNotAnswered");
        if (published == IsPublished) return;
        IsPublished = published;
        PublishedUtc = published ? nowUtc : null;
    }

    /// <summary>
    /// "Delete my data": the name and the address go. The text stays only when it is published (it is then part of the
    /// event page's public Q&amp;A, which never showed who asked); an unpublished question's text is the person's own words,
    /// seen by no one else, and goes too. The times stay, so the feedback figures do not change.
    /// </summary>
    public void Erase()
    {
        Name = null;
        Email = null;
        NormalizedEmail = null;
        if (!IsPublished) Text = "—";
    }
}

/// <summary>A question as a visitor sends it (public form or API).</summary>
public sealed record QuestionInput(string? Text, string? Name = null, string? Email = null, string? Language = null)
{
    public void Validate()
    {
        var text = Text?.Trim() ?? "";
        new Validator()
            .When(text.Length == 0, "text", "Validation_Required")
            .When(text.Length > Question.TextMaxLength, "text", "Validation_TooLong", Question.TextMaxLength)
            .When(Name?.Trim().Length > Question.NameMaxLength, "name", "Validation_TooLong", Question.NameMaxLength)
            .When(!string.IsNullOrWhiteSpace(Email) && !EmailAddress.IsValid(Email), "email", "Validation_Email")
            .When(Language is { Length: > 0 } l && !Localization.Strings.SupportedCultures.Contains(l), "language", "Validation_UnknownValue")
            .ThrowIfAny();
    }
}

/// <summary>Which questions the inbox shows.</summary>
public enum QuestionFilter { All, Unanswered, Answered, AssignedToMe }
