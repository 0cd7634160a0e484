namespace Events.Core.Training;

public enum ProjectStage { Idea, Prototype, Mvp, Launched }

public enum ProjectStatus { Draft, Final }

/// <summary>A team of an innolab's participants; it works on one start-up project.</summary>
public class InnolabTeam
{
    public const int NameMaxLength = 100;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<InnolabTeamMember> Members { get; set; } = [];
    public StartupProject? Project { get; set; }
}

/// <summary>A participant (by registration) in a team; one team per person and innolab.</summary>
public class InnolabTeamMember
{
    public int TeamId { get; set; }
    public int EventId { get; set; }
    public int RegistrationId { get; set; }
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
