using Events.Core.Common;

namespace Events.Core.Training;

/// <summary>How a person took part in one session of a program; Present and Late count as attended, Excused leaves the count.</summary>
public enum AttendanceStatus { Present, Late, Excused, Absent }

/// <summary>Where a mark came from: the trainer's roster, an imported Zoom/Teams report, the participant's own check-in, or the door desk.</summary>
public enum AttendanceSource { Roster, Import, SelfCheckIn, Desk }

/// <summary>
/// A person's attendance at one session. It is changed, never overwritten silently: every change appends an
/// <see cref="AttendanceChange"/> (who, when, old, new), so a disputed mark can be traced.
/// </summary>
public class AttendanceRecord
{
    public const int RemarkMaxLength = 500;

    public long Id { get; set; }
    public int EventId { get; set; }
    public int SessionId { get; set; }
    public int RegistrationId { get; set; }
    public AttendanceStatus Status { get; private set; }
    public string? Remark { get; private set; }

    /// <summary>Minutes in the session as an imported report shows them (null when marked by hand).</summary>
    public int? MinutesAttended { get; private set; }
    public AttendanceSource Source { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public string? UpdatedBy { get; private set; }

    public static AttendanceRecord New(int eventId, int sessionId, int registrationId) =>
        new() { EventId = eventId, SessionId = sessionId, RegistrationId = registrationId, Status = AttendanceStatus.Absent };

    /// <summary>Applies a mark; returns the history line, or null when nothing changes (so applying twice changes nothing).</summary>
    public AttendanceChange? Mark(AttendanceStatus status, string? remark, int? minutes, AttendanceSource source, string? by, DateTime nowUtc, bool isNew)
    {
        if (!Enum.IsDefined(status)) throw ValidationFailedException.For("status", "Validation_UnknownValue");
        remark = string.IsNullOrWhiteSpace(remark) ? null : remark.Trim();
        if (remark?.Length > RemarkMaxLength) throw ValidationFailedException.For("remark", "Validation_TooLong", RemarkMaxLength);
        if (!isNew && status == Status && remark == Remark && minutes == MinutesAttended) return null;
        var change = new AttendanceChange
        {
            EventId = EventId, SessionId = SessionId, RegistrationId = RegistrationId, ChangedUtc = nowUtc, ChangedBy = by, Source = source,
            OldStatus = isNew ? null : Status, NewStatus = status, OldRemark = isNew ? null : Remark, NewRemark = remark,
            OldMinutes = isNew ? null : MinutesAttended, NewMinutes = minutes,
        };
        (Status, Remark, MinutesAttended, Source, UpdatedUtc, UpdatedBy) = (status, remark, minutes, source, nowUtc, by);
        return change;
    }

    public bool Attended => Status is AttendanceStatus.Present or AttendanceStatus.Late;
}

/// <summary>One line of an attendance record's history.</summary>
public class AttendanceChange
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public int SessionId { get; set; }
    public int RegistrationId { get; set; }
    public DateTime ChangedUtc { get; set; }
    public string? ChangedBy { get; set; }
    public AttendanceSource Source { get; set; }
    public AttendanceStatus? OldStatus { get; set; }
    public AttendanceStatus NewStatus { get; set; }
    public string? OldRemark { get; set; }
    public string? NewRemark { get; set; }
    public int? OldMinutes { get; set; }
    public int? NewMinutes { get; set; }
}

/// <summary>A trainer of an event: sees and manages that event's participants and attendance, and nothing else.</summary>
public class EventTrainer
{
    public int EventId { get; set; }
    public required string UserId { get; set; }
    public DateTime AddedUtc { get; set; }
    public string? AddedBy { get; set; }
}
