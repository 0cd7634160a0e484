namespace Events.Core.Contests;

/// <summary>A place (and optionally a grant) given to an entry in a category.</summary>
public class Award
{
    public const int TitleMaxLength = 200;
    public const int StoryMaxLength = 4000;

    public int Id { get; set; }
    public int ContestId { get; set; }
    public int EntryId { get; set; }
    public ContestEntry? Entry { get; set; }
    public string? Category { get; set; }
    public int Place { get; set; }
    public string? Title { get; set; }
    public decimal? GrantAmount { get; set; }

    /// <summary>The winner's story, shown among the success stories once the results are public.</summary>
    public string? Story { get; set; }
    public DateTime AwardedUtc { get; set; }
    public DateTime? LetterSentUtc { get; set; }
}
