using Events.Core.Notifications;
using Events.Core.Privacy;
using Events.Core.Registration;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Core.Tests.Infrastructure.RegistrationScenario;

namespace Events.Core.Tests.Privacy;

public class SentMailRetentionTests
{
    [Fact]
    public async Task RunOnce_SentLongerAgoThanRetention_BodyAddressAndFileGone_RowKeepsWhenKindStatus()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["Privacy:SentMailRetentionDays"] = "30" });
        var e = await PublishedAsync(db, capacity: null, options: 1);
        var service = db.Get<RegistrationService>();
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();
        var pickup = db.Services.GetRequiredService<PickupFolder>();
        await service.RegisterAsync(e.Sessions[0].Id, Person(1), "ky");
        while (await dispatcher.RunOnceAsync() > 0) { }
        db.Clock.Advance(TimeSpan.FromDays(29));
        await service.RegisterAsync(e.Sessions[0].Id, Person(2), "ky");
        while (await dispatcher.RunOnceAsync() > 0) { }
        db.Clock.Advance(TimeSpan.FromDays(2)); // the first is 31 days old, the second 2

        Assert.Equal(1, await db.Get<SentMailRetention>().RunOnceAsync());

        await using var context = db.NewContext();
        var rows = await context.Outbox.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal((0, "", OutboxStatus.Sent, "Invitation"), (rows[0].Mime.Length, rows[0].To, rows[0].Status, rows[0].Kind));
        Assert.NotNull(rows[0].SentUtc);
        Assert.False(File.Exists(pickup.FileOf(rows[0].Id)));
        Assert.Equal("person2@example.kg", rows[1].To);
        Assert.True(rows[1].Mime.Length > 0);
        Assert.True(File.Exists(pickup.FileOf(rows[1].Id)));
        Assert.Equal(0, await db.Get<SentMailRetention>().RunOnceAsync()); // nothing left to remove
    }

    [Fact]
    public async Task RunOnce_QueuedMessagesOfAnyAge_Kept()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: null, options: 1);
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, Person(1), "ky");
        db.Clock.Advance(TimeSpan.FromDays(90));

        Assert.Equal(0, await db.Get<SentMailRetention>().RunOnceAsync());

        await using var context = db.NewContext();
        Assert.True((await context.Outbox.SingleAsync()).Mime.Length > 0);
    }
}
