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

namespace Events.Core.Tests.Notifications;

/// <summary>Delivery from the outbox: retries, expired claims, pickup files, and messages that cannot be read.</summary>
public class OutboxDispatcherTests
{
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

    /// <summary>Stored bytes that are not Brotli, and Brotli of text that is no email: both must fail alone.</summary>
    private static async Task<List<long>> CorruptBetweenGoodOnesAsync(TestDatabase db)
    {
        var e = await PublishedAsync(db, capacity: null, options: 1);
        var service = db.Get<RegistrationService>();
        for (var i = 0; i < 2; i++) await service.RegisterAsync(e.Sessions[0].Id, Person(i), "ky");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await using (var context = db.NewContext())
        {
            context.Outbox.Add(new OutboxMessage { To = "broken@example.kg", Subject = "x", Mime = [0, 0xFF, 0xFE, 0x01, 0x7F], Kind = "Invitation", CreatedUtc = now, NextAttemptUtc = now });
            context.Outbox.Add(new OutboxMessage { To = "garbage@example.kg", Subject = "x", Mime = OutboxMessage.Pack("not a message at all"u8), Kind = "Invitation", CreatedUtc = now, NextAttemptUtc = now });
            await context.SaveChangesAsync();
        }
        for (var i = 2; i < 4; i++) await service.RegisterAsync(e.Sessions[0].Id, Person(i), "ky");
        await using (var context = db.NewContext())
            return await context.Outbox.Where(m => m.To.EndsWith("@example.kg") && (m.To.StartsWith("broken") || m.To.StartsWith("garbage"))).Select(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task Smtp_CorruptRowsBetweenGoodOnes_EachGoodDeliveredOnce_CorruptFailedWithReason()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var corrupt = await CorruptBetweenGoodOnesAsync(db);

        await DispatchAllAsync(db);
        db.Clock.Advance(TimeSpan.FromHours(2)); // past any backoff: nothing is sent again, the corrupt ones are not retried
        await DispatchAllAsync(db);

        var received = await smtp.WaitForAsync(4);
        await Task.Delay(200);
        Assert.Equal(4, smtp.Received.Count);
        Assert.Equal(4, received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        await using var context = db.NewContext();
        var rows = await context.Outbox.ToListAsync();
        Assert.All(rows.Where(m => !corrupt.Contains(m.Id)), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
        Assert.All(rows.Where(m => corrupt.Contains(m.Id)), m =>
        {
            Assert.Equal((OutboxStatus.Failed, 1), (m.Status, m.Attempts));
            Assert.False(string.IsNullOrWhiteSpace(m.LastError));
        });
    }

    [Fact]
    public async Task Pickup_CorruptRowsBetweenGoodOnes_EachGoodWrittenOnce_CorruptFailed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var corrupt = await CorruptBetweenGoodOnesAsync(db);

        await DispatchAllAsync(db);

        var files = db.Services.GetRequiredService<PickupFolder>().Files().ToList();
        Assert.Equal(4, files.Count);
        await using var context = db.NewContext();
        Assert.Equal(corrupt.Order(), (await context.Outbox.Where(m => m.Status == OutboxStatus.Failed).Select(m => m.Id).ToListAsync()).Order());
        Assert.Equal(4, await context.Outbox.CountAsync(m => m.Status == OutboxStatus.Sent));
    }
}
