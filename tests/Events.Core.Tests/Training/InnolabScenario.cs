using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Training;

/// <summary>
/// Test-data builder for innolabs: an organization with an organizer, a published innolab of two sessions in December 2026
/// (the test clock is 2026-11-28), participants enrolled through the real registration path, and trainers assigned by
/// inserting <see cref="EventTrainer"/> rows.
/// </summary>
public sealed class InnolabScenario
{
    private int _people;

    private InnolabScenario(TestDatabase db, int organizationId, Actor organizer, Event innolab)
    {
        Db = db;
        OrganizationId = organizationId;
        Organizer = organizer;
        Innolab = innolab;
    }

    public TestDatabase Db { get; }
    public int OrganizationId { get; }
    public Actor Organizer { get; }
    public Event Innolab { get; }

    public InnolabService Innolabs => Db.Get<InnolabService>();

    public static async Task<InnolabScenario> CreateAsync(TestDatabase db, string organization = "Kyrgyz Innovation Hub")
    {
        var org = await db.Get<OrganizationService>().CreateAsync(TestActors.Admin,
            new OrganizationInput(organization, OrganizationKind.Ngo, "KG", "Asia/Bishkek", "hub@innolab.example"));
        var email = $"organizer{org.Id}@innolab.example";
        var organizerId = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser(email, "Айгүл Уюштуруучу", "Organizer-2026", [Roles.Organizer], [org.Id]));
        var organizer = new Actor(organizerId, IsAdministrator: false, "Айгүл Уюштуруучу");
        var innolab = await EventAsync(db, org.Id, organizer, EventKind.Innolab, "Иннолаб 2026");
        return new InnolabScenario(db, org.Id, organizer, innolab);
    }

    /// <summary>Another published event of the same organization (an innolab unless told otherwise).</summary>
    public Task<Event> EventAsync(EventKind kind = EventKind.Innolab, string title = "Экинчи иннолаб") => EventAsync(Db, OrganizationId, Organizer, kind, title);

    private static async Task<Event> EventAsync(TestDatabase db, int organizationId, Actor organizer, EventKind kind, string title)
    {
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(organizer, new EventDraft(organizationId, kind, title, "Стартаптар үчүн иннолаб", Sessions:
        [
            new("1", new DateTime(2026, 12, 5, 10, 0, 0), "Asia/Bishkek", 240, SessionMode.Offline, null, "Инновациялык хаб", "Бишкек, Чүй пр., 1", 30),
            new("2", new DateTime(2026, 12, 12, 10, 0, 0), "Asia/Bishkek", 240, SessionMode.Offline, null, "Инновациялык хаб", "Бишкек, Чүй пр., 1", 30),
        ]));
        return await scheduling.PublishAsync(organizer, e.Id);
    }

    /// <summary>A participant enrolled in the whole event (Confirmed: no approval, seats free); emails are unique per call.</summary>
    public async Task<RegistrationResult> PersonAsync(Event? e = null, string? name = null, string? email = null, string country = "RU")
    {
        var n = ++_people;
        e ??= Innolab;
        int sessionId;
        await using (var db = Db.NewContext())
            sessionId = await db.Sessions.Where(s => s.EventId == e.Id).OrderBy(s => s.StartUtc).Select(s => s.Id).FirstAsync();
        return await Db.Get<RegistrationService>().RegisterAsync(sessionId, new RegistrationInput(name ?? $"Катышуучу {n}",
            email ?? $"person{n}@innolab.example", country, "Москва", HomeRegion.Naryn, Gender.Female, 1995, "ky", "Europe/Moscow", true), "ky");
    }

    /// <summary>An account with the Trainer role, assigned to the event by a row in EventTrainers (the assignment service is not used here).</summary>
    public async Task<Actor> TrainerAsync(int? eventId = null, string? name = null)
    {
        var n = ++_people;
        name ??= $"Тренер {n}";
        var id = await Db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser($"trainer{n}@trainers.example", name, "Trainer-2026", [Roles.Trainer], []));
        await using var db = Db.NewContext();
        db.EventTrainers.Add(new EventTrainer { EventId = eventId ?? Innolab.Id, UserId = id, AddedUtc = Db.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return new Actor(id, IsAdministrator: false, name);
    }

    /// <summary>An account (Participant role) with the given email, confirmed unless told otherwise.</summary>
    public async Task<Actor> AccountAsync(string email, bool confirmed = true)
    {
        var id = await Db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser(email.ToUpperInvariant(), "Катышуучунун аккаунту", "Participant-2026", [Roles.Participant], []));
        if (!confirmed)
        {
            await using var db = Db.NewContext();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
        }
        return new Actor(id, IsAdministrator: false, email);
    }

    public async Task<T> QueryAsync<T>(Func<EventsDbContext, Task<T>> query)
    {
        await using var context = Db.NewContext();
        return await query(context);
    }
}
