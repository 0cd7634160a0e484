using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Indicators;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;

namespace Events.Core.Tests.Indicators;

/// <summary>
/// The lists and trend behind the dashboard's numbers on a small year (the clock stands at 28 Nov 2026): they must agree with
/// <see cref="IndicatorService"/> for every filter and split, and show emails only to those who manage the event's organization.
/// </summary>
public class IndicatorDrillDownTests
{
    private sealed record Year(TestDatabase Db, int A, int B);

    private static DateTime D(int month, int day, int hour = 18) => new(2026, month, day, hour, 0, 0);

    private sealed class Builder(EventsDbContext db)
    {
        private int _n;

        public async Task<Event> EventAsync(int org, EventKind kind, bool publish = true, params (DateTime Start, bool Cancelled)[] sessions)
        {
            var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var e = new Event { OrganizationId = org, Kind = kind, Title = $"{kind} {++_n}", CreatedUtc = now, UpdatedUtc = now };
            foreach (var (start, _) in sessions)
                e.Sessions.Add(Session.Create(new SessionInput(null, start, "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/1"), now, "test"));
            if (publish) e.Publish(now);
            foreach (var (s, i) in e.Sessions.Select((s, i) => (s, i)).ToList())
                if (sessions[i].Cancelled) s.Cancel(now, null, "test");
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        }

        public async Task<Events.Core.Registration.Registration> PersonAsync(Session s, string email, bool checkedIn = false, Gender? gender = null,
            int? birthYear = null, string country = "RU", HomeRegion? region = null)
        {
            var r = new Events.Core.Registration.Registration
            {
                EventId = s.EventId, SessionId = s.Id, FullName = "Name " + email, Email = email, NormalizedEmail = email, ActiveEmailKey = email,
                CountryCode = country, Gender = gender, BirthYear = birthYear, HomeRegion = region, Status = RegistrationStatus.Confirmed,
                CreatedUtc = s.StartUtc.AddDays(-3), UpdatedUtc = s.StartUtc.AddDays(-3), ConsentUtc = s.StartUtc.AddDays(-3),
                CheckedInUtc = checkedIn ? s.StartUtc : null, ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
            };
            db.Registrations.Add(r);
            await db.SaveChangesAsync();
            return r;
        }

        public async Task MarkAsync(Session s, Events.Core.Registration.Registration r, AttendanceStatus status)
        {
            AttendanceLedger.Mark(db, null, s.EventId, s.Id, r.Id, status, null, null, AttendanceSource.Roster, "test", s.EndUtc);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// A: an edition with two held options in March (two of three registrants came); a course in April–May where one person came to the
    /// first two sessions and another only to the third (so counts in May); a webinar whose only session was cancelled; a draft.
    /// B: an embassy meeting in June and one ahead in December. Participants: 2 (March) + 1 (April) + 1 (May) + 1 (June) = 5.
    /// </summary>
    private static async Task<Year> BuildAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var b = new Builder(db);
        var orgA = new Organization { Name = "Ministry A", Kind = OrganizationKind.Ministry, CountryCode = "KG", TimeZone = "Asia/Bishkek" };
        var orgB = new Organization { Name = "Embassy B", Kind = OrganizationKind.Embassy, CountryCode = "TR", TimeZone = "Europe/Istanbul" };
        db.Organizations.AddRange(orgA, orgB);
        await db.SaveChangesAsync();

        var edition = await b.EventAsync(orgA.Id, EventKind.OnlineMekendesh, sessions: [(D(3, 10), false), (D(3, 10, 21), false)]);
        await b.PersonAsync(edition.Sessions[0], "a@x.kg", checkedIn: true, gender: Gender.Female, birthYear: 1990, region: HomeRegion.Osh);
        await b.PersonAsync(edition.Sessions[0], "b@x.kg", gender: Gender.Male, birthYear: 2000, country: "KZ");
        await b.PersonAsync(edition.Sessions[1], "c@x.kg", checkedIn: true, country: "KZ", region: HomeRegion.Bishkek);

        var course = await b.EventAsync(orgA.Id, EventKind.Course, sessions: [(D(4, 1), false), (D(4, 8), false), (D(5, 15), false)]);
        var regular = await b.PersonAsync(course.Sessions[0], "a@x.kg", gender: Gender.Female, birthYear: 1990, region: HomeRegion.Osh);
        var absent = await b.PersonAsync(course.Sessions[0], "d@x.kg", gender: Gender.Male, birthYear: 1960);
        var late = await b.PersonAsync(course.Sessions[0], "e@x.kg", gender: Gender.Undisclosed, birthYear: 1985, country: "DE", region: HomeRegion.Talas);
        await b.MarkAsync(course.Sessions[0], regular, AttendanceStatus.Present);
        await b.MarkAsync(course.Sessions[1], regular, AttendanceStatus.Late);
        await b.MarkAsync(course.Sessions[0], absent, AttendanceStatus.Absent);
        await b.MarkAsync(course.Sessions[2], late, AttendanceStatus.Late);

        var webinar = await b.EventAsync(orgA.Id, EventKind.Webinar, sessions: [(D(6, 1), true)]);
        await b.PersonAsync(webinar.Sessions[0], "cancelled@x.kg", checkedIn: true);
        var draft = await b.EventAsync(orgA.Id, EventKind.Webinar, publish: false, sessions: [(D(2, 2), false)]);
        await b.PersonAsync(draft.Sessions[0], "draft@x.kg", checkedIn: true);

        var meeting = await b.EventAsync(orgB.Id, EventKind.EmbassyMeeting, sessions: [(D(6, 20), false)]);
        await b.PersonAsync(meeting.Sessions[0], "f@x.kg", checkedIn: true, gender: Gender.Male, birthYear: 1970, country: "TR", region: HomeRegion.Naryn);
        var ahead = await b.EventAsync(orgB.Id, EventKind.EmbassyMeeting, sessions: [(D(12, 20), false)]);
        await b.PersonAsync(ahead.Sessions[0], "g@x.kg", checkedIn: true);
        return new Year(database, orgA.Id, orgB.Id);
    }

    private static async Task<int> CountAsync(IndicatorDrillDown drill, Actor actor, ParticipantQuery q) =>
        (await drill.ParticipantsAsync(actor, q with { PageSize = 1 }, "en")).Total;

    [Fact]
    public async Task Participants_EveryFilterAndSplit_MatchesTheDocument()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var indicators = y.Db.Get<IndicatorService>();
        var drill = y.Db.Get<IndicatorDrillDown>();

        foreach (var org in new int?[] { null, y.A, y.B })
        {
            var d = await indicators.ComputeAsync(TestActors.Admin, 2026, org);
            Assert.Equal(d.Totals.Participants, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org)));
            foreach (var activity in d.Activities)
                Assert.Equal(activity.Participants, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, activity.Kind)));
            foreach (var (gender, n) in d.ParticipantsBy.Gender)
                Assert.Equal(n, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, Gender: gender)));
            foreach (var (age, n) in d.ParticipantsBy.AgeGroup)
                Assert.Equal(n, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, AgeGroup: age)));
            foreach (var (country, n) in d.ParticipantsBy.Country)
                Assert.Equal(n, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, Country: country)));
            foreach (var (region, n) in d.ParticipantsBy.HomeRegion)
                Assert.Equal(n, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, HomeRegion: region)));
        }
        // The numbers themselves, so that a drill-down and a document that were both wrong the same way would still fail.
        Assert.Equal(5, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026)));
        Assert.Equal(2, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, Kind: EventKind.Course)));
        Assert.Equal(0, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, Kind: EventKind.Webinar)));
    }

    [Fact]
    public async Task HeldSessions_MatchSessionsAndMeetingsHeld_ForEveryFilterAndMonth()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var indicators = y.Db.Get<IndicatorService>();
        var trends = y.Db.Get<IndicatorTrends>();
        var drill = y.Db.Get<IndicatorDrillDown>();

        foreach (var org in new int?[] { null, y.A, y.B })
        {
            var d = await indicators.ComputeAsync(TestActors.Admin, 2026, org);
            var all = await drill.HeldSessionsAsync(TestActors.Admin, new HeldSessionQuery(2026, org, PageSize: 200), "en");
            Assert.Equal((d.Totals.SessionsHeld, d.Totals.MeetingsHeld), (all.Total, all.Items.Select(r => r.EventId).Distinct().Count()));
            foreach (var activity in d.Activities)
            {
                var list = await drill.HeldSessionsAsync(TestActors.Admin, new HeldSessionQuery(2026, org, activity.Kind, PageSize: 200), "en");
                Assert.Equal((activity.SessionsHeld, activity.MeetingsHeld), (list.Total, list.Items.Select(r => r.EventId).Distinct().Count()));
            }
            foreach (var month in await trends.MonthlyAsync(TestActors.Admin, 2026, org, null))
                Assert.Equal(month.SessionsHeld, (await drill.HeldSessionsAsync(TestActors.Admin, new HeldSessionQuery(2026, org, Month: month.Month), "en")).Total);
        }

        // By hand: the edition's first option (one of its two registrations checked in), the course's sessions in time order
        // (1 Apr: Present; 8 Apr: Late; 15 May: Late; the Absent mark does not count), the cancelled webinar and the draft left out.
        var rows = (await drill.HeldSessionsAsync(TestActors.Admin, new HeldSessionQuery(2026, PageSize: 200), "en")).Items;
        Assert.Equal(6, rows.Count);
        Assert.Equal((EventKind.OnlineMekendesh, 2, 1, "Ministry A"), (rows[0].Kind, rows[0].Registered, rows[0].Participants, rows[0].OrganizationName));
        Assert.Equal([1, 1, 1], rows.Where(r => r.Kind == EventKind.Course).Select(r => r.Participants));
        Assert.Equal([3, 0, 0], rows.Where(r => r.Kind == EventKind.Course).Select(r => r.Registered)); // a program's through the session they registered by
        var second = await drill.HeldSessionsAsync(TestActors.Admin, new HeldSessionQuery(2026, PageSize: 4, Page: 1), "en");
        Assert.Equal((6, 2), (second.Total, second.Items.Count));
        await Assert.ThrowsAsync<ForbiddenException>(() => drill.HeldSessionsAsync(TestActors.Stranger, new HeldSessionQuery(2026), "en"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => drill.HeldSessionsAsync(TestActors.Admin, new HeldSessionQuery(2026, Month: 13), "en"));
    }

    [Fact]
    public async Task SplitsOfOneKind_MatchTheListsOfThatKind_AndAddUpToItsParticipants()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var indicators = y.Db.Get<IndicatorService>();
        var drill = y.Db.Get<IndicatorDrillDown>();

        foreach (var org in new int?[] { null, y.A, y.B })
        {
            var d = await indicators.ComputeAsync(TestActors.Admin, 2026, org);
            foreach (var activity in d.Activities)
            {
                var by = await indicators.ParticipantsByAsync(TestActors.Admin, 2026, org, activity.Kind);
                Assert.Equal(activity.Participants, by.Gender.Values.Sum());
                Assert.Equal(activity.Participants, by.AgeGroup.Values.Sum());
                Assert.Equal(activity.Participants, by.Country.Values.Sum());
                Assert.Equal(activity.Participants, by.HomeRegion.Values.Sum());
                foreach (var (gender, n) in by.Gender)
                    Assert.Equal(n, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, activity.Kind, Gender: gender)));
                foreach (var (country, n) in by.Country)
                    Assert.Equal(n, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, org, activity.Kind, Country: country)));
            }
        }
        // By hand: the course's two participants, neither of them in the edition's splits.
        var course = await indicators.ParticipantsByAsync(TestActors.Admin, 2026, null, EventKind.Course);
        Assert.Equal(2, course.Gender.Values.Sum());
        await Assert.ThrowsAsync<ForbiddenException>(() => indicators.ParticipantsByAsync(TestActors.Stranger, 2026, null, EventKind.Course));
    }

    [Fact]
    public async Task Participants_Rows_FirstSessionAtWhichTheyCounted_PagedWithoutGapsOrRepeats()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var drill = y.Db.Get<IndicatorDrillDown>();

        var all = await drill.ParticipantsAsync(TestActors.Admin, new ParticipantQuery(2026, PageSize: 200), "en");
        Assert.Equal(["a@x.kg", "c@x.kg", "a@x.kg", "e@x.kg", "f@x.kg"], all.Items.Select(r => r.Email));
        Assert.Equal([D(3, 10), D(3, 10, 21), D(4, 1), D(5, 15), D(6, 20)], all.Items.Select(r => r.AttendedLocal));
        var late = all.Items[3];
        Assert.Equal((EventKind.Course, "Ministry A", "Asia/Bishkek", "Undisclosed", "From30To45", "Talas", "DE"),
            (late.Kind, late.OrganizationName, late.TimeZone, late.Gender, late.AgeGroup, late.HomeRegion, late.CountryCode));

        var paged = new List<ParticipantRow>();
        for (var page = 0; page < 3; page++)
        {
            var p = await drill.ParticipantsAsync(TestActors.Admin, new ParticipantQuery(2026, Page: page, PageSize: 2), "en");
            Assert.Equal(5, p.Total);
            paged.AddRange(p.Items);
        }
        Assert.Equal(all.Items.Select(r => r.RegistrationId), paged.Select(r => r.RegistrationId));
    }

    [Fact]
    public async Task Participants_NamesForReaders_EmailsOnlyForTheEventsOrganizers_NobodyElse()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var users = y.Db.Get<UserAdministration>();
        var analyst = new Actor(await users.CreateAsync(TestActors.Admin, new NewUser("analyst@plan.example.kg", "Аналитик", "Analyst-2026", [Roles.Analyst], [])), false);
        var organizerB = new Actor(await users.CreateAsync(TestActors.Admin, new NewUser("org.b@plan.example.kg", "Уюштуруучу", "Organizer-2026", [Roles.Organizer], [y.B])), false);
        var both = new Actor(await users.CreateAsync(TestActors.Admin, new NewUser("both@plan.example.kg", "Экөө тең", "Organizer-2026", [Roles.Analyst, Roles.Organizer], [y.B])), false);
        var participant = new Actor(await users.CreateAsync(TestActors.Admin, new NewUser("p@plan.example.kg", "Катышуучу", "Participant-2026", [Roles.Participant], [])), false);
        var drill = y.Db.Get<IndicatorDrillDown>();

        var seenByAnalyst = await drill.ParticipantsAsync(analyst, new ParticipantQuery(2026), "en");
        Assert.Equal(5, seenByAnalyst.Total);
        Assert.All(seenByAnalyst.Items, r => Assert.Null(r.Email));
        Assert.Contains("Name f@x.kg", seenByAnalyst.Items.Select(r => r.FullName));

        var seenByOrganizer = await drill.ParticipantsAsync(organizerB, new ParticipantQuery(2026), "en");
        Assert.Equal(["f@x.kg"], seenByOrganizer.Items.Select(r => r.Email));

        var seenByBoth = await drill.ParticipantsAsync(both, new ParticipantQuery(2026), "en");
        Assert.Equal([null, null, null, null, "f@x.kg"], seenByBoth.Items.Select(r => r.Email));

        await Assert.ThrowsAsync<ForbiddenException>(() => drill.ParticipantsAsync(organizerB, new ParticipantQuery(2026, y.A), "en"));
        await Assert.ThrowsAsync<ForbiddenException>(() => drill.ParticipantsAsync(participant, new ParticipantQuery(2026), "en"));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => drill.ParticipantsAsync(analyst, new ParticipantQuery(2026, Gender: "Robot", PageSize: 0), "en"));
        Assert.Equal(["gender", "pageSize"], invalid.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public async Task Monthly_SumsToTheDocument_PeopleInTheMonthTheyFirstCounted()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var trends = y.Db.Get<IndicatorTrends>();
        var drill = y.Db.Get<IndicatorDrillDown>();

        var months = await trends.MonthlyAsync(TestActors.Admin, 2026, null, null);
        Assert.Equal(12, months.Count);
        Assert.Equal(
            [(3, 1, 2, 2), (4, 1, 2, 1), (5, 0, 1, 1), (6, 1, 1, 1)],
            months.Where(m => m.SessionsHeld + m.Participants > 0).Select(m => (m.Month, m.MeetingsHeld, m.SessionsHeld, m.Participants)));
        var d = await y.Db.Get<IndicatorService>().ComputeAsync(TestActors.Admin, 2026, null);
        Assert.Equal((d.Totals.MeetingsHeld, d.Totals.SessionsHeld, d.Totals.Participants),
            (months.Sum(m => m.MeetingsHeld), months.Sum(m => m.SessionsHeld), months.Sum(m => m.Participants)));
        foreach (var m in months)
            Assert.Equal(m.Participants, await CountAsync(drill, TestActors.Admin, new ParticipantQuery(2026, Month: m.Month)));

        var course = await trends.MonthlyAsync(TestActors.Admin, 2026, y.A, EventKind.Course);
        Assert.Equal((2, 1, 1), (course[3].SessionsHeld, course[3].Participants, course[4].Participants));
    }

    [Fact]
    public async Task Organizations_AllForAnalysts_OwnForOrganizers_ForbiddenOtherwise()
    {
        var y = await BuildAsync();
        await using var _ = y.Db;
        var users = y.Db.Get<UserAdministration>();
        var analyst = new Actor(await users.CreateAsync(TestActors.Admin, new NewUser("analyst@plan.example.kg", "Аналитик", "Analyst-2026", [Roles.Analyst], [])), false);
        var organizerB = new Actor(await users.CreateAsync(TestActors.Admin, new NewUser("org.b@plan.example.kg", "Уюштуруучу", "Organizer-2026", [Roles.Organizer], [y.B])), false);
        var filters = y.Db.Get<IndicatorFilters>();

        await using var db = y.Db.NewContext();
        Assert.Equal(db.Organizations.Count(), (await filters.OrganizationsAsync(analyst, "en")).Count);
        Assert.Equal([new SelectableOrganization(y.B, "Embassy B")], await filters.OrganizationsAsync(organizerB, "en"));
        await Assert.ThrowsAsync<ForbiddenException>(() => filters.OrganizationsAsync(TestActors.Stranger, "en"));
    }
}
