using Events.Core.Common;
using Events.Core.Organizations;

namespace Events.Core.Scheduling;

/// <summary>
/// Something an organization holds for compatriots: an Online-Mekendesh edition, an embassy meeting,
/// a course… It has one or more sessions (the two time-zone options of an Online-Mekendesh are two sessions).
/// </summary>
public class Event
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int TopicsMaxLength = 400;
    public const int UrlMaxLength = 2000;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public EventKind Kind { get; set; }
    public EventStatus Status { get; private set; } = EventStatus.Draft;

    /// <summary>Title and description as the organizer wrote them; the translations below are optional.</summary>
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? TitleKy { get; set; }
    public string? TitleRu { get; set; }
    public string? TitleEn { get; set; }
    public string? DescriptionKy { get; set; }
    public string? DescriptionRu { get; set; }
    public string? DescriptionEn { get; set; }

    public EventAudience Audience { get; set; } = EventAudience.Compatriots;

    /// <summary>Free topics separated by commas ("investment, crowdfunding").</summary>
    public string? Topics { get; set; }

    public bool RequiresApproval { get; set; }

    /// <summary>Forum kind: investment by diasporas is on the agenda (an indicator of the plan).</summary>
    public bool InvestmentTopicOnAgenda { get; set; }

    /// <summary>ISO 8601 durations before the start, separated by ';' (default one day and one hour).</summary>
    public string Reminders { get; set; } = "P1D;PT1H";

    public string? RecordingUrl { get; set; }

    /// <summary>Programs: the rules of attendance, check-in and completion (defaults from the issue; the organizer may change them).</summary>
    public TrainingRules Training { get; set; } = new();

    public int? SeriesId { get; set; }
    public EventSeries? Series { get; set; }
    public int? SeriesIndex { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? PublishedUtc { get; private set; }

    /// <summary>
    /// Raised in the same transaction as any change to the event's sessions, registrations or attendance, so that stored
    /// indicator figures computed before it are known to be stale (<see cref="Indicators.EventFigures"/>).
    /// </summary>
    public int FiguresVersion { get; set; }

    public List<Session> Sessions { get; set; } = [];

    /// <summary>The organizer's own questions on the registration form (stored as JSON).</summary>
    public List<Registration.RegistrationQuestion> Questions { get; set; } = [];

    /// <summary>Lower-cased titles and topics, for case-insensitive catalogue search (SQLite folds only ASCII).</summary>
    public string SearchText { get; private set; } = "";

    public void RefreshSearchText() =>
        SearchText = Common.SearchText.Of(Title, TitleKy, TitleRu, TitleEn, Topics) is var text && text.Length > 1000 ? text[..1000] : text;

    public string LocalizedTitle(string culture) => Localization.Translations.Pick(culture, TitleKy, TitleRu, TitleEn) ?? Title;

    public string? LocalizedDescription(string culture) => Localization.Translations.Pick(culture, DescriptionKy, DescriptionRu, DescriptionEn) ?? Description;

    public bool IsPublic => Status is EventStatus.Published or EventStatus.Completed;

    public void Publish(DateTime nowUtc)
    {
        if (Status == EventStatus.Published) return;
        if (Status != EventStatus.Draft) throw new RuleViolationException("Rule_EventNotDraft");
        if (!Sessions.Any(s => s.Status == SessionStatus.Scheduled)) throw new RuleViolationException("Rule_EventNeedsSession");
        Status = EventStatus.Published;
        PublishedUtc = nowUtc;
        UpdatedUtc = nowUtc;
    }

    public void Complete(DateTime nowUtc)
    {
        if (Status != EventStatus.Published) throw new RuleViolationException("Rule_EventNotPublished");
        Status = EventStatus.Completed;
        UpdatedUtc = nowUtc;
    }

    /// <summary>Cancels the event and every session still scheduled (each gets a higher sequence).</summary>
    public void Cancel(DateTime nowUtc, string? reason, string? by)
    {
        if (Status is EventStatus.Cancelled or EventStatus.Completed) throw new RuleViolationException("Rule_EventClosed");
        foreach (var session in Sessions.Where(s => s.Status == SessionStatus.Scheduled)) session.Cancel(nowUtc, reason, by);
        Status = EventStatus.Cancelled;
        UpdatedUtc = nowUtc;
    }

    public void EnsureEditable()
    {
        if (Status is EventStatus.Cancelled or EventStatus.Completed) throw new RuleViolationException("Rule_EventClosed");
    }

    /// <summary>Field rules of the event itself; sessions validate themselves.</summary>
    public static Validator Validate(string? title, string? description, string? topics, string? recordingUrl,
        IEnumerable<(string Field, string? Value)> translations, string? reminders)
    {
        var v = new Validator();
        var t = title?.Trim() ?? "";
        v.When(t.Length == 0, "title", "Validation_Required");
        v.When(t.Length > TitleMaxLength, "title", "Validation_TooLong", TitleMaxLength);
        v.When(description?.Length > DescriptionMaxLength, "description", "Validation_TooLong", DescriptionMaxLength);
        v.When(topics?.Length > TopicsMaxLength, "topics", "Validation_TooLong", TopicsMaxLength);
        v.When(recordingUrl is { Length: > 0 } && !Urls.IsHttp(recordingUrl), "recordingUrl", "Validation_Url");
        foreach (var (field, value) in translations)
        {
            var max = field.StartsWith("title", StringComparison.Ordinal) ? TitleMaxLength : DescriptionMaxLength;
            v.When(value?.Length > max, field, "Validation_TooLong", max);
        }
        if (reminders is not null)
            v.When(!ReminderOffsets.TryParse(reminders, out _), "reminders", "Validation_Reminders");
        return v;
    }
}

/// <summary>A repeating plan of editions (e.g. every two months) created from one template.</summary>
public class EventSeries
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public required string Rule { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<Event> Events { get; set; } = [];
}

public static class ReminderOffsets
{
    /// <summary>Parses "P1D;PT1H" (ISO 8601 durations, positive, at most 30 days, at most 5 of them).</summary>
    public static bool TryParse(string text, out IReadOnlyList<TimeSpan> offsets)
    {
        var list = new List<TimeSpan>();
        offsets = list;
        if (text.Length == 0) return true;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var span = System.Xml.XmlConvert.ToTimeSpan(part);
                if (span <= TimeSpan.Zero || span > TimeSpan.FromDays(30)) return false;
                list.Add(span);
            }
            catch (FormatException)
            {
                return false;
            }
        }
        return list.Count <= 5;
    }
}

public static class Urls
{
    public static bool IsHttp(string? value) =>
        value is { Length: > 0 and <= Event.UrlMaxLength } &&
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>
/// How a program's attendance is judged. An imported report marks a person Present from <see cref="PresentThresholdPercent"/>
/// of the session's minutes; a participant completes the program having attended <see cref="CompletionPercent"/> of its
/// sessions (Excused ones left out); self check-in is open from <see cref="CheckInMinutesBefore"/> before the start to
/// <see cref="CheckInMinutesAfter"/> after the end, and marks Late after <see cref="LateAfterMinutes"/>.
/// </summary>
public sealed record TrainingRules(int PresentThresholdPercent = 75, int CompletionPercent = 80, int CheckInMinutesBefore = 15,
    int CheckInMinutesAfter = 15, int LateAfterMinutes = 10)
{
    public Common.Validator Validate()
    {
        var v = new Common.Validator();
        v.When(PresentThresholdPercent is < 1 or > 100, "presentThresholdPercent", "Validation_Range", 1, 100);
        v.When(CompletionPercent is < 1 or > 100, "completionPercent", "Validation_Range", 1, 100);
        v.When(CheckInMinutesBefore is < 0 or > 240, "checkInMinutesBefore", "Validation_Range", 0, 240);
        v.When(CheckInMinutesAfter is < 0 or > 240, "checkInMinutesAfter", "Validation_Range", 0, 240);
        v.When(LateAfterMinutes is < 0 or > 240, "lateAfterMinutes", "Validation_Range", 0, 240);
        return v;
    }
}
