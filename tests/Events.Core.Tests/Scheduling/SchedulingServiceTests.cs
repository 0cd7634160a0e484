using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Planning;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Scheduling;

public class SchedulingServiceTests
{
    private static readonly Actor Admin = new("admin", IsAdministrator: true);

    private static EventDraft Edition(int orgId, params SessionInput[] sessions) =>
        new(orgId, EventKind.OnlineMekendesh, "Онлайн-Мекендеш 🇰🇬", "**Маалымат** <script>alert(1)</script>", Sessions: sessions);

    private static SessionInput Option(int day, int hour, string zone, int? capacity = null) =>
        new(null, new DateTime(2027, 3, day, hour, 0, 0), zone, 90, SessionMode.Online, "https://zoom.us/j/1", Capacity: capacity);

    private static async Task<int> OrgAsync(TestDatabase db) =>
        (await db.Get<OrganizationService>().ListAsync("en", "MLSSM")).Items.Single().Id;

    [Fact]
    public async Task CreateAndPublish_TwoOptions_StoredWithUtcAndVisible()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<SchedulingService>();
        var org = await OrgAsync(db);

        var e = await service.CreateEventAsync(Admin, Edition(org, Option(27, 18, "America/New_York"), Option(28, 13, "Asia/Bishkek")));
        await service.PublishAsync(Admin, e.Id);

        var stored = await service.FindEventAsync(e.Id);
        Assert.Equal(EventStatus.Published, stored!.Status);
        Assert.Equal([new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc), new DateTime(2027, 3, 28, 7, 0, 0, DateTimeKind.Utc)],
            stored.Sessions.Select(s => s.StartUtc));
        Assert.Equal(new DateTime(2027, 3, 27, 18, 0, 0), stored.Sessions[0].Start);
        Assert.Equal(DateTimeKind.Unspecified, stored.Sessions[0].Start.Kind);
        var page = await db.Get<Catalogue>().UpcomingAsync(new CatalogueFilter(), "ky");
        Assert.Contains(page.Items, i => i.EventId == e.Id && i.SessionCount == 2);
    }

    [Fact]
    public async Task Catalogue_SearchCyrillicOtherCase_Finds()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<SchedulingService>();
        var e = await service.CreateEventAsync(Admin, Edition(await OrgAsync(db), Option(27, 18, "Asia/Bishkek")) with { TitleRu = "Встреча с соотечественниками" });
        await service.PublishAsync(Admin, e.Id);
        var catalogue = db.Get<Catalogue>();

        Assert.Single((await catalogue.UpcomingAsync(new CatalogueFilter(Search: "ОНЛАЙН-мекендеш"), "ky")).Items);
        Assert.Single((await catalogue.UpcomingAsync(new CatalogueFilter(Search: "встреча"), "ru")).Items);
        Assert.Empty((await catalogue.UpcomingAsync(new CatalogueFilter(Search: "курс"), "ky")).Items);
    }

    [Fact]
    public async Task Create_OrganizerOfOtherOrganization_Forbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var org = await OrgAsync(db);
        var userId = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin, new NewUser("o@x.kg", "O", "Strong-2026", [Roles.Organizer], []));

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.Get<SchedulingService>().CreateEventAsync(new Actor(userId, false), Edition(org, Option(27, 18, "Asia/Bishkek"))));
    }

    [Fact]
    public async Task Create_OneBadSession_NothingStoredAndFieldPathGiven()
    {
        await using var db = await TestDatabase.CreateAsync();
        var org = await OrgAsync(db);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<SchedulingService>().CreateEventAsync(Admin,
            Edition(org, Option(27, 18, "Asia/Bishkek"), Option(14, 2, "America/New_York"))));

        Assert.Equal("sessions[1].start", Assert.Single(e.Errors).Field);
        await using var context = db.NewContext();
        Assert.False(await context.Events.AnyAsync());
    }

    [Fact]
    public async Task Publish_WithoutSessions_RuleViolation()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<SchedulingService>();
        var e = await service.CreateEventAsync(Admin, Edition(await OrgAsync(db)));
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => service.PublishAsync(Admin, e.Id));
        Assert.Equal("Rule_EventNeedsSession", error.Key);
    }

    [Fact]
    public async Task ChangeSession_Reschedule_SequenceAndHistoryStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<SchedulingService>();
        var e = await service.CreateEventAsync(Admin, Edition(await OrgAsync(db), Option(27, 18, "Europe/Moscow")));
        var sessionId = e.Sessions[0].Id;

        var (session, resequenced) = await service.ChangeSessionAsync(Admin, sessionId, new SessionInput(Start: new DateTime(2027, 3, 27, 19, 0, 0)));
        await service.CancelSessionAsync(Admin, sessionId, "Перенос");

        Assert.True(resequenced);
        var history = await service.HistoryAsync(TestActors.Admin, sessionId);
        Assert.Equal([SessionChangeKind.Created, SessionChangeKind.Rescheduled, SessionChangeKind.Cancelled], history.Select(h => h.Kind));
        Assert.Equal(2, (await service.FindSessionAsync(sessionId))!.Sequence);
        await Assert.ThrowsAsync<RuleViolationException>(() => service.CancelSessionAsync(Admin, sessionId, null));
    }

    [Fact]
    public async Task Series_EveryTwoMonths_EditionsAtSameWallClockInEachZone()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<SchedulingService>();
        var template = Edition(await OrgAsync(db),
            new SessionInput("1", new DateTime(2027, 1, 10, 15, 0, 0), "Europe/Moscow", 90),
            new SessionInput("2", new DateTime(2027, 1, 10, 19, 0, 0), "Europe/Berlin", 90));

        var series = await service.CreateSeriesAsync(Admin, template, "FREQ=MONTHLY;INTERVAL=2;COUNT=6", publish: true);

        Assert.Equal(6, series.Events.Count);
        Assert.All(series.Events, e => Assert.Equal(EventStatus.Published, e.Status));
        var berlin = series.Events.Select(e => e.Sessions.Single(s => s.Label == "2")).ToList();
        Assert.All(berlin, s => Assert.Equal(19, s.Start.Hour));
        Assert.Equal([18, 18, 17, 17, 17, 18], berlin.Select(s => s.StartUtc.Hour));
        Assert.All(series.Events.Select(e => e.Sessions.Single(s => s.Label == "1")), s => Assert.Equal(12, s.StartUtc.Hour));
        Assert.Equal([1, 3, 5, 7, 9, 11], berlin.Select(s => s.Start.Month));
    }

    [Fact]
    public async Task Series_ChangeFromThirdEdition_LaterEditionsFollowEarlierKeep()
    {
        await using var db = await TestDatabase.CreateAsync();
        var service = db.Get<SchedulingService>();
        var series = await service.CreateSeriesAsync(Admin, Edition(await OrgAsync(db),
            new SessionInput(null, new DateTime(2027, 1, 10, 19, 0, 0), "Asia/Bishkek", 60)), "FREQ=MONTHLY;COUNT=4", publish: false);
        var third = series.Events.Single(e => e.SeriesIndex == 2).Sessions[0];

        var changed = await service.ChangeSeriesFromAsync(Admin, third.Id, new SessionInput(Start: new DateTime(2027, 3, 10, 20, 30, 0)));

        Assert.Equal(2, changed.Count);
        await using var context = db.NewContext();
        var hours = await context.Sessions.OrderBy(s => s.StartUtc).Select(s => new { s.Start, s.Sequence }).ToListAsync();
        Assert.Equal([19, 19, 20, 20], hours.Select(h => h.Start.Hour));
        Assert.Equal([0, 0, 1, 1], hours.Select(h => h.Sequence));
        Assert.Equal([10, 10, 10, 10], hours.Select(h => h.Start.Day));
    }

    [Fact]
    public async Task Series_DstGapOccurrence_WholeSeriesRejected()
    {
        await using var db = await TestDatabase.CreateAsync();
        // 02:30 on the 14th: fine in February, but 14 March 2027 is the US spring-forward day.
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Get<SchedulingService>().CreateSeriesAsync(Admin,
            Edition(1, new SessionInput(null, new DateTime(2027, 2, 14, 2, 30, 0), "America/New_York", 60)), "FREQ=MONTHLY;COUNT=3", false));
        Assert.Equal("editions[1].sessions[0].start", Assert.Single(e.Errors).Field);
    }

    [Fact]
    public async Task Plan_ReportCountsScheduledAndHeldPerEmbassy()
    {
        await using var db = await TestDatabase.CreateAsync();
        var year = 2026;
        var plan = db.Get<PlanService>();
        await plan.EnsureDefaultTargetsAsync(year);
        var embassies = (await db.Get<OrganizationService>().ListAsync("en", kind: OrganizationKind.Embassy)).Items;
        var moscow = embassies.Single(o => o.Name.Contains("Moscow"));
        var service = db.Get<SchedulingService>();
        // Held in March (the clock says 28 November 2026), and a draft still to come in December.
        var held = await service.CreateEventAsync(Admin, new EventDraft(moscow.Id, EventKind.EmbassyMeeting, "Жолугушуу",
            Sessions: [new SessionInput(null, new DateTime(2026, 3, 14, 11, 0, 0), "Europe/Moscow", 120)]));
        await service.PublishAsync(Admin, held.Id);
        await service.CreateEventAsync(Admin, new EventDraft(moscow.Id, EventKind.EmbassyMeeting, "Дагы",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 14, 11, 0, 0), "Europe/Moscow", 120)]));

        var lines = await plan.ReportAsync(year, "en");

        var moscowLine = lines.Single(l => l.Kind == EventKind.EmbassyMeeting && l.OrganizationId == moscow.Id);
        Assert.Equal((1, 2, 1), (moscowLine.Target, moscowLine.Scheduled, moscowLine.Held));
        Assert.Equal(embassies.Count - 1, lines.Count(l => l.Kind == EventKind.EmbassyMeeting && l.Scheduled == 0));
        Assert.Equal(6, lines.Single(l => l.Kind == EventKind.OnlineMekendesh).Target);
    }

    [Fact]
    public async Task Plan_SetTargets_ReplacesYearAndValidates()
    {
        await using var db = await TestDatabase.CreateAsync();
        var plan = db.Get<PlanService>();
        await plan.EnsureDefaultTargetsAsync(2027);

        await plan.SetTargetsAsync(TestActors.Admin, 2027, [new TargetInput(EventKind.OnlineMekendesh, null, 6), new TargetInput(EventKind.Webinar, null, 10)]);

        Assert.Equal(2, (await plan.TargetsAsync(2027)).Count);
        await Assert.ThrowsAsync<ValidationFailedException>(() => plan.SetTargetsAsync(TestActors.Admin, 2027,
            [new TargetInput(EventKind.Webinar, null, 1), new TargetInput(EventKind.Webinar, null, 2)]));
        await Assert.ThrowsAsync<ValidationFailedException>(() => plan.SetTargetsAsync(TestActors.Admin, 2027, [new TargetInput(EventKind.Webinar, 999_999, 1)]));
        Assert.Equal(2, (await plan.TargetsAsync(2027)).Count);
    }

    [Fact]
    public async Task Plan_SetTargets_NotAdministrator_ForbiddenAndUnchanged()
    {
        await using var db = await TestDatabase.CreateAsync();
        var plan = db.Get<PlanService>();
        await plan.EnsureDefaultTargetsAsync(2027);
        var before = await plan.TargetsAsync(2027);

        await Assert.ThrowsAsync<ForbiddenException>(() => plan.SetTargetsAsync(TestActors.Stranger, 2027, [new TargetInput(EventKind.Webinar, null, 1)]));

        Assert.Equal(before.Select(t => (t.Kind, t.OrganizationId, t.Target)), (await plan.TargetsAsync(2027)).Select(t => (t.Kind, t.OrganizationId, t.Target)));
    }
}
