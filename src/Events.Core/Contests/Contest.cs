using Events.Core.Organizations;

namespace Events.Core.Contests;

public enum ContestKind { MyktyMekendesh, Manaschi, Journalism, InvestChallenge, Other }

public enum ContestStatus { Draft, Published }

/// <summary>
/// A contest of the plan (Mykty Mekendesh, Manaschi, the journalists' contest, the Invest-challenge): entries come
/// in through a public form during the submission window, a jury scores them in one or more rounds, and the
/// organizer awards places and grants.
/// </summary>
public class Contest
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int MaxCategories = 20;
    public const int CategoryMaxLength = 100;
    public const int CurrencyLength = 3;

    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public ContestKind Kind { get; set; }
    public ContestStatus Status { get; set; } = ContestStatus.Draft;

    public required string Title { get; set; }
    public string? TitleKy { get; set; }
    public string? TitleRu { get; set; }
    public string? TitleEn { get; set; }

    /// <summary>Rules and description (Markdown, sanitized when shown).</summary>
    public string? Description { get; set; }
    public string? DescriptionKy { get; set; }
    public string? DescriptionRu { get; set; }
    public string? DescriptionEn { get; set; }

    /// <summary>Categories an entry is submitted in (empty: one general category).</summary>
    public List<string> Categories { get; set; } = [];

    public DateTime SubmissionOpensUtc { get; set; }
    public DateTime SubmissionClosesUtc { get; set; }

    /// <summary>Blind judging: jurors never see who submitted an entry (name, email, organization, file names).</summary>
    public bool Blind { get; set; }

    public decimal? GrantBudget { get; set; }
    public string? Currency { get; set; }

    /// <summary>The award ceremony, an event of kind Contest from scheduling (optional).</summary>
    public int? CeremonyEventId { get; set; }

    /// <summary>Eligibility questions on the entry form (same kinds as a registration form's questions).</summary>
    public List<Registration.RegistrationQuestion> Questions { get; set; } = [];

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }

    /// <summary>When the organizer made the awards public (null: results are not public).</summary>
    public DateTime? ResultsPublishedUtc { get; set; }

    public List<Round> Rounds { get; set; } = [];

    public string LocalizedTitle(string culture) => Localization.Translations.Pick(culture, TitleKy, TitleRu, TitleEn) ?? Title;

    public string? LocalizedDescription(string culture) => Localization.Translations.Pick(culture, DescriptionKy, DescriptionRu, DescriptionEn) ?? Description;

    public bool IsPublic => Status == ContestStatus.Published;

    /// <summary>Entries may be submitted, edited and given files only while the contest is published and the window is open.</summary>
    public bool AcceptsEntries(DateTime nowUtc) => IsPublic && nowUtc >= SubmissionOpensUtc && nowUtc < SubmissionClosesUtc;

    /// <summary>The journalists' contest records the outlet and the audience each media work claims.</summary>
    public bool RecordsMediaOutlet => Kind == ContestKind.Journalism;
}

public enum RoundStatus { Setup, Open, Closed }

/// <summary>Whether jurors see the other jurors' final sheets of an entry: never, once their own sheet is final, or always.</summary>
public enum SeeOtherScores { Never, AfterOwn, Always }

public enum RankMethod { Mean, Normalized }

/// <summary>One stage of judging (shortlist, final) with its own rubric. Setup → Open (sheets can be saved) → Closed (scores locked).</summary>
public class Round
{
    public const int NameMaxLength = 100;
    public const int MaxCriteria = 20;

    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest? Contest { get; set; }

    /// <summary>1 for the first round; the first round judges every active entry, later rounds the entries advanced into them.</summary>
    public int Number { get; set; }
    public required string Name { get; set; }
    public RoundStatus Status { get; set; } = RoundStatus.Setup;
    public SeeOtherScores SeeOtherScores { get; set; } = SeeOtherScores.Never;
    public RankMethod RankBy { get; set; } = RankMethod.Mean;
    public DateTime? OpenedUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }

    public List<Criterion> Criteria { get; set; } = [];

    public bool IsFirst => Number == 1;
}

/// <summary>A line of a round's rubric: a juror scores 0..<see cref="MaxScore"/>, and the total weighs it by <see cref="Weight"/>.</summary>
public class Criterion
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 1000;

    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public double Weight { get; set; } = 1;
    public double MaxScore { get; set; } = 10;
}

/// <summary>An entry taken into a later round (the first round takes every active entry without rows here).</summary>
public class RoundEntry
{
    public int RoundId { get; set; }
    public int EntryId { get; set; }
}
