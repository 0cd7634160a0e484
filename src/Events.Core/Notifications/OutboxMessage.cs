namespace Events.Core.Notifications;

public enum OutboxStatus { Queued, Sending, Sent, Failed }

/// <summary>
/// An email written in the same transaction as the change that causes it, as complete MIME bytes,
/// and sent later by a dispatcher; nothing is lost if sending fails or the app stops.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required byte[] Mime { get; set; }
    public string? Kind { get; set; }
    public int? RegistrationId { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Queued;
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }
}
