using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

using static Events.Core.Tests.Infrastructure.RegistrationScenario;

namespace Events.Core.Tests.Registration;

/// <summary>Registration, waitlist, cancellation, switching and approval on a real database (emails checked in the outbox).</summary>
public class RegistrationTests
{
    [Fact]
    public async Task Register_200ParallelFor50Seats_Exactly50ConfirmedEachOneInvitation()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: 50, options: 1);
        var sessionId = e.Sessions.Single().Id;
        var service = db.Services;

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            using var scope = service.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<RegistrationService>().RegisterAsync(sessionId, Person(i), "ky");
        })));

        Assert.Equal(50, results.Count(r => r.Registration.Status == RegistrationStatus.Confirmed));
        Assert.Equal(150, results.Count(r => r.Registration.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(Enumerable.Range(1, 150), results.Where(r => r.WaitlistPosition is not null).Select(r => r.WaitlistPosition!.Value).Order());
        await using (var context = db.NewContext())
        {
            var session = await context.Sessions.SingleAsync(s => s.Id == sessionId);
            Assert.Equal((50, 150), (session.ConfirmedCount, session.WaitlistedCount));
            var invitations = await context.Outbox.Where(m => m.Kind == "Invitation").Select(m => m.To).ToListAsync();
            var confirmed = results.Where(r => r.Registration.Status == RegistrationStatus.Confirmed).Select(r => r.Registration.Email).ToList();
            Assert.Equal(confirmed.Order(), invitations.Order());
        }

        // Cancellations promote the waitlist in order.
        var registrations = db.Get<RegistrationService>();
        var firstWaiting = results.Where(r => r.WaitlistPosition is not null).OrderBy(r => r.WaitlistPosition).Take(3).Select(r => r.Registration.Id).ToList();
        foreach (var r in results.Where(r => r.Registration.Status == RegistrationStatus.Confirmed).Take(3))
            await registrations.CancelAsync(r.ManageToken);
        await using (var context = db.NewContext())
        {
            var promoted = await context.Registrations.Where(r => firstWaiting.Contains(r.Id)).Select(r => r.Status).ToListAsync();
            Assert.All(promoted, s => Assert.Equal(RegistrationStatus.Confirmed, s));
            var session = await context.Sessions.SingleAsync(s => s.Id == sessionId);
            Assert.Equal((50, 147), (session.ConfirmedCount, session.WaitlistedCount));
            Assert.Equal(53, await context.Outbox.CountAsync(m => m.Kind == "Invitation"));
            Assert.Equal(3, await context.Outbox.CountAsync(m => m.Kind == "Cancellation"));
        }
        var next = results.Single(r => r.WaitlistPosition == 4);
        Assert.Equal(1, (await registrations.FindByTokenAsync(next.ManageToken))!.WaitlistPosition);
    }

    [Fact]
    public async Task Register_SameEmailOtherCaseAndSpaces_Conflict_AfterCancelAllowed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: null);
        var service = db.Get<RegistrationService>();
        var first = await service.RegisterAsync(e.Sessions[0].Id, Person(1), "ky");

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            service.RegisterAsync(e.Sessions[1].Id, Person(1) with { Email = "  PERSON1@Example.KG " }, "ky"));
        Assert.Equal("Conflict_AlreadyRegistered", conflict.Key);

        await service.CancelAsync(first.ManageToken);
        var again = await service.RegisterAsync(e.Sessions[1].Id, Person(1) with { Email = "  PERSON1@Example.KG " }, "ky");
        Assert.Equal(RegistrationStatus.Confirmed, again.Registration.Status);
    }

    [Fact]
    public async Task Register_BadInput_AllFieldsAndNothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: 5);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id,
            new RegistrationInput(new string('x', 201), "not-an-email", "XX", BirthYear: 1800, Language: "de", TimeZone: "Mars/Base", Consent: false), "ky"));
        Assert.Equal(["birthYear", "consent", "countryCode", "email", "fullName", "language", "timeZone"], error.Errors.Select(x => x.Field).Order());
        await using var context = db.NewContext();
        Assert.False(await context.Registrations.AnyAsync());
        Assert.False(await context.Outbox.AnyAsync());
    }

    [Fact]
    public async Task Register_CancelledDraftOrPastSession_RuleViolation()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: 5);
        var scheduling = db.Get<SchedulingService>();
        await scheduling.CancelSessionAsync(Admin, e.Sessions[0].Id, null);
        var registrations = db.Get<RegistrationService>();
        Assert.Equal("Rule_SessionCancelled", (await Assert.ThrowsAsync<RuleViolationException>(() => registrations.RegisterAsync(e.Sessions[0].Id, Person(1), "ky"))).Key);

        var draft = await scheduling.CreateEventAsync(Admin, new EventDraft(e.OrganizationId, EventKind.Webinar, "Draft",
            Sessions: [new SessionInput(null, new DateTime(2027, 1, 1, 10, 0, 0), "Asia/Bishkek", 60)]));
        Assert.Equal("Rule_EventNotPublished", (await Assert.ThrowsAsync<RuleViolationException>(() => registrations.RegisterAsync(draft.Sessions[0].Id, Person(2), "ky"))).Key);

        var past = await scheduling.CreateEventAsync(Admin, new EventDraft(e.OrganizationId, EventKind.Webinar, "Past",
            Sessions: [new SessionInput(null, new DateTime(2026, 1, 1, 10, 0, 0), "Asia/Bishkek", 60)]));
        await scheduling.PublishAsync(Admin, past.Id);
        Assert.Equal("Rule_SessionPast", (await Assert.ThrowsAsync<RuleViolationException>(() => registrations.RegisterAsync(past.Sessions[0].Id, Person(3), "ky"))).Key);
    }

    [Fact]
    public async Task Reschedule_NewRequestSameUidHigherSequence_CancelSession_Cancel()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: 10);
        var session = e.Sessions.OrderBy(s => s.StartUtc).First();
        await db.Get<RegistrationService>().RegisterAsync(session.Id, Person(1), "ky");
        await db.Get<RegistrationService>().RegisterAsync(session.Id, Person(2, "en"), "ky");
        var scheduling = db.Get<SchedulingService>();

        await scheduling.ChangeSessionAsync(Admin, session.Id, new SessionInput(Start: new DateTime(2027, 3, 27, 19, 30, 0)));
        await scheduling.CancelSessionAsync(Admin, session.Id, "Техникалык себеп");
        await DispatchAllAsync(db);

        var messages = await smtp.WaitForAsync(6);
        Assert.Equal(6, messages.Count);
        foreach (var person in new[] { "person1@example.kg", "person2@example.kg" })
        {
            var mine = messages.Where(m => m.To.Mailboxes.Single().Address == person).ToList();
            Assert.Equal(3, mine.Count);
            var requests = mine.Take(2).Select(m => Invitation(m, "REQUEST").Calendar.Events.Single()).ToList();
            Assert.Equal([0, 1], requests.Select(r => r.Sequence));
            Assert.Equal(new DateTime(2027, 3, 27, 23, 30, 0, DateTimeKind.Utc), requests[1].DtStart!.AsUtc);
            var cancel = Invitation(mine[2], "CANCEL").Calendar.Events.Single();
            Assert.Equal(session.Uid, cancel.Uid);
            Assert.Equal("CANCELLED", cancel.Status);
            Assert.True(cancel.Sequence > requests[1].Sequence);
        }
        Assert.Contains("Cancelled", messages.Single(m => m.To.Mailboxes.Single().Address == "person2@example.kg" && m.Subject!.StartsWith("Cancelled")).Subject);
    }

    [Fact]
    public async Task HolderCancelAndSwitch_CancelOldRequestNew()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: 10);
        var (first, second) = (e.Sessions.OrderBy(s => s.StartUtc).First(), e.Sessions.OrderBy(s => s.StartUtc).Last());
        var service = db.Get<RegistrationService>();
        var a = await service.RegisterAsync(first.Id, Person(1), "ky");

        await service.SwitchAsync(a.ManageToken, second.Id);
        await DispatchAllAsync(db);
        var messages = await smtp.WaitForAsync(3);

        Assert.Equal(3, messages.Count);
        // One recipient: the dispatcher keeps their messages in order.
        var cancel = Invitation(messages[1], "CANCEL").Calendar.Events.Single();
        Assert.Equal(first.Uid, cancel.Uid);
        Assert.True(cancel.Sequence > 0);
        var request = Invitation(messages[2], "REQUEST").Calendar.Events.Single();
        Assert.Equal(second.Uid, request.Uid);
        Assert.Equal("Элчилик, Москва, Б. Ордынка, 64", request.Location);
        var view = await service.FindByTokenAsync(a.ManageToken);
        Assert.Equal(second.Id, view!.Session.Id);
        await using var context = db.NewContext();
        Assert.Equal([0, 1], await context.Sessions.OrderBy(s => s.StartUtc).Select(s => s.ConfirmedCount).ToListAsync());

        await service.CancelAsync(a.ManageToken);
        await DispatchAllAsync(db);
        var last = (await smtp.WaitForAsync(4)).Last();
        Assert.Equal(second.Uid, Invitation(last, "CANCEL").Calendar.Events.Single().Uid);
    }

    [Fact]
    public async Task Approval_PendingThenApprovedGetsInvitation()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: 1, approval: true);
        var service = db.Get<RegistrationService>();
        var r = await service.RegisterAsync(e.Sessions[0].Id, Person(1), "ky");
        Assert.Equal(RegistrationStatus.Pending, r.Registration.Status);

        var approved = await service.ApproveAsync(Admin, r.Registration.Id);

        Assert.Equal(RegistrationStatus.Confirmed, approved.Status);
        await using var context = db.NewContext();
        Assert.Equal(["Pending", "Invitation"], await context.Outbox.OrderBy(m => m.Id).Select(m => m.Kind!).ToListAsync());
    }
}
