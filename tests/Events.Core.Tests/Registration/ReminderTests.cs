using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Registration;

public class ReminderTests
{
    private static readonly Actor Admin = new("admin", IsAdministrator: true);

    private static async Task<(TestDatabase Db, Session Session)> SetUpAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var org = (await db.Get<OrganizationService>().ListAsync("en", "MLSSM")).Items.Single();
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(Admin, new EventDraft(org.Id, EventKind.Webinar, "Вебинар",
            Sessions: [new SessionInput(null, new DateTime(2027, 3, 27, 18, 0, 0), "America/New_York", 60, SessionMode.Online, "https://zoom.us/j/9")]));
        await scheduling.PublishAsync(Admin, e.Id);
        return (db, e.Sessions[0]);
    }

    private static async Task<int> RemindersAsync(TestDatabase db)
    {
        await using var context = db.NewContext();
        return await context.Outbox.CountAsync(m => m.Kind == "Reminder");
    }

    [Fact]
    public async Task Reminders_DayAndHourBefore_EachOnce()
    {
        var (db, session) = await SetUpAsync();
        await using var _ = db;
        var registrations = db.Get<RegistrationService>();
        await registrations.RegisterAsync(session.Id, new RegistrationInput("A", "a@example.kg", "US", Consent: true), "en");
        var reminders = db.Get<ReminderService>();

        Assert.Equal(0, await reminders.RunOnceAsync());
        db.Clock.SetUtcNow(session.StartUtc.AddDays(-1).AddMinutes(1));
        Assert.Equal(1, await reminders.RunOnceAsync());
        Assert.Equal(0, await reminders.RunOnceAsync());
        db.Clock.SetUtcNow(session.StartUtc.AddMinutes(-59));
        Assert.Equal(1, await reminders.RunOnceAsync());
        Assert.Equal(0, await reminders.RunOnceAsync());
        db.Clock.SetUtcNow(session.StartUtc.AddMinutes(1));
        Assert.Equal(0, await reminders.RunOnceAsync());
        Assert.Equal(2, await RemindersAsync(db));
    }

    [Fact]
    public async Task Reminders_NeverForCancelledRegistrationOrSession()
    {
        var (db, session) = await SetUpAsync();
        await using var _ = db;
        var registrations = db.Get<RegistrationService>();
        var a = await registrations.RegisterAsync(session.Id, new RegistrationInput("A", "a@example.kg", "US", Consent: true), "en");
        await registrations.RegisterAsync(session.Id, new RegistrationInput("B", "b@example.kg", "US", Consent: true), "en");
        await registrations.CancelAsync(a.ManageToken);
        await db.Get<SchedulingService>().CancelSessionAsync(Admin, session.Id, null);

        db.Clock.SetUtcNow(session.StartUtc.AddMinutes(-30));
        Assert.Equal(0, await db.Get<ReminderService>().RunOnceAsync());
    }

    [Fact]
    public async Task Reminders_AfterReschedule_DueAgainForNewStart()
    {
        var (db, session) = await SetUpAsync();
        await using var _ = db;
        await db.Get<RegistrationService>().RegisterAsync(session.Id, new RegistrationInput("A", "a@example.kg", "US", Consent: true), "en");
        var reminders = db.Get<ReminderService>();
        db.Clock.SetUtcNow(session.StartUtc.AddHours(-20));
        Assert.Equal(1, await reminders.RunOnceAsync());

        await db.Get<SchedulingService>().ChangeSessionAsync(Admin, session.Id, new SessionInput(Start: new DateTime(2027, 3, 30, 18, 0, 0)));
        Assert.Equal(0, await reminders.RunOnceAsync()); // the new start is three days away
        db.Clock.SetUtcNow(new DateTime(2027, 3, 30, 22, 0, 0, DateTimeKind.Utc).AddHours(-23));
        Assert.Equal(1, await reminders.RunOnceAsync());
        Assert.Equal(2, await RemindersAsync(db));
    }

    [Fact]
    public async Task Reminders_RegisteredAfterReminderTime_NoStaleReminder()
    {
        var (db, session) = await SetUpAsync();
        await using var _ = db;
        db.Clock.SetUtcNow(session.StartUtc.AddHours(-3));
        await db.Get<RegistrationService>().RegisterAsync(session.Id, new RegistrationInput("Late", "late@example.kg", "US", Consent: true), "en");
        var reminders = db.Get<ReminderService>();
        Assert.Equal(0, await reminders.RunOnceAsync()); // the one-day reminder time had passed before registering
        db.Clock.SetUtcNow(session.StartUtc.AddMinutes(-50));
        Assert.Equal(1, await reminders.RunOnceAsync());
    }
}
