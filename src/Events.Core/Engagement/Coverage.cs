using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Core.Engagement;

/// <summary>Where an event was shared: the audience's channels (domain brief) and the news media.</summary>
public enum CoverageChannel { WhatsApp, Facebook, Instagram, Telegram, Odnoklassniki, VKontakte, YouTube, NewsMedia }

/// <summary>
/// Reach of an event on one channel as an organizer counted it (reposts, views, a link to the post or article). Several records
/// per channel are allowed (several posts); the plan's reposts and views are their sums.
/// </summary>
public class CoverageRecord
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public CoverageChannel Channel { get; set; }
    public int Reposts { get; set; }
    public long? Views { get; set; }
    public string? Url { get; set; }
    public DateTime RecordedUtc { get; set; }

    /// <summary>User id of the organizer who entered the record.</summary>
    public required string RecordedBy { get; set; }
}

/// <summary>A coverage record as an organizer enters it.</summary>
public sealed record CoverageInput(CoverageChannel? Channel, int? Reposts, long? Views = null, string? Url = null)
{
    public void Validate() => new Validator()
        .When(Channel is null, "channel", "Validation_Required")
        .When(Channel is { } c && !Enum.IsDefined(c), "channel", "Validation_UnknownValue")
        .When(Reposts is null, "reposts", "Validation_Required")
        .When(Reposts < 0, "reposts", "Validation_NotNegative")
        .When(Views < 0, "views", "Validation_NotNegative")
        .When(!string.IsNullOrWhiteSpace(Url) && !Urls.IsHttp(Url), "url", "Validation_Url")
        .ThrowIfAny();
}

/// <summary>Sums of coverage for the plan: reposts and views, in total and per channel (every channel present).</summary>
public sealed record CoverageTotals(int Records, long Reposts, long Views, IReadOnlyDictionary<CoverageChannel, (long Reposts, long Views)> ByChannel)
{
    /// <summary>A record without views adds nothing to the views.</summary>
    public static CoverageTotals Of(IEnumerable<(CoverageChannel Channel, int Reposts, long? Views)> records)
    {
        var list = records.ToList();
        return new CoverageTotals(list.Count, list.Sum(r => (long)r.Reposts), list.Sum(r => r.Views ?? 0),
            Enum.GetValues<CoverageChannel>().ToDictionary(c => c, c => (
                list.Where(r => r.Channel == c).Sum(r => (long)r.Reposts), list.Where(r => r.Channel == c).Sum(r => r.Views ?? 0))));
    }
}
