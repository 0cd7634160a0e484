using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Events.Core.Tests.Training;

/// <summary>
/// Test-data builder for programs: an organization in Bishkek, its organizer, a trainer assigned to the program, and a
/// published training whose sessions are held daily from 1 December 2026 at 18:00 Bishkek (12:00–13:30 UTC, 90 minutes) —
/// the window of the sample reports in <see cref="AttendanceReportTests"/>. The test clock starts on 28 November 2026.
/// </summary>
public sealed class TrainingScenario
{
    public const string Title = "Excel негиздери";
    public const string TitleEn = "Excel basics";
    private int _people;

    private TrainingScenario(TestDatabase db, int organizationId, Actor organizer, Actor trainer, Event e)
    {
        Db = db;
        OrganizationId = organizationId;
        Organizer = organizer;
        Trainer = trainer;
        Event = e;
    }

    public TestDatabase Db { get; }
    public int OrganizationId { get; }
    public Actor Organizer { get; }

    /// <summary>Assigned to this program.</summary>
    public Actor Trainer { get; }
    public Event Event { get; private set; }
    public IReadOnlyList<Session> Sessions => Event.Sessions.OrderBy(s => s.StartUtc).ToList();

    /// <summary>Session n (1-based).</summary>
    public Session Session(int n) => Sessions[n - 1];

    public AttendanceService Attendance => Db.Get<AttendanceService>();
    public ProgramService Programs => Db.Get<ProgramService>();
    public CertificateService Certificates => Db.Get<CertificateService>();
    public RegistrationService Registrations => Db.Get<RegistrationService>();

    /// <summary>The start of session n (1-based) in UTC.</summary>
    public static DateTime StartOf(int n) => new(2026, 12, n, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The program; <paramref name="capacity"/> on every session, or only on session <paramref name="capacityAt"/> when given.</summary>
    public static async Task<TrainingScenario> CreateAsync(TestDatabase db, int sessions = 5, EventKind kind = EventKind.Training, TrainingRules? rules = null,
        int? capacity = null, SessionMode mode = SessionMode.Online, int? capacityAt = null)
    {
        var org = await db.Get<OrganizationService>().CreateAsync(TestActors.Admin,
            new OrganizationInput("Мекендештер борбору", OrganizationKind.Ministry, "KG", "Asia/Bishkek", "centre@mfa.example.kg", NameEn: "Compatriots Centre"));
        var users = db.Get<UserAdministration>();
        var organizerId = await users.CreateAsync(TestActors.Admin,
            new NewUser("organizer@centre.example.kg", "Айгүл Организатор", "Organizer-2026", [Roles.Organizer], [org.Id]));
        var organizer = new Actor(organizerId, IsAdministrator: false, "Айгүл Организатор");
        var trainerId = await users.CreateAsync(TestActors.Admin, new NewUser("trainer@centre.example.kg", "Бакыт Тренер", "Trainer-2026", [Roles.Trainer], []));
        var trainer = new Actor(trainerId, IsAdministrator: false, "Бакыт Тренер");

        var scheduling = db.Get<SchedulingService>();
        var inputs = Enumerable.Range(1, sessions).Select(n => new SessionInput(null, new DateTime(2026, 12, n, 18, 0, 0), "Asia/Bishkek", 90, mode,
            mode == SessionMode.Offline ? null : "https://zoom.us/j/555", mode == SessionMode.Online ? null : "Элчилик", mode == SessionMode.Online ? null : "Бишкек",
            capacityAt is null || capacityAt == n ? capacity : null)).ToList();
        var e = await scheduling.CreateEventAsync(organizer, new EventDraft(org.Id, kind, Title, "Сүрөттөмө", TitleEn: TitleEn, Sessions: inputs));
        if (rules is not null) await db.Get<ProgramService>().SetRulesAsync(organizer, e.Id, rules);
        await scheduling.PublishAsync(organizer, e.Id);
        await db.Get<ProgramService>().AddTrainerAsync(organizer, e.Id, trainerId);
        var scenario = new TrainingScenario(db, org.Id, organizer, trainer, e);
        await scenario.ReloadAsync();
        return scenario;
    }

    /// <summary>Reads the event and its sessions again (after a change by a service).</summary>
    public async Task ReloadAsync()
    {
        await using var context = Db.NewContext();
        Event = await context.Events.AsNoTracking().Include(x => x.Sessions).Include(x => x.Organization).SingleAsync(x => x.Id == Event.Id);
    }

    /// <summary>Enrols a person through the given session (any session enrols in the whole program).</summary>
    public async Task<RegistrationResult> EnrolAsync(string? name = null, string? email = null, int viaSession = 1, string language = "en")
    {
        var n = ++_people;
        var result = await Registrations.RegisterAsync(Session(viaSession).Id,
            new RegistrationInput(name ?? $"Participant {n}", email ?? $"participant{n}@example.kg", "TR", "Istanbul", Language: language, Consent: true), "ky");
        Tokens[result.Registration.Id] = result.ManageToken;
        return result;
    }

    /// <summary>The manage token of each person enrolled through <see cref="EnrolAsync"/>, by registration id.</summary>
    public Dictionary<int, string> Tokens { get; } = [];

    /// <summary>Another program of the same organization with its own trainer (who must see nothing of this one).</summary>
    public async Task<(Event Event, Actor Trainer)> OtherProgramAsync()
    {
        var trainerId = await Db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser("other.trainer@centre.example.kg", "Башка Тренер", "Trainer-2026", [Roles.Trainer], []));
        var scheduling = Db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(Organizer, new EventDraft(OrganizationId, EventKind.Course, "Башка курс",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 1, 18, 0, 0), "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/777")]));
        await scheduling.PublishAsync(Organizer, e.Id);
        await Programs.AddTrainerAsync(Organizer, e.Id, trainerId);
        return (e, new Actor(trainerId, IsAdministrator: false, "Башка Тренер"));
    }

    /// <summary>An organizer of another organization.</summary>
    public async Task<Actor> OutsiderAsync()
    {
        var org = await Db.Get<OrganizationService>().CreateAsync(TestActors.Admin,
            new OrganizationInput("Башка уюм", OrganizationKind.Ngo, "KG", "Asia/Bishkek"));
        var id = await Db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser("outsider@other.example.kg", "Башка Организатор", "Organizer-2026", [Roles.Organizer], [org.Id]));
        return new Actor(id, IsAdministrator: false, "Башка Организатор");
    }

    /// <summary>Sets the clock to <paramref name="minutes"/> after the start of session n.</summary>
    public void At(int session, double minutes = 0) => Db.Clock.SetUtcNow(StartOf(session).AddMinutes(minutes));

    /// <summary>
    /// Marks people as the trainer, session by session in time order (the test clock only moves forward): one letter per session,
    /// 'P' Present, 'L' Late, 'E' Excused, 'A' Absent, '-' no mark. The clock moves to 5 minutes into each session (unless already later).
    /// </summary>
    public async Task MarkAsync(params (int RegistrationId, string Marks)[] people)
    {
        for (var n = 1; n <= people.Max(p => p.Marks.Length); n++)
        {
            if (Db.Clock.GetUtcNow().UtcDateTime < StartOf(n).AddMinutes(5)) At(n, 5);
            foreach (var (id, marks) in people)
                if (n <= marks.Length && marks[n - 1] != '-') await Attendance.MarkAsync(Trainer, Session(n).Id, id, Status(marks[n - 1]), null);
        }
    }

    public static AttendanceStatus Status(char mark) => mark switch
    {
        'P' => AttendanceStatus.Present, 'L' => AttendanceStatus.Late, 'E' => AttendanceStatus.Excused, 'A' => AttendanceStatus.Absent,
        _ => throw new ArgumentOutOfRangeException(nameof(mark), mark, null),
    };

    public async Task<T> QueryAsync<T>(Func<EventsDbContext, Task<T>> query)
    {
        await using var context = Db.NewContext();
        return await query(context);
    }

    public Task<List<AttendanceChange>> HistoryAsync(int? sessionId = null) =>
        QueryAsync(c => c.AttendanceChanges.AsNoTracking().Where(x => x.EventId == Event.Id && (sessionId == null || x.SessionId == sessionId))
            .OrderBy(x => x.Id).ToListAsync());

    public Task<List<AttendanceRecord>> RecordsAsync(int sessionId) =>
        QueryAsync(c => c.Attendance.AsNoTracking().Where(x => x.SessionId == sessionId).OrderBy(x => x.RegistrationId).ToListAsync());

    /// <summary>Outbox messages of a kind, parsed, in the order they were queued.</summary>
    public async Task<List<(OutboxMessage Row, MimeMessage Message)>> MailAsync(string kind, int? registrationId = null)
    {
        var rows = await QueryAsync(c => c.Outbox.AsNoTracking().Where(m => m.Kind == kind && (registrationId == null || m.RegistrationId == registrationId))
            .OrderBy(m => m.Id).ToListAsync());
        return rows.Select(r => (r, MimeMessage.Load(new MemoryStream(r.MimeBytes())))).ToList();
    }
}
