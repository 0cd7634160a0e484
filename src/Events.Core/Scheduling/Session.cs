using Events.Core.Common;

namespace Events.Core.Scheduling;

/// <summary>What an organizer enters for a session; null fields of a change keep their value.</summary>
public sealed record SessionInput(
    string? Label = null,
    DateTime? Start = null,
    string? TimeZone = null,
    int? DurationMinutes = null,
    SessionMode? Mode = null,
    string? JoinUrl = null,
    string? Venue = null,
    string? Address = null,
    int? Capacity = null,
    DateTime? RegistrationOpensUtc = null,
    DateTime? RegistrationClosesUtc = null,
    bool ClearCapacity = false);

/// <summary>
/// One sitting of an event: a wall-clock start in an IANA zone, a duration, a place or a link.
/// Rescheduling and cancelling keep a history and raise <see cref="Sequence"/>, which calendar
/// invitations carry so that calendars replace the old version.
/// </summary>
public class Session
{
    public const int LabelMaxLength = 100;
    public const int VenueMaxLength = 200;
    public const int AddressMaxLength = 400;
    public const int MaxDurationMinutes = 14 * 24 * 60;

    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }

    /// <summary>Stable iCalendar UID (random, so it reveals nothing and cannot be guessed).</summary>
    public string Uid { get; set; } = $"{Guid.NewGuid():N}@events.kg";

    public string? Label { get; set; }

    /// <summary>Wall-clock start as entered, in <see cref="TimeZone"/> (no offset).</summary>
    public DateTime Start { get; private set; }
    public string TimeZone { get; private set; } = "Asia/Bishkek";
    public int DurationMinutes { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }

    /// <summary>The wall-clock start existed twice (clocks went back); the earlier instant was taken.</summary>
    public bool StartWasAmbiguous { get; private set; }

    public SessionMode Mode { get; set; }
    public string? JoinUrl { get; set; }
    public string? Venue { get; set; }
    public string? Address { get; set; }

    /// <summary>Seats; null means unlimited.</summary>
    public int? Capacity { get; set; }
    public DateTime? RegistrationOpensUtc { get; set; }
    public DateTime? RegistrationClosesUtc { get; set; }

    public SessionStatus Status { get; private set; } = SessionStatus.Scheduled;
    public string? CancelReason { get; private set; }
    public int Sequence { get; private set; }

    /// <summary>Counters kept by registration in the same transaction as each change (capacity is checked against them in the database).</summary>
    public int ConfirmedCount { get; set; }
    public int WaitlistedCount { get; set; }

    public List<SessionChange> Changes { get; set; } = [];

    /// <summary>Key of the rotating self check-in code on the trainer's screen (random, created when first shown).</summary>
    public string? CheckInSecret { get; set; }

    public static Session Create(SessionInput input, DateTime nowUtc, string? by)
    {
        var v = new Validator();
        v.When(input.Start is null, "start", "Validation_Required");
        v.When(input.TimeZone is null || !TimeZones.IsValidIana(input.TimeZone), "timeZone", "Validation_UnknownTimeZone");
        v.When(input.DurationMinutes is null, "durationMinutes", "Validation_Required");
        v.When(input.Mode is { } m && !Enum.IsDefined(m), "mode", "Validation_UnknownValue");
        var session = new Session { Mode = input.Mode ?? SessionMode.Online };
        session.ApplyDetails(input, v);
        CheckDuration(v, input.DurationMinutes);
        v.ThrowIfAny();

        session.SetTime(input.Start!.Value, input.TimeZone!.Trim(), input.DurationMinutes!.Value);
        session.CheckRegistrationWindow();
        session.Changes.Add(new SessionChange
        {
            Kind = SessionChangeKind.Created, ChangedUtc = nowUtc, ChangedBy = by, Sequence = 0,
            NewStartUtc = session.StartUtc, NewTimeZone = session.TimeZone, NewDurationMinutes = session.DurationMinutes,
        });
        return session;
    }

    /// <summary>
    /// Applies a change. A new time, zone, duration, place or link raises the sequence (attendees'
    /// calendars must update); a label or capacity alone does not.
    /// </summary>
    public bool Change(SessionInput input, DateTime nowUtc, string? by)
    {
        if (Status == SessionStatus.Cancelled) throw new RuleViolationException("Rule_SessionCancelled");
        var v = new Validator();
        v.When(input.TimeZone is not null && !TimeZones.IsValidIana(input.TimeZone), "timeZone", "Validation_UnknownTimeZone");
        v.When(input.Mode is { } m && !Enum.IsDefined(m), "mode", "Validation_UnknownValue");
        if (input.DurationMinutes is not null) CheckDuration(v, input.DurationMinutes);
        var before = (StartUtc, EndUtc, TimeZone, DurationMinutes, Start, JoinUrl, Venue, Address, Mode);
        var copy = (Label, Capacity, RegistrationOpensUtc, RegistrationClosesUtc);
        ApplyDetails(input, v);
        if (v.HasErrors)
        {
            (JoinUrl, Venue, Address, Mode) = (before.JoinUrl, before.Venue, before.Address, before.Mode);
            (Label, Capacity, RegistrationOpensUtc, RegistrationClosesUtc) = copy;
            v.ThrowIfAny();
        }

        var timeChanged = input.Start is not null || input.TimeZone is not null || input.DurationMinutes is not null;
        if (timeChanged)
        {
            var start = input.Start ?? Start;
            var zone = input.TimeZone?.Trim() ?? TimeZone;
            var duration = input.DurationMinutes ?? DurationMinutes;
            var resolved = WallClock.ToUtc(start, zone);
            if (resolved.Utc <= nowUtc && (resolved.Utc != before.StartUtc))
                throw ValidationFailedException.For("start", "Validation_StartInPast");
            SetTime(start, zone, duration);
        }
        CheckRegistrationWindow();

        var moved = StartUtc != before.StartUtc || EndUtc != before.EndUtc || TimeZone != before.TimeZone;
        var placeChanged = JoinUrl != before.JoinUrl || Venue != before.Venue || Address != before.Address || Mode != before.Mode;
        if (!moved && !placeChanged) return false;
        Sequence++;
        Changes.Add(new SessionChange
        {
            Kind = moved ? SessionChangeKind.Rescheduled : SessionChangeKind.Edited,
            ChangedUtc = nowUtc, ChangedBy = by, Sequence = Sequence,
            OldStartUtc = before.StartUtc, OldTimeZone = before.TimeZone, OldDurationMinutes = before.DurationMinutes,
            NewStartUtc = StartUtc, NewTimeZone = TimeZone, NewDurationMinutes = DurationMinutes,
        });
        return true;
    }

    public void Cancel(DateTime nowUtc, string? reason, string? by)
    {
        if (Status == SessionStatus.Cancelled) return;
        if (reason?.Length > 500) throw ValidationFailedException.For("reason", "Validation_TooLong", 500);
        Status = SessionStatus.Cancelled;
        CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Sequence++;
        Changes.Add(new SessionChange
        {
            Kind = SessionChangeKind.Cancelled, ChangedUtc = nowUtc, ChangedBy = by, Sequence = Sequence, Reason = CancelReason,
            OldStartUtc = StartUtc, OldTimeZone = TimeZone, OldDurationMinutes = DurationMinutes,
        });
    }

    /// <summary>Open for registration now: scheduled, not ended, inside its registration window.</summary>
    public bool IsOpenForRegistration(DateTime nowUtc) =>
        Status == SessionStatus.Scheduled && EndUtc > nowUtc
        && (RegistrationOpensUtc is null || RegistrationOpensUtc <= nowUtc)
        && (RegistrationClosesUtc is null || RegistrationClosesUtc > nowUtc);

    public int? SeatsLeft => Capacity is { } c ? Math.Max(0, c - ConfirmedCount) : null;

    private void SetTime(DateTime start, string zone, int duration)
    {
        var local = DateTime.SpecifyKind(new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0), DateTimeKind.Unspecified);
        var resolved = WallClock.ToUtc(local, zone);
        Start = local;
        TimeZone = zone;
        DurationMinutes = duration;
        StartUtc = resolved.Utc;
        EndUtc = resolved.Utc.AddMinutes(duration);
        StartWasAmbiguous = resolved.WasAmbiguous;
    }

    private void ApplyDetails(SessionInput input, Validator v)
    {
        if (input.Label is not null)
        {
            Label = Blank(input.Label);
            v.When(Label?.Length > LabelMaxLength, "label", "Validation_TooLong", LabelMaxLength);
        }
        if (input.Mode is { } mode) Mode = mode;
        if (input.JoinUrl is not null)
        {
            JoinUrl = Blank(input.JoinUrl);
            v.When(JoinUrl is not null && !Urls.IsHttp(JoinUrl), "joinUrl", "Validation_Url");
        }
        if (input.Venue is not null)
        {
            Venue = Blank(input.Venue);
            v.When(Venue?.Length > VenueMaxLength, "venue", "Validation_TooLong", VenueMaxLength);
        }
        if (input.Address is not null)
        {
            Address = Blank(input.Address);
            v.When(Address?.Length > AddressMaxLength, "address", "Validation_TooLong", AddressMaxLength);
        }
        if (input.ClearCapacity) Capacity = null;
        if (input.Capacity is { } capacity)
        {
            v.When(capacity < 0, "capacity", "Validation_CapacityNegative");
            v.When(capacity > 1_000_000, "capacity", "Validation_TooLarge", 1_000_000);
            Capacity = capacity;
        }
        if (input.RegistrationOpensUtc is not null) RegistrationOpensUtc = DateTime.SpecifyKind(input.RegistrationOpensUtc.Value, DateTimeKind.Utc);
        if (input.RegistrationClosesUtc is not null) RegistrationClosesUtc = DateTime.SpecifyKind(input.RegistrationClosesUtc.Value, DateTimeKind.Utc);
    }

    private void CheckRegistrationWindow()
    {
        if (RegistrationOpensUtc is { } opens && RegistrationClosesUtc is { } closes && closes <= opens)
            throw ValidationFailedException.For("registrationClosesUtc", "Validation_EndBeforeStart");
    }

    private static void CheckDuration(Validator v, int? minutes)
    {
        if (minutes is not { } m) return;
        v.When(m < 1, "durationMinutes", "Validation_EndBeforeStart");
        v.When(m > MaxDurationMinutes, "durationMinutes", "Validation_TooLarge", MaxDurationMinutes);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One line of a session's history: created, moved, edited or cancelled.</summary>
public class SessionChange
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public SessionChangeKind Kind { get; set; }
    public DateTime ChangedUtc { get; set; }
    public string? ChangedBy { get; set; }
    public int Sequence { get; set; }
    public DateTime? OldStartUtc { get; set; }
    public string? OldTimeZone { get; set; }
    public int? OldDurationMinutes { get; set; }
    public DateTime? NewStartUtc { get; set; }
    public string? NewTimeZone { get; set; }
    public int? NewDurationMinutes { get; set; }
    public string? Reason { get; set; }
}
