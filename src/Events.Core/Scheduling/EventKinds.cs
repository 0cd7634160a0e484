namespace Events.Core.Scheduling;

public enum EventKind { OnlineMekendesh, EmbassyMeeting, Contest, Training, Course, Innolab, Webinar, Exhibition, Forum }

public enum EventStatus { Draft, Published, Completed, Cancelled }

/// <summary>Who an event is for; several at once.</summary>
[Flags]
public enum EventAudience { None = 0, Compatriots = 1, StateStaff = 2, Journalists = 4, Youth = 8 }

public enum SessionMode { Online, Offline, Hybrid }

public enum SessionStatus { Scheduled, Cancelled }

public enum SessionChangeKind { Created, Rescheduled, Edited, Cancelled }

public static class EventKindRules
{
    /// <summary>Kinds where a registration enrols the person in the whole event (attendance per session).</summary>
    public static bool EnrolsInWholeEvent(EventKind kind) => kind is EventKind.Training or EventKind.Course or EventKind.Innolab;

    /// <summary>The same kinds as a list, for queries.</summary>
    public static readonly EventKind[] ProgramKinds = [EventKind.Training, EventKind.Course, EventKind.Innolab];
}
