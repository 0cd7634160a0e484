using Events.Core.Common;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Tests.Training;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static Events.Core.Tests.Infrastructure.RegistrationScenario;

namespace Events.Core.Tests.Registration;

/// <summary>
/// A course, training or innolab: one registration is a place in every session. Seats count people per event on all
/// sessions, each upcoming session reaches the calendar as its own REQUEST (its own UID), and changes to one session
/// concern that UID only. Meeting kinds keep one option per registration.
/// </summary>
public class ProgramEnrolmentTests
{
    /// <summary>A course of three sessions (1–3 December, 18:00 Bishkek); session 2 has 2 seats, the others no limit.</summary>
    private static async Task<(TestDatabase Db, TrainingScenario S)> CourseAsync()
    {
        var db = await TestDatabase.CreateAsync();
        return (db, await TrainingScenario.CreateAsync(db, 3, EventKind.Course, capacity: 2, capacityAt: 2));
    }

    private sealed record CalendarMail(long Id, string To, int? RegistrationId, string Method, string Uid, int Sequence, string Text);

    /// <summary>Calendar emails (invitations or cancellations) queued after <paramref name="afterId"/>, parsed.</summary>
    private static async Task<List<CalendarMail>> CalendarMailAsync(TrainingScenario s, string kind, long afterId = 0)
    {
        var method = kind == "Cancellation" ? "CANCEL" : "REQUEST";
        return (await s.MailAsync(kind)).Where(m => m.Row.Id > afterId).Select(m =>
        {
            var calendar = Invitation(m.Message, method).Calendar;
            var e = Assert.Single(calendar.Events);
            return new CalendarMail(m.Row.Id, m.Row.To, m.Row.RegistrationId, calendar.Method!, e.Uid!, e.Sequence, m.Message.TextBody ?? "");
        }).ToList();
    }

    private static async Task<long> LastMailIdAsync(TrainingScenario s) => await s.QueryAsync(c => c.Outbox.MaxAsync(m => (long?)m.Id)) ?? 0;

    private static async Task<List<(int Id, int Confirmed, int Waitlisted)>> CountersAsync(TrainingScenario s)
    {
        var rows = await s.QueryAsync(c => c.Sessions.Where(x => x.EventId == s.Event.Id).OrderBy(x => x.StartUtc)
            .Select(x => new { x.Id, x.ConfirmedCount, x.WaitlistedCount }).ToListAsync());
        return rows.Select(x => (x.Id, x.ConfirmedCount, x.WaitlistedCount)).ToList();
    }

    [Fact]
    public async Task Register_ViaAnySession_EnrolsInTheWholeEvent_SeatsCountPeoplePerEvent_ThirdWaitlisted()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;

        var a = await s.EnrolAsync(viaSession: 1);
        var b = await s.EnrolAsync(viaSession: 3);
        var c = await s.EnrolAsync(viaSession: 1); // session 1 has no limit, but the course is full at session 2

        Assert.Equal((RegistrationStatus.Confirmed, RegistrationStatus.Confirmed), (a.Registration.Status, b.Registration.Status));
        Assert.Equal((RegistrationStatus.Waitlisted, (int?)1), (c.Registration.Status, c.WaitlistPosition));
        Assert.Equal(s.Sessions.Select(x => (x.Id, 2, 1)), await CountersAsync(s));
        // Each session's roster is the whole course.
        foreach (var session in s.Sessions)
            Assert.Equal([a.Registration.Id, b.Registration.Id], (await s.Attendance.RosterAsync(s.Organizer, session.Id)).Rows.Select(r => r.RegistrationId).Order());
        // One place per person and course, whichever session is used.
        Assert.Equal("Conflict_AlreadyRegistered", (await Assert.ThrowsAsync<ConflictException>(() =>
            s.Registrations.RegisterAsync(s.Session(2).Id, new RegistrationInput("Again", "PARTICIPANT1@example.kg", "TR", Consent: true), "en"))).Key);
        var view = await s.Registrations.FindByTokenAsync(c.ManageToken);
        Assert.Equal((1, 0), (view!.WaitlistPosition!.Value, view.OtherSessions.Count));
    }

    [Fact]
    public async Task Invitations_OnePerUpcomingSession_EachItsOwnUid_EachListingTheWholeProgram()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;

        var a = await s.EnrolAsync();

        var mail = await CalendarMailAsync(s, "Invitation");
        Assert.Equal(3, mail.Count);
        Assert.All(mail, m => Assert.Equal(("participant1@example.kg", a.Registration.Id, "REQUEST", 0), (m.To, m.RegistrationId!.Value, m.Method, m.Sequence)));
        Assert.Equal(s.Sessions.Select(x => x.Uid).Order(), mail.Select(m => m.Uid).Order());
        Assert.Equal(3, s.Sessions.Select(x => x.Uid).Distinct().Count());
        foreach (var m in mail)
        {
            Assert.Contains("Programme (3 sessions):", m.Text);
            var lines = m.Text.Split('\n');
            var listed = lines.Where(l => l.StartsWith("1. ") || l.StartsWith("2. ") || l.StartsWith("3. ")).ToList();
            Assert.Equal(3, listed.Count);
            // This email's own session is the one marked in the listing.
            var number = s.Sessions.Select(x => x.Uid).ToList().IndexOf(m.Uid) + 1;
            Assert.Equal([$"{number}. "], listed.Where(l => l.Contains("this email is about this session")).Select(l => l[..3]));
        }

        // Enrolled after the first session ended: the sessions ahead only.
        s.At(1, 100);
        var late = await s.EnrolAsync();
        var lateMail = (await CalendarMailAsync(s, "Invitation")).Where(m => m.RegistrationId == late.Registration.Id).ToList();
        Assert.Equal(new[] { s.Session(2).Uid, s.Session(3).Uid }.Order(), lateMail.Select(m => m.Uid).Order());
        Assert.All(lateMail, m => Assert.Contains("Programme (3 sessions):", m.Text));
    }

    [Fact]
    public async Task Switch_RefusedForAProgram()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;
        var a = await s.EnrolAsync(viaSession: 1);

        var refused = await Assert.ThrowsAsync<RuleViolationException>(() => s.Registrations.SwitchAsync(a.ManageToken, s.Session(3).Id));

        Assert.Equal("Rule_ProgramNoSwitch", refused.Key);
        Assert.Equal(s.Session(1).Id, await s.QueryAsync(c => c.Registrations.Where(r => r.Id == a.Registration.Id).Select(r => r.SessionId).SingleAsync()));
        Assert.Equal(s.Sessions.Select(x => (x.Id, 1, 0)), await CountersAsync(s));
    }

    [Fact]
    public async Task Cancel_OneCancelPerUpcomingSession_AboveTheRequest_PromotesTheWaitlistedWhoGetsTheInvitations()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;
        var a = await s.EnrolAsync();
        await s.EnrolAsync();
        var c = await s.EnrolAsync(viaSession: 3);
        Assert.DoesNotContain(await CalendarMailAsync(s, "Invitation"), m => m.RegistrationId == c.Registration.Id);
        var requests = (await CalendarMailAsync(s, "Invitation")).Where(m => m.RegistrationId == a.Registration.Id).ToDictionary(m => m.Uid, m => m.Sequence);

        await s.Registrations.CancelAsync(a.ManageToken);

        var cancels = (await CalendarMailAsync(s, "Cancellation")).Where(m => m.RegistrationId == a.Registration.Id).ToList();
        Assert.Equal(s.Sessions.Select(x => x.Uid).Order(), cancels.Select(m => m.Uid).Order());
        Assert.All(cancels, m => Assert.True(m.Sequence > requests[m.Uid], $"CANCEL {m.Sequence} not above REQUEST {requests[m.Uid]}"));
        var promoted = await s.QueryAsync(x => x.Registrations.SingleAsync(r => r.Id == c.Registration.Id));
        Assert.Equal(RegistrationStatus.Confirmed, promoted.Status);
        var invitations = (await CalendarMailAsync(s, "Invitation")).Where(m => m.RegistrationId == c.Registration.Id).ToList();
        Assert.Equal(s.Sessions.Select(x => x.Uid).Order(), invitations.Select(m => m.Uid).Order());
        Assert.Equal(s.Sessions.Select(x => (x.Id, 2, 0)), await CountersAsync(s));
        Assert.Equal(RegistrationStatus.Cancelled, await s.QueryAsync(x => x.Registrations.Where(r => r.Id == a.Registration.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task RescheduleOneSession_UpdateForExactlyThatUid_ToEveryoneEnrolled()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;
        var a = await s.EnrolAsync();
        var b = await s.EnrolAsync();
        await s.EnrolAsync(); // waitlisted: no calendar entry to update
        var before = await LastMailIdAsync(s);

        await db.Get<SchedulingService>().ChangeSessionAsync(s.Organizer, s.Session(2).Id, new SessionInput(Start: new DateTime(2026, 12, 2, 19, 30, 0)));

        var updates = await CalendarMailAsync(s, "Invitation", before);
        Assert.Equal([a.Registration.Id, b.Registration.Id], updates.Select(m => m.RegistrationId!.Value).Order());
        Assert.All(updates, m => Assert.Equal((s.Session(2).Uid, 1), (m.Uid, m.Sequence)));
        Assert.Empty(await CalendarMailAsync(s, "Cancellation", before));
        Assert.Equal(before + 2, await LastMailIdAsync(s));
    }

    [Fact]
    public async Task CancelOneSession_CancelForThatUidOnly_EnrolmentKept()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;
        var a = await s.EnrolAsync();
        var b = await s.EnrolAsync();
        var before = await LastMailIdAsync(s);

        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(3).Id, "Тренер ооруп калды");

        var cancels = await CalendarMailAsync(s, "Cancellation", before);
        Assert.Equal([a.Registration.Id, b.Registration.Id], cancels.Select(m => m.RegistrationId!.Value).Order());
        Assert.All(cancels, m => Assert.Equal((s.Session(3).Uid, 1), (m.Uid, m.Sequence)));
        Assert.Equal(before + 2, await LastMailIdAsync(s));
        Assert.All(await s.QueryAsync(x => x.Registrations.Where(r => r.EventId == s.Event.Id).ToListAsync()), r =>
            Assert.Equal((RegistrationStatus.Confirmed, r.NormalizedEmail), (r.Status, r.ActiveEmailKey)));
        // A place given up later: CANCEL for the sessions still scheduled, not again for the cancelled one.
        var last = await LastMailIdAsync(s);
        await s.Registrations.CancelAsync(s.Tokens[a.Registration.Id]);
        Assert.Equal(new[] { s.Session(1).Uid, s.Session(2).Uid }.Order(), (await CalendarMailAsync(s, "Cancellation", last)).Select(m => m.Uid).Order());
    }

    [Fact]
    public async Task CancelTheFullSession_TheWaitlistedTakeTheFreedPlace_BeforeAnyNewcomer()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;
        await s.EnrolAsync();
        await s.EnrolAsync();
        var waiting = await s.EnrolAsync();
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Registration.Status);

        // Session 2 was the only one with a limit: without it the course has room for everyone.
        await db.Get<SchedulingService>().CancelSessionAsync(s.Organizer, s.Session(2).Id, null);
        var newcomer = await s.EnrolAsync();

        Assert.Equal(RegistrationStatus.Confirmed, newcomer.Registration.Status);
        Assert.Equal(RegistrationStatus.Confirmed, await s.QueryAsync(c => c.Registrations.Where(r => r.Id == waiting.Registration.Id).Select(r => r.Status).SingleAsync()));
        var invitations = (await CalendarMailAsync(s, "Invitation")).Where(m => m.RegistrationId == waiting.Registration.Id).Select(m => m.Uid).Order();
        Assert.Equal(new[] { s.Session(1).Uid, s.Session(3).Uid }.Order(), invitations);
        var counters = (await CountersAsync(s)).Where(c => c.Id != s.Session(2).Id);
        Assert.All(counters, c => Assert.Equal((4, 0), (c.Confirmed, c.Waitlisted)));
    }

    [Fact]
    public async Task SessionAddedLater_SentToEveryoneEnrolled_CountersEqualTheProgram()
    {
        var (db, s) = await CourseAsync();
        await using var _ = db;
        var a = await s.EnrolAsync();
        var b = await s.EnrolAsync();
        await s.EnrolAsync();
        var before = await LastMailIdAsync(s);

        var added = await db.Get<SchedulingService>().AddSessionAsync(s.Organizer, s.Event.Id,
            new SessionInput("Кошумча", new DateTime(2026, 12, 4, 18, 0, 0), "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/555"));

        var counters = await s.QueryAsync(x => x.Sessions.Where(y => y.Id == added.Id).Select(y => new { y.ConfirmedCount, y.WaitlistedCount }).SingleAsync());
        Assert.Equal((2, 1), (counters.ConfirmedCount, counters.WaitlistedCount));
        var invitations = await CalendarMailAsync(s, "Invitation", before);
        Assert.Equal([a.Registration.Id, b.Registration.Id], invitations.Select(m => m.RegistrationId!.Value).Order());
        Assert.All(invitations, m => Assert.Equal(added.Uid, m.Uid));
        Assert.All(invitations, m => Assert.Contains("Programme (4 sessions):", m.Text));
        // The added session's roster is the course's, and a later enrolment takes a seat in it too.
        Assert.Equal(2, (await s.Attendance.RosterAsync(s.Trainer, added.Id)).Rows.Count);
    }

    [Fact]
    public async Task MeetingKind_TwoOptions_OneOptionPerRegistration()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await PublishedAsync(db, capacity: 1, options: 2);
        var service = db.Get<RegistrationService>();
        var (first, second) = (e.Sessions.OrderBy(x => x.StartUtc).First(), e.Sessions.OrderBy(x => x.StartUtc).Last());

        var a = await service.RegisterAsync(first.Id, Person(1, "en"), "en");
        var b = await service.RegisterAsync(first.Id, Person(2, "en"), "en");
        var c = await service.RegisterAsync(second.Id, Person(3, "en"), "en");

        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Confirmed],
            new[] { a, b, c }.Select(r => r.Registration.Status));
        await using var context = db.NewContext();
        var counters = await context.Sessions.Where(x => x.EventId == e.Id).ToDictionaryAsync(x => x.Id, x => (x.ConfirmedCount, x.WaitlistedCount));
        Assert.Equal(((1, 1), (1, 0)), (counters[first.Id], counters[second.Id]));
        var mine = await context.Outbox.AsNoTracking().Where(m => m.RegistrationId == a.Registration.Id && m.Kind == "Invitation").ToListAsync();
        var invitation = Invitation(MimeMessage.Load(new MemoryStream(Assert.Single(mine).MimeBytes())), "REQUEST").Calendar.Events.Single();
        Assert.Equal(first.Uid, invitation.Uid);
        // The plain path: switching between the options is allowed (and refused only for want of a seat).
        Assert.Equal("Rule_SessionFull", (await Assert.ThrowsAsync<RuleViolationException>(() => service.SwitchAsync(a.ManageToken, second.Id))).Key);
    }
}
