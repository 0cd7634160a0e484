using Events.Core.Common;
using Events.Core.Reference;
using Events.Core.Scheduling;

namespace Events.Core.Planning;

public sealed record PlannerRequest(DateOnly? Date, int? DurationMinutes, IReadOnlyDictionary<string, double>? Audience,
    TimeOnly? ComfortFrom, TimeOnly? ComfortTo);

public sealed record CountryCoverage(string CountryCode, string TimeZone, double Weight, bool Covered);

public sealed record PlannerResult(IReadOnlyList<DateTime> OptionsUtc, double Coverage, IReadOnlyList<CountryCoverage> PerCountry);

/// <summary>
/// Proposes the two start times of an Online-Mekendesh edition: among starts on the asked UTC date in
/// 15-minute steps, the pair that covers the largest weight of the audience, a country being covered
/// when one option starts and ends within its comfortable local hours on one local day.
/// Ties go to the pair whose earlier option starts latest, then whose later option starts latest.
/// </summary>
public static class TimeZoneOptionPlanner
{
    public static readonly TimeOnly DefaultComfortFrom = new(9, 0);
    public static readonly TimeOnly DefaultComfortTo = new(21, 0);
    private const int StepMinutes = 15;
    private const int Steps = 24 * 60 / StepMinutes;

    /// <summary>The representative zone of a country (RU → Europe/Moscow, US → America/New_York, …).</summary>
    public static string? ZoneOf(string countryCode) =>
        CountryCatalog.All.FirstOrDefault(c => c.Code == countryCode)?.TimeZone;

    public static PlannerResult Plan(PlannerRequest request, IReadOnlyDictionary<string, double> fallbackAudience)
    {
        var v = new Validator();
        v.When(request.Date is null, "date", "Validation_Required");
        v.When(request.DurationMinutes is null, "durationMinutes", "Validation_Required");
        v.When(request.DurationMinutes is < 1 or > 12 * 60, "durationMinutes", "Validation_Range", 1, 12 * 60);
        var from = request.ComfortFrom ?? DefaultComfortFrom;
        var to = request.ComfortTo ?? DefaultComfortTo;
        v.When(to <= from, "comfortTo", "Validation_EndBeforeStart");
        var audience = request.Audience is { Count: > 0 } a ? a : fallbackAudience;
        foreach (var (code, weight) in audience)
        {
            v.When(ZoneOf(code.ToUpperInvariant()) is null, "audience", "Validation_UnknownCountry");
            v.When(weight < 0 || double.IsNaN(weight) || double.IsInfinity(weight), "audience", "Validation_Weight");
        }
        v.When(audience.Count == 0 || audience.Values.Sum() <= 0, "audience", "Validation_Weight");
        v.ThrowIfAny();

        var countries = audience
            .GroupBy(p => p.Key.ToUpperInvariant())
            .Select(g => (Code: g.Key, Zone: ZoneOf(g.Key)!, Weight: g.Sum(p => p.Value)))
            .OrderByDescending(c => c.Weight).ThenBy(c => c.Code)
            .ToList();
        var dayStart = request.Date!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var duration = TimeSpan.FromMinutes(request.DurationMinutes!.Value);

        // covered[step][country]
        var covered = new bool[Steps][];
        for (var i = 0; i < Steps; i++)
        {
            var start = dayStart.AddMinutes(i * StepMinutes);
            covered[i] = countries.Select(c => Comfortable(start, duration, c.Zone, from, to)).ToArray();
        }

        var best = (Weight: -1.0, First: 0, Second: 1);
        for (var i = 0; i < Steps; i++)
        for (var j = i + 1; j < Steps; j++)
        {
            var weight = 0.0;
            for (var c = 0; c < countries.Count; c++)
                if (covered[i][c] || covered[j][c]) weight += countries[c].Weight;
            // Strictly better weight wins; on a tie, the later earlier option, then the later later option.
            if (weight > best.Weight + 1e-9 || (Math.Abs(weight - best.Weight) <= 1e-9 && (i > best.First || (i == best.First && j > best.Second))))
                best = (weight, i, j);
        }

        var total = countries.Sum(c => c.Weight);
        var per = countries.Select((c, k) => new CountryCoverage(c.Code, c.Zone, c.Weight, covered[best.First][k] || covered[best.Second][k])).ToList();
        return new PlannerResult([dayStart.AddMinutes(best.First * StepMinutes), dayStart.AddMinutes(best.Second * StepMinutes)],
            best.Weight / total, per);
    }

    /// <summary>Starts at or after <paramref name="from"/> and ends at or before <paramref name="to"/>, both on the same local day.</summary>
    public static bool Comfortable(DateTime startUtc, TimeSpan duration, string zone, TimeOnly from, TimeOnly to)
    {
        var localStart = WallClock.ToLocal(startUtc, zone);
        var localEnd = WallClock.ToLocal(startUtc + duration, zone);
        return localStart.Date == localEnd.Date
               && TimeOnly.FromDateTime(localStart) >= from
               && TimeOnly.FromDateTime(localEnd) <= to
               && localEnd > localStart;
    }

    /// <summary>Coverage of options the organizer chose (the editor shows it live).</summary>
    public static IReadOnlyList<CountryCoverage> CoverageOf(IEnumerable<(DateTime StartUtc, int DurationMinutes)> options,
        IReadOnlyDictionary<string, double> audience, TimeOnly from, TimeOnly to)
    {
        var list = options.ToList();
        return audience.Where(a => ZoneOf(a.Key) is not null)
            .OrderByDescending(a => a.Value).ThenBy(a => a.Key)
            .Select(a =>
            {
                var zone = ZoneOf(a.Key)!;
                return new CountryCoverage(a.Key, zone, a.Value,
                    list.Any(o => Comfortable(o.StartUtc, TimeSpan.FromMinutes(o.DurationMinutes), zone, from, to)));
            }).ToList();
    }
}
