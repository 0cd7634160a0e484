using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Events.Core.Tests.Engagement;

/// <summary>
/// Test-data builder for questions, surveys and coverage: an organization in Bishkek (with a reply-to address), two of its
/// organizers, a juror who is a member but no organizer, an organizer of another organization, and a published
/// Online-Mekendesh with two time options — option 1 on 1 December 2026 and option 2 on 2 December, both 18:00 Bishkek
/// (12:00–13:30 UTC). The test clock starts on 28 November 2026, 09:00 UTC.
/// </summary>
public sealed class EngagementScenario
{
    public const string Title = "Онлайн-Мекендеш: инвестициялар";
    public const string TitleRu = "Онлайн-Мекендеш: инвестиции";
    public const string TitleEn = "Online-Mekendesh: investments";
    public const string OrganizationEmail = "centre@mfa.example.kg";
    private int _people, _eventId;

    private EngagementScenario(TestDatabase db) => Db = db;

    public TestDatabase Db { get; }
    public int OrganizationId { get; private set; }
    public Actor Organizer { get; private set; } = default!;

    /// <summary>Another organizer of the same organization (questions may be assigned to them).</summary>
    public Actor Colleague { get; private set; } = default!;

    /// <summary>A member of the organization with the Juror role only: not someone a question may be assigned to.</summary>
    public Actor JurorMember { get; private set; } = default!;

    /// <summary>An organizer of another organization.</summary>
    public Actor Outsider { get; private set; } = default!;
    public Event Event { get; private set; } = default!;

    public QuestionService Questions => Db.Get<QuestionService>();
    public SurveyService Surveys => Db.Get<SurveyService>();
    public CoverageService Coverage => Db.Get<CoverageService>();
    public RegistrationService Registrations => Db.Get<RegistrationService>();

    /// <summary>The start of option n (1 or 2) in UTC.</summary>
    public static DateTime StartOf(int option) => new(2026, 12, option, 12, 0, 0, DateTimeKind.Utc);

    public Session Option(int n) => Event.Sessions.OrderBy(s => s.StartUtc).ElementAt(n - 1);

    public static async Task<EngagementScenario> CreateAsync(TestDatabase db, int? capacity = null)
    {
        var s = new EngagementScenario(db);
        var org = await db.Get<OrganizationService>().CreateAsync(TestActors.Admin,
            new OrganizationInput("Мекендештер борбору", OrganizationKind.Ministry, "KG", "Asia/Bishkek", OrganizationEmail, NameEn: "Compatriots Centre"));
        s.OrganizationId = org.Id;
        var other = await db.Get<OrganizationService>().CreateAsync(TestActors.Admin, new OrganizationInput("Башка уюм", OrganizationKind.Ngo, "KG", "Asia/Bishkek"));
        s.Organizer = await s.UserAsync("organizer@centre.example.kg", "Айгүл Уюштуруучу", Roles.Organizer, org.Id);
        s.Colleague = await s.UserAsync("colleague@centre.example.kg", "Бакыт Кесиптеш", Roles.Organizer, org.Id);
        s.JurorMember = await s.UserAsync("juror@centre.example.kg", "Калыс Мүчө", Roles.Juror, org.Id);
        s.Outsider = await s.UserAsync("outsider@other.example.kg", "Башка Уюштуруучу", Roles.Organizer, other.Id);
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(s.Organizer, new EventDraft(org.Id, EventKind.OnlineMekendesh, Title, "Сүрөттөмө",
            TitleRu: TitleRu, TitleEn: TitleEn,
            Sessions:
            [
                new SessionInput("1", new DateTime(2026, 12, 1, 18, 0, 0), "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/111", Capacity: capacity),
                new SessionInput("2", new DateTime(2026, 12, 2, 18, 0, 0), "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/222", Capacity: capacity),
            ]));
        await scheduling.PublishAsync(s.Organizer, e.Id);
        s._eventId = e.Id;
        await s.ReloadAsync();
        return s;
    }

    private async Task<Actor> UserAsync(string email, string name, string role, int organizationId)
    {
        var id = await Db.Get<UserAdministration>().CreateAsync(TestActors.Admin, new NewUser(email, name, "Password-2026", [role], [organizationId]));
        return new Actor(id, IsAdministrator: false, name);
    }

    public async Task ReloadAsync()
    {
        await using var context = Db.NewContext();
        Event = await context.Events.AsNoTracking().Include(x => x.Sessions).Include(x => x.Organization).SingleAsync(x => x.Id == _eventId);
    }

    /// <summary>A draft event of the same organization.</summary>
    public async Task<Event> DraftAsync() =>
        await Db.Get<SchedulingService>().CreateEventAsync(Organizer, new EventDraft(OrganizationId, EventKind.Webinar, "Долбоор вебинар",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 10, 18, 0, 0), "Asia/Bishkek", 60, SessionMode.Online, "https://zoom.us/j/333")]));

    /// <summary>Another published event of the same organization (one session on 5 December, 18:00 Bishkek).</summary>
    public async Task<Event> OtherEventAsync()
    {
        var scheduling = Db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(Organizer, new EventDraft(OrganizationId, EventKind.Webinar, "Башка вебинар",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 5, 18, 0, 0), "Asia/Bishkek", 60, SessionMode.Online, "https://zoom.us/j/444")]));
        return await scheduling.PublishAsync(Organizer, e.Id);
    }

    /// <summary>Registers a person for option n of the event (or the given session).</summary>
    public async Task<RegistrationResult> RegisterAsync(string language = "en", int option = 1, string? email = null, int? sessionId = null, string? name = null)
    {
        var n = ++_people;
        var result = await Registrations.RegisterAsync(sessionId ?? Option(option).Id,
            new RegistrationInput(name ?? $"Participant {n}", email ?? $"participant{n}@example.kg", "RU", "Москва", HomeRegion.Osh, Gender.Female, 1990,
                language, "Europe/Moscow", Consent: true), "ky");
        return result;
    }

    public void At(DateTime utc) => Db.Clock.SetUtcNow(utc);

    public static SurveyAnswers Answers(SurveyWave wave = SurveyWave.FollowUp, bool aware = true, int satisfaction = 4, bool important = true,
        string? comment = null, IReadOnlyDictionary<string, string?>? answers = null) =>
        new(wave, aware, satisfaction, important, comment, answers);

    public async Task<T> QueryAsync<T>(Func<EventsDbContext, Task<T>> query)
    {
        await using var context = Db.NewContext();
        return await query(context);
    }

    /// <summary>Outbox messages of a kind, parsed, in the order they were queued.</summary>
    public async Task<List<(OutboxMessage Row, MimeMessage Message)>> MailAsync(string kind)
    {
        var rows = await QueryAsync(c => c.Outbox.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync());
        return rows.Select(r => (r, MimeMessage.Load(new MemoryStream(r.MimeBytes())))).ToList();
    }

    public static string Body(MimeMessage message) => message.TextBody ?? "";
}
