using System.Text.Json.Nodes;
using Events.Core.Common;
using Events.Core.Registration;
using Events.Core.Scheduling;

namespace Events.Web.Api;

public sealed record LocalizedTexts(string? Ky, string? Ru, string? En);

public sealed record SessionRequest(string? Label, string? Start, string? TimeZone, int? DurationMinutes, SessionMode? Mode, string? JoinUrl,
    string? Venue, string? Address, int? Capacity, string? RegistrationOpensUtc, string? RegistrationClosesUtc)
{
    public SessionInput ToInput(string prefix = "") => new(Label, ApiContext.ParseWallClock(Start, prefix + "start"), TimeZone,
        DurationMinutes, Mode ?? SessionMode.Online, JoinUrl, Venue, Address, Capacity,
        ApiContext.ParseUtc(RegistrationOpensUtc, prefix + "registrationOpensUtc"), ApiContext.ParseUtc(RegistrationClosesUtc, prefix + "registrationClosesUtc"));
}

/// <summary>A question of the event's registration form; without <c>id</c> a new one is made (keep ids to keep answers).</summary>
/// <summary>Option translations of a choice question, each in the order of <c>options</c>.</summary>
public sealed record LocalizedOptions(string[]? Ky, string[]? Ru, string[]? En);

public sealed record QuestionRequest(string? Id, QuestionKind? Kind, string? Prompt, LocalizedTexts? Prompts, bool? Required, string[]? Options,
    LocalizedOptions? OptionTranslations = null)
{
    public RegistrationQuestion ToQuestion() => new()
    {
        Id = Id ?? "", Kind = Kind ?? QuestionKind.Text, Prompt = Prompt ?? "", PromptKy = Prompts?.Ky, PromptRu = Prompts?.Ru, PromptEn = Prompts?.En,
        Required = Required ?? false, Options = [.. Options ?? []],
        OptionsKy = [.. OptionTranslations?.Ky ?? []], OptionsRu = [.. OptionTranslations?.Ru ?? []], OptionsEn = [.. OptionTranslations?.En ?? []],
    };
}

/// <summary><c>options</c> are the values to send as answers; <c>optionLabels</c> show them in the request's language.</summary>
public sealed record QuestionDto(string Id, QuestionKind Kind, string Prompt, LocalizedTexts Prompts, bool Required, IReadOnlyList<string> Options,
    IReadOnlyList<string> OptionLabels, LocalizedOptions OptionTranslations)
{
    public static QuestionDto From(RegistrationQuestion q, string culture) =>
        new(q.Id, q.Kind, q.LocalizedPrompt(culture), new LocalizedTexts(q.PromptKy, q.PromptRu, q.PromptEn), q.Required, q.Options,
            q.LocalizedOptions(culture), new LocalizedOptions([.. q.OptionsKy], [.. q.OptionsRu], [.. q.OptionsEn]));
}

public sealed record EventRequest(int? OrganizationId, EventKind? Kind, string? Title, string? Description, LocalizedTexts? Titles,
    LocalizedTexts? Descriptions, EventAudience[]? Audience, string? Topics, bool? RequiresApproval, bool? InvestmentTopicOnAgenda,
    string[]? Reminders, string? RecordingUrl, SessionRequest[]? Sessions, bool? Publish, QuestionRequest[]? Questions = null)
{
    public EventDraft ToDraft(string prefix = "")
    {
        var v = new Validator();
        v.When(OrganizationId is null, prefix + "organizationId", "Validation_Required");
        v.When(Kind is null, prefix + "kind", "Validation_Required");
        v.When(Reminders is { Length: > 5 }, prefix + "reminders", "Validation_Reminders");
        var sessions = new List<SessionInput>();
        var errors = new List<FieldError>();
        foreach (var (s, i) in (Sessions ?? []).Select((s, i) => (s, i)))
        {
            try { sessions.Add(s.ToInput($"{prefix}sessions[{i}].")); }
            catch (ValidationFailedException e) { errors.AddRange(e.Errors); }
        }
        foreach (var e in errors) v.Add(e.Field, e.Key, e.Args);
        v.ThrowIfAny();
        return new EventDraft(OrganizationId!.Value, Kind!.Value, Title, Description,
            Audience is { Length: > 0 } a ? a.Aggregate(EventAudience.None, (x, y) => x | y) : EventAudience.Compatriots,
            Topics, RequiresApproval ?? false, InvestmentTopicOnAgenda ?? false, Reminders, RecordingUrl,
            Titles?.Ky, Titles?.Ru, Titles?.En, Descriptions?.Ky, Descriptions?.Ru, Descriptions?.En, sessions,
            Questions?.Select(q => q.ToQuestion()).ToList());
    }
}

public sealed record SessionDto(int Id, int EventId, string? Label, string Start, string TimeZone, string StartUtc, string EndUtc,
    int DurationMinutes, SessionMode Mode, string? Venue, string? Address, int? Capacity, int Confirmed, int Waitlisted, int? SeatsLeft,
    SessionStatus Status, int Sequence, bool StartWasAmbiguous, string? RegistrationOpensUtc, string? RegistrationClosesUtc, bool OpenForRegistration)
{
    public static SessionDto From(Session s, DateTime nowUtc) => new(s.Id, s.EventId, s.Label, ApiContext.WallClock(s.Start), s.TimeZone,
        ApiContext.Utc(s.StartUtc), ApiContext.Utc(s.EndUtc), s.DurationMinutes, s.Mode, s.Venue, s.Address, s.Capacity, s.ConfirmedCount,
        s.WaitlistedCount, s.SeatsLeft, s.Status, s.Sequence, s.StartWasAmbiguous, ApiContext.Utc(s.RegistrationOpensUtc),
        ApiContext.Utc(s.RegistrationClosesUtc), s.IsOpenForRegistration(nowUtc));
}

public sealed record EventDto(int Id, int OrganizationId, EventKind Kind, string Title, string? Description, EventStatus Status,
    IReadOnlyList<SessionDto> Sessions, LocalizedTexts Titles, LocalizedTexts Descriptions, IReadOnlyList<EventAudience> Audience, string? Topics,
    bool RequiresApproval, bool InvestmentTopicOnAgenda, IReadOnlyList<string> Reminders, string? RecordingUrl, int? SeriesId, int? SeriesIndex,
    string Url, IReadOnlyList<QuestionDto> Questions)
{
    public static EventDto From(Event e, string culture, DateTime nowUtc, string baseUrl) => new(e.Id, e.OrganizationId, e.Kind,
        e.LocalizedTitle(culture), e.LocalizedDescription(culture), e.Status,
        e.Sessions.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).Select(s => SessionDto.From(s, nowUtc)).ToList(),
        new LocalizedTexts(e.TitleKy, e.TitleRu, e.TitleEn), new LocalizedTexts(e.DescriptionKy, e.DescriptionRu, e.DescriptionEn),
        Enum.GetValues<EventAudience>().Where(a => a != EventAudience.None && e.Audience.HasFlag(a)).ToList(), e.Topics,
        e.RequiresApproval, e.InvestmentTopicOnAgenda, e.Reminders.Split(';', StringSplitOptions.RemoveEmptyEntries), e.RecordingUrl,
        e.SeriesId, e.SeriesIndex, $"{baseUrl}/events/{e.Id}", e.Questions.Select(q => QuestionDto.From(q, culture)).ToList());
}

public sealed record CancelRequest(string? Reason);

public sealed record SeriesRequest(EventRequest? Template, string? Rule, bool? Publish, string? HorizonUtc);

public sealed record SeriesDto(int Id, string Rule, IReadOnlyList<EventDto> Events);

public sealed record RecommendationDto(int SessionId, string LocalStart, string Reason, string ReasonCode);

/// <summary>PATCH bodies: a property that is present (even null) changes, an absent one stays.</summary>
public static class SessionPatch
{
    private static readonly HashSet<string> Allowed =
        ["start", "timeZone", "durationMinutes", "joinUrl", "venue", "address", "capacity", "label", "mode", "registrationOpensUtc", "registrationClosesUtc"];

    public static SessionInput Parse(JsonObject body)
    {
        var v = new Validator();
        foreach (var key in body.Select(p => p.Key).Where(k => !Allowed.Contains(k))) v.Add(key, "Validation_UnknownField");
        v.ThrowIfAny();
        string? Text(string name) => body.TryGetPropertyValue(name, out var n) ? (n is null ? "" : n.GetValueKind() == System.Text.Json.JsonValueKind.String ? n.GetValue<string>() : throw ValidationFailedException.For(name, "Validation_UnknownValue")) : null;
        int? Number(string name)
        {
            if (!body.TryGetPropertyValue(name, out var n) || n is null) return null;
            return n.GetValueKind() == System.Text.Json.JsonValueKind.Number && n.AsValue().TryGetValue<int>(out var i)
                ? i : throw ValidationFailedException.For(name, "Validation_UnknownValue");
        }
        SessionMode? mode = null;
        if (Text("mode") is { Length: > 0 } m)
            mode = Enum.TryParse<SessionMode>(m, true, out var parsed) ? parsed : throw ValidationFailedException.For("mode", "Validation_UnknownValue");
        var start = Text("start");
        var zone = Text("timeZone");
        return new SessionInput(
            Label: Text("label"),
            Start: start is null ? null : ApiContext.ParseWallClock(start, "start"),
            TimeZone: zone is { Length: 0 } ? throw ValidationFailedException.For("timeZone", "Validation_UnknownTimeZone") : zone,
            DurationMinutes: Number("durationMinutes") ?? (body.ContainsKey("durationMinutes") ? throw ValidationFailedException.For("durationMinutes", "Validation_Required") : null),
            Mode: mode,
            JoinUrl: Text("joinUrl"),
            Venue: Text("venue"),
            Address: Text("address"),
            Capacity: Number("capacity"),
            RegistrationOpensUtc: ApiContext.ParseUtc(Text("registrationOpensUtc"), "registrationOpensUtc"),
            RegistrationClosesUtc: ApiContext.ParseUtc(Text("registrationClosesUtc"), "registrationClosesUtc"),
            ClearCapacity: body.TryGetPropertyValue("capacity", out var c) && c is null);
    }
}
