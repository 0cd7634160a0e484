using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Web.Components.Pages.Scheduling;

/// <summary>One session as the editor holds it while the organizer types.</summary>
public sealed class SessionForm
{
    public int? Id { get; set; }
    public string? Label { get; set; }
    public DateTime? Date { get; set; }
    public TimeSpan? Time { get; set; }
    public string TimeZone { get; set; } = "Asia/Bishkek";
    public int DurationMinutes { get; set; } = 90;
    public SessionMode Mode { get; set; } = SessionMode.Online;
    public string? JoinUrl { get; set; }
    public string? Venue { get; set; }
    public string? Address { get; set; }
    public int? Capacity { get; set; }
    public SessionStatus Status { get; set; } = SessionStatus.Scheduled;
    public int Sequence { get; set; }

    public DateTime? LocalStart => Date is { } d && Time is { } t ? d.Date + t : null;

    /// <summary>The instant the form describes, or why it has none yet (DST gap, unknown zone).</summary>
    public (DateTime? Utc, bool Ambiguous, string? ErrorKey) Resolve()
    {
        if (LocalStart is not { } local) return (null, false, null);
        if (!TimeZones.IsValidIana(TimeZone)) return (null, false, "Validation_UnknownTimeZone");
        try
        {
            var r = WallClock.ToUtc(local, TimeZone);
            return (r.Utc, r.WasAmbiguous, null);
        }
        catch (ValidationFailedException e)
        {
            return (null, false, e.Errors[0].Key);
        }
    }

    public SessionInput ToInput() => new(Label ?? "", LocalStart, TimeZone, DurationMinutes, Mode, JoinUrl ?? "", Venue ?? "", Address ?? "", Capacity,
        ClearCapacity: Capacity is null);

    public static SessionForm From(Session s) => new()
    {
        Id = s.Id, Label = s.Label, Date = s.Start.Date, Time = s.Start.TimeOfDay, TimeZone = s.TimeZone, DurationMinutes = s.DurationMinutes,
        Mode = s.Mode, JoinUrl = s.JoinUrl, Venue = s.Venue, Address = s.Address, Capacity = s.Capacity, Status = s.Status, Sequence = s.Sequence,
    };
}

/// <summary>The audience's main cities, shown under every time option of the editor.</summary>
public static class AudienceCities
{
    public static readonly (string Key, string Zone)[] All =
    [
        ("Moscow", "Europe/Moscow"), ("Novosibirsk", "Asia/Novosibirsk"), ("Yekaterinburg", "Asia/Yekaterinburg"),
        ("Istanbul", "Europe/Istanbul"), ("Almaty", "Asia/Almaty"), ("Bishkek", "Asia/Bishkek"), ("Berlin", "Europe/Berlin"),
        ("Rome", "Europe/Rome"), ("Seoul", "Asia/Seoul"), ("Dubai", "Asia/Dubai"), ("London", "Europe/London"),
        ("NewYork", "America/New_York"), ("Chicago", "America/Chicago"),
    ];

    /// <summary>IANA zones for pickers: the cities' zones first, then every other zone.</summary>
    public static readonly Lazy<string[]> Zones = new(() =>
        All.Select(c => c.Zone).Concat(TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId && z.Id.Contains('/')).Select(z => z.Id).Order())
            .Distinct().ToArray());
}
