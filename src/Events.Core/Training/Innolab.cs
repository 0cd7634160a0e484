using Events.Core.Common;

namespace Events.Core.Training;

public enum ProjectStage { Idea, Prototype, Mvp, Launched }

public enum ProjectStatus { Draft, Final }

/// <summary>A team of an innolab's participants; it works on one start-up project.</summary>
public class InnolabTeam
{
    public const int NameMaxLength = 100;
    public const int MaxMembers = 20;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }

    /// <summary>The name trimmed and upper-cased: team names are unique per innolab whatever their case (a unique index).</summary>
    public string NormalizedName { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public List<InnolabTeamMember> Members { get; set; } = [];
    public StartupProject? Project { get; set; }

    public static string Normalize(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    public void Rename(string name)
    {
        Name = name;
        NormalizedName = Normalize(name);
    }
}

/// <summary>A participant (by registration) in a team; one team per person and innolab.</summary>
public class InnolabTeamMember
{
    public int TeamId { get; set; }
    public int EventId { get; set; }
    public int RegistrationId { get; set; }

    /// <summary>The order the organizer listed the members in; the first is the team's contact (a contest entry is sent in their name).</summary>
    public int Position { get; set; }
}

/// <summary>
/// A team's start-up project, Draft until the team (or its trainer) marks it Final: the plan's "developed start-ups"
/// are the Final ones. A final project can be entered into a contest (the Invest-challenge).
/// </summary>
public class StartupProject
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 4000;

    public int Id { get; set; }
    public int TeamId { get; set; }
    public int EventId { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public ProjectStage Stage { get; set; }
    public ProjectStatus Status { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? FinalizedUtc { get; set; }
    public int? ContestEntryId { get; set; }
    public List<MentorNote> Notes { get; set; } = [];

    /// <summary>
    /// Saves what the team or a mentor wrote. A final project is what the plan counts and what a contest may judge: the team
    /// can no longer change it, only a mentor (trainer or organizer) can change it or send it back to Draft.
    /// </summary>
    public void Save(ProjectInput input, bool byMentor, DateTime nowUtc)
    {
        var (title, summary, stage, status) = input.Validate(Stage, Status);
        if (!byMentor && Status == ProjectStatus.Final) throw new RuleViolationException("Rule_ProjectFinal");
        Title = title;
        Summary = summary;
        Stage = stage;
        if (status == ProjectStatus.Final && Status != ProjectStatus.Final) FinalizedUtc = nowUtc;
        if (status == ProjectStatus.Draft) FinalizedUtc = null;
        Status = status;
        UpdatedUtc = nowUtc;
    }
}

/// <summary>What the team or a mentor writes about a project; a missing stage or status keeps the current one.</summary>
public sealed record ProjectInput(string? Title, string? Summary, ProjectStage? Stage = null, ProjectStatus? Status = null)
{
    public (string Title, string? Summary, ProjectStage Stage, ProjectStatus Status) Validate(ProjectStage currentStage, ProjectStatus currentStatus)
    {
        var v = new Validator();
        var title = Title?.Trim() ?? "";
        var summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary.Trim();
        v.When(title.Length == 0, "title", "Validation_Required");
        v.When(title.Length > StartupProject.TitleMaxLength, "title", "Validation_TooLong", StartupProject.TitleMaxLength);
        v.When(summary?.Length > StartupProject.SummaryMaxLength, "summary", "Validation_TooLong", StartupProject.SummaryMaxLength);
        v.When(Stage is { } s && !Enum.IsDefined(s), "stage", "Validation_UnknownValue");
        v.When(Status is { } st && !Enum.IsDefined(st), "status", "Validation_UnknownValue");
        v.ThrowIfAny();
        return (title, summary, Stage ?? currentStage, Status ?? currentStatus);
    }
}

/// <summary>A mentor's (trainer's or organizer's) note on a project, for the team.</summary>
public class MentorNote
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int ProjectId { get; set; }
    public required string AuthorUserId { get; set; }
    public string? AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedUtc { get; set; }
}
