using Events.Core.Common;
using Events.Core.Organizations;

namespace Events.Core.Indicators;

/// <summary>
/// Part four of the M&amp;E report: what the analyst recommends after reading the year's figures, as plain text or Markdown
/// (rendered sanitized). One per year and organization; <see cref="OrganizationId"/> null = the whole plan.
/// </summary>
public class ReportRecommendation
{
    public const int TextMaxLength = 20_000;

    public int Id { get; set; }
    public int Year { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>
    /// The unique index's key: the organization, or 0 for the whole plan. The index cannot be on <see cref="OrganizationId"/>:
    /// SQLite treats NULLs as distinct and SQL Server's default filtered index skips them, so two whole-plan rows would pass.
    /// </summary>
    public int OrganizationKey { get; set; }

    public string Text { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }

    /// <summary>User id of who saved the text last.</summary>
    public string UpdatedBy { get; set; } = "";

    public static int KeyOf(int? organizationId) => organizationId ?? 0;
}

/// <summary>The recommendations as the analyst (or an organizer, for their organization) enters them; a blank text removes them.</summary>
public sealed record RecommendationsInput(int? Year, int? OrganizationId, string? Text)
{
    public void Validate() => new Validator()
        .When(Year is null, "year", "Validation_Required")
        .When(Year is < 2000 or > 2100, "year", "Validation_Range", 2000, 2100)
        .When(Text?.Trim().Length > ReportRecommendation.TextMaxLength, "text", "Validation_TooLong", ReportRecommendation.TextMaxLength)
        .ThrowIfAny();
}
