namespace Events.Core.Contests;

/// <summary>One juror's scores of one entry in one round; only final sheets count in the results.</summary>
public class ScoreSheet
{
    public const int CommentMaxLength = 4000;

    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public required string JurorId { get; set; }

    /// <summary>Score per criterion id (stored as JSON).</summary>
    public Dictionary<int, double> Scores { get; set; } = [];
    public string? Comment { get; set; }
    public bool IsFinal { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// The juror's total T for these scores, kept with them: the rubric cannot change once its round has opened, so the total
    /// stays right, and a round's results read one number per sheet instead of decoding every score map. Null on sheets from
    /// before the column existed; the results compute those.
    /// </summary>
    public double? Total { get; set; }

    /// <summary>Sets the scores and the total they make under the round's rubric.</summary>
    public void SetScores(Dictionary<int, double> scores, IReadOnlyList<RubricLine> rubric)
    {
        Scores = scores;
        Total = RoundResults.Total(rubric, scores);
    }

    /// <summary>Every change, oldest first (append-only).</summary>
    public List<ScoreChange> Changes { get; set; } = [];
}

/// <summary>A change of a sheet: who, when, old and new. Rows are only ever added.</summary>
public class ScoreChange
{
    public long Id { get; set; }
    public int SheetId { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime ChangedUtc { get; set; }
    public Dictionary<int, double> OldScores { get; set; } = [];
    public Dictionary<int, double> NewScores { get; set; } = [];
    public string? OldComment { get; set; }
    public string? NewComment { get; set; }
    public bool OldFinal { get; set; }
    public bool NewFinal { get; set; }
}
