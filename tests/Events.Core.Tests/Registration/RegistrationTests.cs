using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Events.Core.Tests.Registration;

public class RegistrationTests
{
    private static readonly Actor Admin = new("admin", IsAdministrator: true);
    private const string Title = "Онлайн-Мекендеш ң ө ү 🇰🇬";

    private static async Task<TestDatabase> DatabaseAsync(int smtpPort) => await TestDatabase.CreateAsync(new()
    {
        ["Email:Delivery"] = "Smtp", ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = smtpPort.ToString(),
        ["Email:Smtp:Security"] = "None", ["App:PublicBaseUrl"] = "https://events.example.kg",
    });

    private static async Task<Event> PublishedAsync(TestDatabase db, int? capacity, bool approval = false, int options = 2)
    {
        var org = (await db.Get<OrganizationService>().ListAsync("en", "Moscow")).Items.Single();
        await db.Get<OrganizationService>().UpdateAsync(org.Id, new OrganizationInput(org.Name, org.Kind, org.CountryCode, org.TimeZone, "moscow@mfa.example.kg"));
        var sessions = new List<SessionInput>
        {
            new("1", new DateTime(2027, 3, 27, 18, 0, 0), "America/New_York", 90, SessionMode.Online, "https://zoom.us/j/111", Capacity: capacity),
        };
        if (options > 1) sessions.Add(new("2", new DateTime(2027, 3, 28, 13, 0, 0), "Asia/Bishkek", 90, SessionMode.Offline, null, "Элчилик", "Москва, Б. Ордынка, 64", capacity));
        var service = db.Get<SchedulingService>();
        var e = await service.CreateEventAsync(Admin, new EventDraft(org.Id, EventKind.OnlineMekendesh, Title, "Сүрөттөмө", RequiresApproval: approval, Sessions: sessions));
        return await service.PublishAsync(Admin, e.Id);
    }

    private static RegistrationInput Person(int i, string language = "ky", string? zone = "Europe/Moscow") =>
        new($"Айгүл Асанова {i}", $"person{i}@example.kg", "RU", "Москва", Events.Core.People.HomeRegion.Osh, Events.Core.People.Gender.Female, 1990, language, zone, true);

    private static async Task DispatchAllAsync(TestDatabase db)
    {
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync() > 0) { }
    }

    private static (MimePart Inline, MimePart Attachment, Ical.Net.Calendar Calendar, byte[] Bytes) Invitation(MimeMessage message, string method)
    {
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var inline = Assert.IsAssignableFrom<MimePart>(alternative[2]);
        Assert.Equal(method, inline.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", inline.ContentType.Charset);
        var attachment = Assert.IsAssignableFrom<MimePart>(mixed[1]);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.True(attachment.IsAttachment);
        byte[] Decode(MimePart p) { using var s = new MemoryStream(); p.Content!.DecodeTo(s); return s.ToArray(); }
        var bytes = Decode(inline);
        Assert.Equal(bytes, Decode(attachment));
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(bytes))!;
        Assert.Equal(method, calendar.Method);
        return (inline, attachment, calendar, bytes);
    }

    [Fact]
    public async Task Register_Confirmed_InvitationThatCalendarsAccept()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: 10);
        var session = e.Sessions.OrderBy(s => s.StartUtc).First();

        var result = await db.Get<RegistrationService>().RegisterAsync(session.Id, Person(1, "ky", "Europe/Moscow"), "ru");
        await DispatchAllAsync(db);

        Assert.Equal(RegistrationStatus.Confirmed, result.Registration.Status);
        Assert.Equal(32, result.ManageToken.Length);
        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("person1@example.kg", message.To.Mailboxes.Single().Address);
        Assert.Contains(Title, message.Subject);
        var (_, _, calendar, _) = Invitation(message, "REQUEST");
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal(session.Uid, vevent.Uid);
        Assert.Equal(0, vevent.Sequence);
        Assert.Equal("America/New_York", vevent.DtStart!.TzId);
        Assert.Equal(session.StartUtc, vevent.DtStart.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/New_York");
        Assert.Equal(Title, vevent.Summary);
        Assert.Equal("https://zoom.us/j/111", vevent.Location);
        Assert.Equal("mailto:moscow@mfa.example.kg", vevent.Organizer!.Value!.ToString());
        Assert.Contains(vevent.Attendees, a => a.Value!.ToString() == "mailto:person1@example.kg");
        Assert.NotNull(vevent.DtStamp);
        var text = message.TextBody;
        Assert.Contains($"https://events.example.kg/r/{result.ManageToken}", text);
        Assert.Contains("America/New_York", text);
        Assert.Contains("Europe/Moscow", text);   // the registrant's own zone
        Assert.Contains("Саламатсызбы", text);    // in the registrant's language (ky), not the request's (ru)
        Assert.Contains($"https://events.example.kg/r/{result.ManageToken}", message.HtmlBody);
    }

    [Fact]
    public async Task Register_OfflineSession_InvitationCarriesCheckInQrAfterTheCalendar_OnlineDoesNot()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: 10);
        var (online, offline) = (e.Sessions.Single(s => s.Mode == SessionMode.Online), e.Sessions.Single(s => s.Mode == SessionMode.Offline));

        var atTheDoor = await db.Get<RegistrationService>().RegisterAsync(offline.Id, Person(1, "ru"), "ky");
        await db.Get<RegistrationService>().RegisterAsync(online.Id, Person(2, "ru"), "ky");
        await DispatchAllAsync(db);

        var messages = await smtp.WaitForAsync(2);
        var offlineMail = messages.Single(m => m.To.Mailboxes.Single().Address == "person1@example.kg");
        Invitation(offlineMail, "REQUEST"); // the iTIP structure stays as calendars expect
        var mixed = Assert.IsType<Multipart>(offlineMail.Body);
        Assert.Equal(3, mixed.Count);
        var qr = Assert.IsAssignableFrom<MimePart>(mixed[2]);
        Assert.Equal("image/png", qr.ContentType.MimeType);
        Assert.Equal("checkin-qr.png", qr.FileName);
        using var png = new MemoryStream();
        qr.Content!.DecodeTo(png);
        Assert.Equal(CheckInQr.Png(atTheDoor.Registration.CheckInCode, 6), png.ToArray());
        Assert.Contains($"cid:{qr.ContentId}", offlineMail.HtmlBody);
        Assert.Contains(atTheDoor.Registration.CheckInCode, offlineMail.TextBody);

        var onlineMail = messages.Single(m => m.To.Mailboxes.Single().Address == "person2@example.kg");
        Assert.Equal(2, Assert.IsType<Multipart>(onlineMail.Body).Count);
        Assert.DoesNotContain("cid:", onlineMail.HtmlBody);
    }

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

    [Fact]
    public async Task SmtpDownThenUp_EveryMessageDeliveredExactlyOnce()
    {
        var port = LoopbackSmtpServer.FreePort();
        await using var db = await DatabaseAsync(port);
        var e = await PublishedAsync(db, capacity: null, options: 1);
        var service = db.Get<RegistrationService>();
        for (var i = 0; i < 5; i++) await service.RegisterAsync(e.Sessions[0].Id, Person(i), "ky");
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();

        // Nobody listens: every message is kept, with its attempt counted and a later retry time.
        await dispatcher.RunOnceAsync();
        await using (var context = db.NewContext())
        {
            var rows = await context.Outbox.ToListAsync();
            Assert.All(rows, m => Assert.Equal((OutboxStatus.Queued, 1), (m.Status, m.Attempts)));
            Assert.All(rows, m => Assert.True(m.NextAttemptUtc > db.Clock.GetUtcNow().UtcDateTime));
        }
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // not before the backoff

        await using var smtp = await LoopbackSmtpServer.StartAsync(port);
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAllAsync(db);
        await DispatchAllAsync(db);

        var received = await smtp.WaitForAsync(5);
        await Task.Delay(200);
        Assert.Equal(5, smtp.Received.Count);
        Assert.Equal(5, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        await using (var context = db.NewContext())
            Assert.All(await context.Outbox.ToListAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task DispatcherRestartMidSend_ExpiredClaimResent()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: null, options: 1);
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, Person(1), "ky");
        // A dispatcher claimed the message and died before sending.
        await using (var context = db.NewContext())
            await context.Outbox.ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LockedBy, "dead")
                .SetProperty(m => m.LockedUntilUtc, db.Clock.GetUtcNow().UtcDateTime.AddMinutes(5)));
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(0, await dispatcher.RunOnceAsync());
        db.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await dispatcher.RunOnceAsync());

        Assert.Single(await smtp.WaitForAsync(1));
    }

    [Fact]
    public async Task Pickup_WritesEmlFiles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: null, options: 1);
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, Person(1), "ky");

        await DispatchAllAsync(db);

        var file = Assert.Single(db.Services.GetRequiredService<PickupFolder>().Files());
        var message = await MimeMessage.LoadAsync(file.FullName);
        Invitation(message, "REQUEST");
    }
}
