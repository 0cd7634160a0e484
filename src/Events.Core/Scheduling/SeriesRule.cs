using Events.Core.Common;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Events.Core.Scheduling;

/// <summary>
/// Expands an RFC 5545 RRULE ("FREQ=MONTHLY;INTERVAL=2;COUNT=6") into wall-clock starts. Expansion
/// runs on floating (zone-less) times, so 19:00 stays 19:00 across DST changes; each start is then
/// resolved in its zone by <see cref="WallClock"/>.
/// </summary>
public static class SeriesRule
{
    public const int MaxEditions = 60;

    public static IReadOnlyList<DateTime> Expand(string rule, DateTime firstLocalStart, DateTime horizonLocalEnd)
    {
        RecurrenceRule parsed;
        try
        {
            parsed = new RecurrenceRule(rule.Trim().StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule.Trim()[6..] : rule.Trim());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw ValidationFailedException.For("rule", "Validation_RecurrenceRule");
        }
        if (parsed.Frequency < Ical.Net.FrequencyType.Daily)
            throw ValidationFailedException.For("rule", "Validation_RecurrenceRule");

        var start = DateTime.SpecifyKind(firstLocalStart, DateTimeKind.Unspecified);
        var template = new CalendarEvent
        {
            DtStart = new CalDateTime(start, tzId: null, hasTime: true),
            Duration = Duration.FromMinutes(1),
            RecurrenceRule = parsed,
        };

        var bounded = parsed.Count is not null || parsed.Until is not null;
        var result = new List<DateTime>();
        try
        {
            foreach (var occurrence in template.GetOccurrences(null, null))
            {
                var local = DateTime.SpecifyKind(occurrence.Period.StartTime.Value, DateTimeKind.Unspecified);
                if (!bounded && local > horizonLocalEnd) break;
                result.Add(local);
                if (result.Count > MaxEditions)
                    throw ValidationFailedException.For("rule", "Validation_TooManyEditions", MaxEditions);
            }
        }
        catch (Ical.Net.Evaluation.EvaluationException)
        {
            throw ValidationFailedException.For("rule", "Validation_RecurrenceRule");
        }
        return result;
    }
}
