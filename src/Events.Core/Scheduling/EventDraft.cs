namespace Events.Core.Scheduling;

/// <summary>What an organizer enters for an event (sessions are added with it or later).</summary>
public sealed record EventDraft(
    int OrganizationId,
    EventKind Kind,
    string? Title,
    string? Description = null,
    EventAudience Audience = EventAudience.Compatriots,
    string? Topics = null,
    bool RequiresApproval = false,
    bool InvestmentTopicOnAgenda = false,
    IReadOnlyList<string>? Reminders = null,
    string? RecordingUrl = null,
    string? TitleKy = null, string? TitleRu = null, string? TitleEn = null,
    string? DescriptionKy = null, string? DescriptionRu = null, string? DescriptionEn = null,
    IReadOnlyList<SessionInput>? Sessions = null,
    IReadOnlyList<Registration.RegistrationQuestion>? Questions = null);
