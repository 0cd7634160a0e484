using Microsoft.EntityFrameworkCore;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.Indicators;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Planning;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;

namespace Events.Core.Tests.Indicators;

/// <summary>
/// The indicators on a hand-built year where every number is known in advance (the clock stands at 28 Nov 2026):
/// two options of one edition, a cancelled option, a future edition, a draft, a person in three events, a course with
/// Present/Late/Excused/Absent, sessions on both sides of New Year in their own zones, withdrawn and last year's entries,
/// grants, a final and a draft start-up, targets for the whole plan and for one embassy.
/// </summary>
public class IndicatorServiceTests
{
    private sealed class Year2026(EventsDbContext db)
    {
        public int A, B;
        private int _n;

        public async Task<Event> EventAsync(int org, EventKind kind, bool publish = true, bool forumTopic = false,
            params (DateTime Start, string Zone, SessionMode Mode, bool Cancelled)[] sessions)
        {
            var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var e = new Event { OrganizationId = org, Kind = kind, Title = $"{kind} {++_n}", CreatedUtc = now, UpdatedUtc = now, InvestmentTopicOnAgenda = forumTopic };
            foreach (var (start, zone, mode, _) in sessions)
                e.Sessions.Add(Session.Create(new SessionInput(null, start, zone, 90, mode, mode == SessionMode.Offline ? null : "https://zoom.us/j/1",
                    mode == SessionMode.Online ? null : "Зал"), now, "test"));
            if (publish) e.Publish(now);
            foreach (var (s, i) in e.Sessions.Select((s, i) => (s, i)).ToList())
                if (sessions[i].Cancelled) s.Cancel(now, null, "test");
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        }

        public async Task<Events.Core.Registration.Registration> PersonAsync(Session s, string email, RegistrationStatus status = RegistrationStatus.Confirmed,
            bool checkedIn = false, Gender? gender = null, int? birthYear = null, string country = "RU", HomeRegion? region = null)
        {
            var r = new Events.Core.Registration.Registration
            {
                EventId = s.EventId, SessionId = s.Id, FullName = email, Email = email, NormalizedEmail = email, ActiveEmailKey = status == RegistrationStatus.Cancelled ? null : email,
                CountryCode = country, Gender = gender, BirthYear = birthYear, HomeRegion = region, Status = status, CreatedUtc = s.StartUtc.AddDays(-3),
                UpdatedUtc = s.StartUtc.AddDays(-3), ConsentUtc = s.StartUtc.AddDays(-3), CheckedInUtc = checkedIn ? s.StartUtc : null,
                ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
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

        public async Task<Contest> ContestAsync(int org, ContestKind kind)
        {
            var c = new Contest
            {
                OrganizationId = org, Kind = kind, Title = kind.ToString(), SubmissionOpensUtc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                SubmissionClosesUtc = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            };
            db.Contests.Add(c);
            await db.SaveChangesAsync();
            return c;
        }

        public async Task<ContestEntry> EntryAsync(Contest c, DateTime submittedUtc, bool withdrawn = false)
        {
            var email = $"entrant{++_n}@example.kg";
            var x = new ContestEntry
            {
                ContestId = c.Id, Title = "Долбоор", Summary = "…", EntrantName = "Entrant", EntrantEmail = email, NormalizedEmail = email,
                SubmittedUtc = submittedUtc, UpdatedUtc = submittedUtc, Status = withdrawn ? EntryStatus.Withdrawn : EntryStatus.Submitted,
                ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
            };
            db.ContestEntries.Add(x);
            await db.SaveChangesAsync();
            return x;
        }
    }

    private static DateTime D(int month, int day, int hour = 18) => new(2026, month, day, hour, 0, 0);

    private static async Task<(TestDatabase Db, Year2026 Y)> BuildAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var context = db.NewContext();
        var y = new Year2026(context);
        var a = new Organization { Name = "Ministry A", Kind = OrganizationKind.Ministry, CountryCode = "KG", TimeZone = "Asia/Bishkek" };
        var b = new Organization { Name = "Embassy B", Kind = OrganizationKind.Embassy, CountryCode = "TR", TimeZone = "Europe/Istanbul" };
        context.Organizations.AddRange(a, b);
        await context.SaveChangesAsync();
        (y.A, y.B) = (a.Id, b.Id);

        // Organization A. An edition with two options (both held) …
        var e1 = await y.EventAsync(y.A, EventKind.OnlineMekendesh, sessions: [(D(3, 10), "Asia/Bishkek", SessionMode.Online, false), (D(3, 10, 19), "Europe/Moscow", SessionMode.Online, false)]);
        var (s1a, s1b) = (e1.Sessions[0], e1.Sessions[1]);
        var r1 = await y.PersonAsync(s1a, "a@x.kg", checkedIn: true, gender: Gender.Female, birthYear: 1990, region: HomeRegion.Osh);
        await y.PersonAsync(s1a, "b@x.kg", gender: Gender.Male, birthYear: 2000, country: "KZ");
        await y.PersonAsync(s1b, "c@x.kg", checkedIn: true, region: HomeRegion.Bishkek);
        await y.PersonAsync(s1b, "cancelled@x.kg", RegistrationStatus.Cancelled); // cancelled before coming: neither registered nor a participant
        // … one with a held option and a cancelled one (its registration cancelled with it), the same person as r1 …
        var e2 = await y.EventAsync(y.A, EventKind.OnlineMekendesh, sessions: [(D(5, 12), "Asia/Bishkek", SessionMode.Online, false), (D(5, 12, 20), "Asia/Bishkek", SessionMode.Online, true)]);
        await y.PersonAsync(e2.Sessions[0], "a@x.kg", checkedIn: true, gender: Gender.Female, birthYear: 1990, region: HomeRegion.Osh);
        await y.PersonAsync(e2.Sessions[1], "g@x.kg", RegistrationStatus.Cancelled);
        // … and one still ahead in December (registered, not held).
        var e3 = await y.EventAsync(y.A, EventKind.OnlineMekendesh, sessions: [(D(12, 20), "Asia/Bishkek", SessionMode.Online, false)]);
        await y.PersonAsync(e3.Sessions[0], "h@x.kg");
        // A course: online, offline, hybrid, all held; r8 is a@x.kg again (a person in two events).
        var course = await y.EventAsync(y.A, EventKind.Course, sessions: [(D(4, 1), "Asia/Bishkek", SessionMode.Online, false), (D(4, 8), "Asia/Bishkek", SessionMode.Offline, false), (D(4, 15), "Asia/Bishkek", SessionMode.Hybrid, false)]);
        var r8 = await y.PersonAsync(course.Sessions[0], "a@x.kg", gender: Gender.Male, birthYear: 1970, country: "TR", region: HomeRegion.Naryn);
        var r9 = await y.PersonAsync(course.Sessions[0], "d@x.kg", gender: Gender.Female, birthYear: 1995, country: "KG", region: HomeRegion.Talas);
        await y.MarkAsync(course.Sessions[0], r8, AttendanceStatus.Present);
        await y.MarkAsync(course.Sessions[1], r8, AttendanceStatus.Late);
        await y.MarkAsync(course.Sessions[0], r9, AttendanceStatus.Absent);
        await y.MarkAsync(course.Sessions[1], r9, AttendanceStatus.Excused);
        await y.MarkAsync(course.Sessions[2], r9, AttendanceStatus.Absent);
        // A draft webinar with a past session: not counted.
        var draft = await y.EventAsync(y.A, EventKind.Webinar, publish: false, sessions: [(D(2, 2), "Asia/Bishkek", SessionMode.Online, false)]);
        await y.PersonAsync(draft.Sessions[0], "draft@x.kg", checkedIn: true);
        // An innolab (held) with a final and a draft project.
        var innolab = await y.EventAsync(y.A, EventKind.Innolab, sessions: [(D(11, 1, 10), "Asia/Bishkek", SessionMode.Hybrid, false)]);
        var ctx = context;
        var t1 = new InnolabTeam { EventId = innolab.Id, Name = "One", CreatedUtc = DateTime.UtcNow };
        t1.Rename("One");
        t1.Project = new StartupProject { EventId = innolab.Id, Title = "Final", Status = ProjectStatus.Final, FinalizedUtc = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), UpdatedUtc = DateTime.UtcNow };
        var t2 = new InnolabTeam { EventId = innolab.Id, Name = "Two", CreatedUtc = DateTime.UtcNow };
        t2.Rename("Two");
        t2.Project = new StartupProject { EventId = innolab.Id, Title = "Draft", Status = ProjectStatus.Draft, UpdatedUtc = DateTime.UtcNow };
        ctx.InnolabTeams.AddRange(t1, t2);
        await ctx.SaveChangesAsync();

        // Organization B: an embassy meeting, an exhibition, forums with and without the investment topic.
        var e6 = await y.EventAsync(y.B, EventKind.EmbassyMeeting, sessions: [(D(6, 1, 11), "Europe/Istanbul", SessionMode.Hybrid, false)]);
        await y.PersonAsync(e6.Sessions[0], "e@x.kg", checkedIn: true, gender: Gender.Male, birthYear: 1980, country: "TR", region: HomeRegion.JalalAbad);
        await y.EventAsync(y.B, EventKind.Exhibition, sessions: [(D(9, 1, 10), "Europe/Istanbul", SessionMode.Offline, false)]);
        await y.EventAsync(y.B, EventKind.Forum, forumTopic: true, sessions: [(D(10, 1, 10), "Europe/Istanbul", SessionMode.Offline, false)]);
        await y.EventAsync(y.B, EventKind.Forum, sessions: [(D(10, 2, 10), "Europe/Istanbul", SessionMode.Offline, false)]);
        // New Year in the sessions' own zones: 1 Jan 2026 02:00 in Bishkek (31 Dec 2025 UTC) is 2026; 31 Dec 2025 23:00 in New York (1 Jan 2026 UTC) is 2025.
        var e11 = await y.EventAsync(y.B, EventKind.EmbassyMeeting, sessions: [(new DateTime(2026, 1, 1, 2, 0, 0), "Asia/Bishkek", SessionMode.Online, false)]);
        await y.PersonAsync(e11.Sessions[0], "f@x.kg", checkedIn: true, gender: Gender.Other, birthYear: 2010, country: "DE", region: HomeRegion.Batken);
        var e12 = await y.EventAsync(y.B, EventKind.EmbassyMeeting, sessions: [(new DateTime(2025, 12, 31, 23, 0, 0), "America/New_York", SessionMode.Online, false)]);
        await y.PersonAsync(e12.Sessions[0], "lastyear@x.kg", checkedIn: true);

        // Contests: A's Mykty Mekendesh (two entries this year, one withdrawn, one last year); B's journalists' contest.
        var mykty = await y.ContestAsync(y.A, ContestKind.MyktyMekendesh);
        var x1 = await y.EntryAsync(mykty, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        var x2 = await y.EntryAsync(mykty, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        await y.EntryAsync(mykty, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), withdrawn: true);
        await y.EntryAsync(mykty, new DateTime(2025, 12, 31, 23, 0, 0, DateTimeKind.Utc));
        var journalism = await y.ContestAsync(y.B, ContestKind.Journalism);
        var x5 = await y.EntryAsync(journalism, new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        var awarded = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        ctx.Awards.AddRange(
            new Award { ContestId = mykty.Id, EntryId = x1.Id, Place = 1, GrantAmount = 1000m, AwardedUtc = awarded },
            new Award { ContestId = mykty.Id, EntryId = x2.Id, Place = 2, GrantAmount = 500.50m, AwardedUtc = awarded },
            new Award { ContestId = journalism.Id, EntryId = x5.Id, Place = 1, AwardedUtc = awarded });
        // Targets: six editions for the whole plan, one meeting for embassy B.
        ctx.PlanTargets.AddRange(new PlanTarget { Year = 2026, Kind = EventKind.OnlineMekendesh, Target = 6 },
            new PlanTarget { Year = 2026, Kind = EventKind.EmbassyMeeting, OrganizationId = y.B, Target = 1 });
        await ctx.SaveChangesAsync();
        return (db, y);
    }

    private static ActivityFigures Of(IndicatorDocument d, EventKind kind) => d.Activities.Single(a => a.Kind == kind);

    [Fact]
    public async Task WholePlan_EveryNumberAsComputedByHand()
    {
        var (db, _) = await BuildAsync();
        await using var _db = db;
        var d = await db.Get<IndicatorService>().ComputeAsync(TestActors.Admin, 2026, null);

        // Two editions held (three sessions: two options + one), five registered (the future edition's too), three participants, two people.
        Assert.Equal((6, 2, 3, 5, 3, 2, 33.33), (Of(d, EventKind.OnlineMekendesh).Target, Of(d, EventKind.OnlineMekendesh).MeetingsHeld, Of(d, EventKind.OnlineMekendesh).SessionsHeld,
            Of(d, EventKind.OnlineMekendesh).Registered, Of(d, EventKind.OnlineMekendesh).Participants, Of(d, EventKind.OnlineMekendesh).UniqueParticipants,
            Of(d, EventKind.OnlineMekendesh).PercentOfTarget!.Value));
        var course = Of(d, EventKind.Course);
        Assert.Equal((1, 3, 2, 1, 1), (course.MeetingsHeld, course.SessionsHeld, course.Registered, course.Participants, course.UniqueParticipants));
        var embassy = Of(d, EventKind.EmbassyMeeting);
        Assert.Equal((1, 2, 2, 2, 2, 200.0), (embassy.Target, embassy.MeetingsHeld, embassy.SessionsHeld, embassy.Registered, embassy.Participants, embassy.PercentOfTarget!.Value));
        Assert.Equal(0, Of(d, EventKind.Webinar).MeetingsHeld); // the draft does not count
        Assert.Null(Of(d, EventKind.Course).PercentOfTarget);

        var t = d.Totals;
        Assert.Equal((9, 12, 9, 6, 4), (t.MeetingsHeld, t.SessionsHeld, t.Registered, t.Participants, t.UniqueParticipants));
        Assert.Equal((3, 2, 1500.50m, 1), (t.Entries, t.GrantsAwarded, t.GrantsAmount, t.StartupsDeveloped));
        Assert.Equal((1, 2, 1), (t.TrainingSessionsOnline, t.TrainingSessionsOffline, t.Trainees));
        Assert.Equal((0, 1, 1), (t.Webinars, t.Exhibitions, t.ForumsWithInvestmentTopic));
        Assert.Equal(new Dictionary<string, int> { ["MyktyMekendesh"] = 2, ["Journalism"] = 1 }, d.EntriesByContestKind);

        // The four splits count the same six registrations.
        var by = d.ParticipantsBy;
        Assert.Equal(new Dictionary<string, int> { ["Female"] = 2, ["Male"] = 2, ["Other"] = 1, ["Undisclosed"] = 1 }, by.Gender);
        Assert.Equal(new Dictionary<string, int> { ["Under30"] = 1, ["From30To45"] = 2, ["Over45"] = 2, ["Unknown"] = 1 }, by.AgeGroup);
        Assert.Equal(new Dictionary<string, int> { ["RU"] = 3, ["TR"] = 2, ["DE"] = 1 }, by.Country);
        Assert.Equal((2, 1, 1, 1, 1, 0, 0), (by.HomeRegion["Osh"], by.HomeRegion["Bishkek"], by.HomeRegion["Naryn"], by.HomeRegion["JalalAbad"], by.HomeRegion["Batken"],
            by.HomeRegion["Unknown"], by.HomeRegion["Talas"]));
        Assert.All(new[] { by.Gender, by.AgeGroup, by.Country, by.HomeRegion }, split => Assert.Equal(t.Participants, split.Values.Sum()));

        // Nothing recorded yet for coverage, questions and surveys: zeros, not errors.
        Assert.Equal((0, 0L), (t.Reposts, t.Views));
        Assert.Equal((0, 0), (d.Questions.Received, d.Questions.Answered));
        Assert.Equal(0, d.Survey["Baseline"].Responses + d.Survey["FollowUp"].Responses);
    }

    [Fact]
    public async Task Engagement_CoverageQuestionsAndSurveys_FillTheirFigures_OnTheYearsEvents()
    {
        var (db, _) = await BuildAsync();
        await using var _db = db;
        await using (var ctx = db.NewContext())
        {
            var om = await ctx.Events.Where(e => e.Kind == EventKind.OnlineMekendesh).OrderBy(e => e.Id).FirstAsync();
            var course = await ctx.Events.SingleAsync(e => e.Kind == EventKind.Course);
            var lastYear = await ctx.Events.Where(e => e.Kind == EventKind.EmbassyMeeting).OrderByDescending(e => e.Id).FirstAsync(); // its session is 2025's
            ctx.Coverage.AddRange(
                new Events.Core.Engagement.CoverageRecord { EventId = om.Id, Channel = Events.Core.Engagement.CoverageChannel.Telegram, Reposts = 10, Views = 100, RecordedBy = "t" },
                new Events.Core.Engagement.CoverageRecord { EventId = om.Id, Channel = Events.Core.Engagement.CoverageChannel.Facebook, Reposts = 5, RecordedBy = "t" },
                new Events.Core.Engagement.CoverageRecord { EventId = course.Id, Channel = Events.Core.Engagement.CoverageChannel.YouTube, Reposts = 2, Views = 50, RecordedBy = "t" },
                new Events.Core.Engagement.CoverageRecord { EventId = lastYear.Id, Channel = Events.Core.Engagement.CoverageChannel.YouTube, Reposts = 99, Views = 999, RecordedBy = "t" });
            var asked = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            ctx.Questions.AddRange(
                new Events.Core.Engagement.Question { EventId = om.Id, Text = "1", AskedUtc = asked, AnsweredUtc = asked.AddHours(2), AnswerText = "a" },
                new Events.Core.Engagement.Question { EventId = om.Id, Text = "2", AskedUtc = asked, AnsweredUtc = asked.AddHours(10), AnswerText = "b" },
                new Events.Core.Engagement.Question { EventId = course.Id, Text = "3", AskedUtc = asked });
            var r = await ctx.Registrations.Where(x => x.EventId == om.Id).OrderBy(x => x.Id).Select(x => x.Id).ToListAsync();
            ctx.SurveyResponses.AddRange(
                new Events.Core.Engagement.SurveyResponse { EventId = om.Id, RegistrationId = r[0], Wave = Events.Core.Engagement.SurveyWave.Baseline, AwareOfOpportunities = true, Satisfaction = 5, InvestingImportant = true, SubmittedUtc = asked },
                new Events.Core.Engagement.SurveyResponse { EventId = om.Id, RegistrationId = r[1], Wave = Events.Core.Engagement.SurveyWave.Baseline, AwareOfOpportunities = false, Satisfaction = 3, InvestingImportant = true, SubmittedUtc = asked },
                new Events.Core.Engagement.SurveyResponse { EventId = om.Id, RegistrationId = r[2], Wave = Events.Core.Engagement.SurveyWave.FollowUp, AwareOfOpportunities = true, Satisfaction = 4, InvestingImportant = false, SubmittedUtc = asked });
            await ctx.SaveChangesAsync();
        }

        var d = await db.Get<IndicatorService>().ComputeAsync(TestActors.Admin, 2026, null);

        Assert.Equal((15, 100L), (Of(d, EventKind.OnlineMekendesh).Reposts, Of(d, EventKind.OnlineMekendesh).Views));
        Assert.Equal((2, 50L), (Of(d, EventKind.Course).Reposts, Of(d, EventKind.Course).Views));
        Assert.Equal((17, 150L), (d.Totals.Reposts, d.Totals.Views)); // last year's event does not count
        // Three questions, two answered after 2 h and 10 h: median 6 h, p90 by nearest rank 10 h.
        Assert.Equal((3, 2, 6.0, 10.0), (d.Questions.Received, d.Questions.Answered, d.Questions.MedianHoursToAnswer!.Value, d.Questions.P90HoursToAnswer!.Value));
        Assert.Equal(2.0 / 3, d.Questions.ResponseRate, 9);
        Assert.Equal((2, 1, 4.0, 1, 2), (d.Survey["Baseline"].Responses, d.Survey["Baseline"].AwareOfOpportunities, d.Survey["Baseline"].SatisfiedAverage!.Value,
            d.Survey["Baseline"].Satisfied, d.Survey["Baseline"].InvestingImportant));
        Assert.Equal((1, 1, 4.0, 1, 0), (d.Survey["FollowUp"].Responses, d.Survey["FollowUp"].AwareOfOpportunities, d.Survey["FollowUp"].SatisfiedAverage!.Value,
            d.Survey["FollowUp"].Satisfied, d.Survey["FollowUp"].InvestingImportant));
    }

    [Fact]
    public async Task OneOrganization_OnlyItsWork_ItsOwnTargets()
    {
        var (db, y) = await BuildAsync();
        await using var _db = db;
        var d = await db.Get<IndicatorService>().ComputeAsync(TestActors.Admin, 2026, y.B);
        Assert.Equal((2, 2, 1, 0), (Of(d, EventKind.EmbassyMeeting).MeetingsHeld, d.Totals.Participants, d.Totals.Entries, d.Totals.GrantsAwarded));
        Assert.Equal(5, d.Totals.MeetingsHeld); // two embassy meetings, an exhibition, two forums
        Assert.Equal(0, Of(d, EventKind.OnlineMekendesh).MeetingsHeld);
        Assert.Null(Of(d, EventKind.OnlineMekendesh).Target);
        Assert.Equal(1, Of(d, EventKind.EmbassyMeeting).Target);
    }

    [Fact]
    public async Task Access_AnalystAll_OrganizerTheirOwn_NobodyElse()
    {
        var (db, y) = await BuildAsync();
        await using var _db = db;
        var users = db.Get<UserAdministration>();
        var analyst = await users.CreateAsync(TestActors.Admin, new NewUser("analyst@plan.example.kg", "Аналитик", "Analyst-2026", [Roles.Analyst], []));
        var organizer = await users.CreateAsync(TestActors.Admin, new NewUser("org.b@plan.example.kg", "Уюштуруучу", "Organizer-2026", [Roles.Organizer], [y.B]));
        var participant = await users.CreateAsync(TestActors.Admin, new NewUser("p@plan.example.kg", "Катышуучу", "Participant-2026", [Roles.Participant], []));
        var service = db.Get<IndicatorService>();

        Assert.Equal(9, (await service.ComputeAsync(new Actor(analyst, false), 2026, null)).Totals.MeetingsHeld);
        // An organizer without an organization filter sees their organizations' work only.
        Assert.Equal(5, (await service.ComputeAsync(new Actor(organizer, false), 2026, null)).Totals.MeetingsHeld);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ComputeAsync(new Actor(organizer, false), 2026, y.A));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ComputeAsync(new Actor(participant, false), 2026, null));
        Assert.Equal("organizationId", (await Assert.ThrowsAsync<ValidationFailedException>(() => service.ComputeAsync(TestActors.Admin, 2026, 999_999))).Errors.Single().Field);
    }

    [Theory]
    [InlineData(1997, "Under30")]   // 29
    [InlineData(1996, "From30To45")] // 30
    [InlineData(1981, "From30To45")] // 45
    [InlineData(1980, "Over45")]    // 46
    [InlineData(null, "Unknown")]
    public void AgeGroup_BoundariesAsTheContractSays(int? birthYear, string group) =>
        Assert.Equal(group, IndicatorService.AgeGroupOf(2026, birthYear));
}
