using System.Globalization;
using System.Text;
using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>
/// A running training on attracting investments (four sessions held, one ahead) with its trainer, attendance taken
/// from Zoom reports run through the real importer and from the roster for the offline session, certificates issued
/// to those who completed; and an innolab for young compatriots with three teams and their start-up projects.
/// No emails are sent for them.
/// </summary>
public sealed class DemoTraining : IDemoSeedPart
{
    public string Name => "training";
    public int Order => 35;

    public async Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var now = context.UtcNow;
        var random = context.Random;
        var orgId = await db.Organizations.Where(o => o.Code == "MEC").Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (orgId == 0) orgId = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(ct);
        var organizer = await db.Users.Where(u => u.Email == $"organizer@{DemoPeople.EmailDomain}").Select(u => u.Id).FirstOrDefaultAsync(ct);
        var trainer = await db.Users.Where(u => u.Email == $"trainer@{DemoPeople.EmailDomain}").Select(u => u.Id).FirstOrDefaultAsync(ct);
        var people = await db.Users.Where(u => u.Email!.StartsWith("compatriot")).OrderBy(u => u.Email).ToListAsync(ct);

        // ── the training: weekly, 18:00 Bishkek, the fourth of five sessions held last week ──
        var training = NewEvent(orgId, EventKind.Training, "Инвестицияларды тартуу: мекендештер үчүн тренинг", "Attracting investments: a training for compatriots",
            "Привлечение инвестиций: тренинг для соотечественников",
            "Беш сабак: долбоорду даярдоо, инвесторлор менен сүйлөшүү, краудфандинг, мамлекеттик колдоо, питч.", now);
        var firstDay = DateTime.SpecifyKind(WallClock.ToLocal(now, "Asia/Bishkek").Date.AddDays(-24), DateTimeKind.Unspecified);
        var modes = new[] { SessionMode.Online, SessionMode.Online, SessionMode.Offline, SessionMode.Online, SessionMode.Online };
        for (var i = 0; i < modes.Length; i++)
        {
            training.Sessions.Add(Session.Create(new SessionInput($"{i + 1}-сабак", firstDay.AddDays(7 * i).AddHours(18), "Asia/Bishkek", 90, modes[i],
                modes[i] == SessionMode.Online ? "https://zoom.us/j/4000000" : null, modes[i] == SessionMode.Offline ? "Бишкек, Инвестициялар үйү" : null,
                modes[i] == SessionMode.Offline ? "Эркиндик бул., 58" : null, 30), now, organizer));
        }
        training.Publish(now);
        db.Events.Add(training);

        var innolab = NewEvent(orgId, EventKind.Innolab, "Жаш мекендештердин инновациялык лабораториясы", "Innolab for young compatriots",
            "Инновационная лаборатория молодых соотечественников",
            "Үч күндүк лаборатория: командалар стартап долбоорлорун иштеп чыгып, акыркы күнү инвесторлорго питч жасашат.", now);
        for (var i = 0; i < 3; i++)
            innolab.Sessions.Add(Session.Create(new SessionInput($"{i + 1}-күн", firstDay.AddDays(8 + i).AddHours(10), "Asia/Bishkek", 360, SessionMode.Hybrid,
                "https://meet.example.kg/innolab", "Бишкек, Ала-Тоо инновациялык борбору", "Манас пр., 40", 40), now, organizer));
        innolab.Publish(now);
        innolab.Complete(now);
        db.Events.Add(innolab);
        await db.SaveChangesAsync(ct);
        if (trainer is not null)
        {
            db.EventTrainers.Add(new EventTrainer { EventId = training.Id, UserId = trainer, AddedUtc = now, AddedBy = organizer });
            db.EventTrainers.Add(new EventTrainer { EventId = innolab.Id, UserId = trainer, AddedUtc = now, AddedBy = organizer });
        }

        var trainees = Enrol(db, training, people.OrderBy(_ => random.Next()).Take(18).ToList(), now);
        var innovators = Enrol(db, innolab, people.OrderBy(_ => random.Next()).Take(12).ToList(), now);
        await db.SaveChangesAsync(ct);

        // ── attendance: the online sessions from Zoom reports, the offline one from the trainer's roster ──
        var sessions = training.Sessions.OrderBy(s => s.StartUtc).ToList();
        foreach (var session in sessions.Where(s => s.EndUtc <= now))
        {
            if (session.Mode == SessionMode.Online) ImportZoomReport(db, training, session, trainees, random, trainer, now);
            else
            {
                foreach (var r in trainees)
                {
                    var roll = random.NextDouble();
                    var status = roll < 0.75 ? AttendanceStatus.Present : roll < 0.85 ? AttendanceStatus.Late : roll < 0.92 ? AttendanceStatus.Excused : AttendanceStatus.Absent;
                    AttendanceLedger.Mark(db, null, training.Id, session.Id, r.Id, status, status == AttendanceStatus.Excused ? "Ооруп калды" : null, null,
                        AttendanceSource.Roster, trainer, session.EndUtc);
                }
            }
        }
        foreach (var session in innolab.Sessions)
            foreach (var r in innovators)
                AttendanceLedger.Mark(db, null, innolab.Id, session.Id, r.Id, random.NextDouble() < 0.9 ? AttendanceStatus.Present : AttendanceStatus.Late, null, null,
                    AttendanceSource.Desk, null, session.StartUtc.AddMinutes(5));
        await db.SaveChangesAsync(ct);

        // ── certificates for those who completed (the rule of the event: 80 % of the sessions) ──
        var marks = await db.Attendance.Where(a => a.EventId == training.Id || a.EventId == innolab.Id).ToListAsync(ct);
        foreach (var (e, enrolled) in new[] { (training, trainees), (innolab, innovators) })
        {
            foreach (var r in enrolled)
            {
                var mine = marks.Where(m => m.RegistrationId == r.Id).ToDictionary(m => m.SessionId, m => m.Status);
                if (!CompletionRule.Evaluate(e.Sessions.ToList(), mine, e.Training.CompletionPercent, now).Completed) continue;
                db.Certificates.Add(new Certificate
                {
                    EventId = e.Id, RegistrationId = r.Id, Code = Certificate.NewCode(), FullName = r.FullName, EventTitle = e.LocalizedTitle(r.Language),
                    Language = r.Language, IssuedUtc = now.AddDays(-1), IssuedBy = trainer,
                });
            }
        }

        // ── the innolab's teams and projects ──
        var projects = new (string Team, string Title, string Summary, ProjectStage Stage, ProjectStatus Status)[]
        {
            ("Жайлоо Tech", "Жайлоо: малчылар үчүн онлайн базар", "Малчыларды шаардагы сатып алуучулар менен түз байланыштырган мобилдик тиркеме.", ProjectStage.Mvp, ProjectStatus.Final),
            ("Ош Green", "Күн энергиясы менен кургатылган жемиштер", "Баткен жана Ош облустарынын өрүктөрүн күн энергиясы менен кургатып, экспортко чыгаруу.", ProjectStage.Prototype, ProjectStatus.Final),
            ("Ala-Too Code", "Мекендештер үчүн которуу кызматы", "Миграцияда жүргөндөр үчүн документтерди тез которуу жана нотариалдык күбөлөндүрүү.", ProjectStage.Idea, ProjectStatus.Draft),
        };
        for (var t = 0; t < projects.Length; t++)
        {
            var p = projects[t];
            var team = new InnolabTeam { EventId = innolab.Id, Name = p.Team, CreatedUtc = innolab.Sessions.Min(s => s.StartUtc) };
            team.Rename(p.Team);
            foreach (var (member, position) in innovators.Skip(4 * t).Take(4).Select((m, i) => (m, i)))
                team.Members.Add(new InnolabTeamMember { EventId = innolab.Id, RegistrationId = member.Id, Position = position });
            var finalUtc = innolab.Sessions.Max(s => s.EndUtc);
            team.Project = new StartupProject
            {
                EventId = innolab.Id, Title = p.Title, Summary = p.Summary, Stage = p.Stage, Status = p.Status, UpdatedUtc = finalUtc,
                FinalizedUtc = p.Status == ProjectStatus.Final ? finalUtc : null,
            };
            if (trainer is not null)
                team.Project.Notes.Add(new MentorNote
                {
                    AuthorUserId = trainer, AuthorName = "Бермет Жумабаева", CreatedUtc = finalUtc.AddHours(-2),
                    Text = t == 2 ? "Рыноктун көлөмүн эсептеп, биринчи кардарлар менен сүйлөшүп көргүлө." : "Питч ишенимдүү болду; каржылык планды Invest-challenge үчүн тактагыла.",
                });
            db.InnolabTeams.Add(team);
        }
        await db.SaveChangesAsync(ct);
    }

    private static Event NewEvent(int organizationId, EventKind kind, string titleKy, string titleEn, string titleRu, string description, DateTime now) =>
        new()
        {
            OrganizationId = organizationId, Kind = kind, Title = titleKy, TitleKy = titleKy, TitleEn = titleEn, TitleRu = titleRu, Description = description,
            Audience = EventAudience.Compatriots | EventAudience.Youth, CreatedUtc = now, UpdatedUtc = now, Topics = "инвестиция, стартап, тренинг",
        };

    /// <summary>One registration per person for the whole program; every session counts them.</summary>
    private static List<Registration.Registration> Enrol(EventsDbContext db, Event e, List<People.EventsUser> people, DateTime now)
    {
        var first = e.Sessions.OrderBy(s => s.StartUtc).First();
        var list = people.Select(person => new Registration.Registration
        {
            EventId = e.Id, SessionId = first.Id, FullName = person.FullName, Email = person.Email!, NormalizedEmail = person.Email!, ActiveEmailKey = person.Email!,
            CountryCode = person.CountryCode ?? "KG", HomeRegion = person.HomeRegion, Gender = person.Gender, BirthYear = person.BirthYear,
            Language = person.Language, TimeZone = person.TimeZone, ConsentUtc = first.StartUtc.AddDays(-10), CreatedUtc = first.StartUtc.AddDays(-10),
            UpdatedUtc = now, Status = RegistrationStatus.Confirmed,
            ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
        }).ToList();
        db.Registrations.AddRange(list);
        foreach (var s in e.Sessions) s.ConfirmedCount = list.Count;
        return list;
    }

    /// <summary>A Zoom participants report as Zoom writes it (rejoins, a guest, a phone), read and matched by the importer itself.</summary>
    private static void ImportZoomReport(EventsDbContext db, Event e, Session session, List<Registration.Registration> enrolled, Random random, string? by, DateTime now)
    {
        var zone = session.TimeZone;
        string Time(DateTime utc) => WallClock.ToLocal(utc, zone).ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);
        var csv = new StringBuilder("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n");
        void Row(string name, string? email, DateTime join, DateTime leave) =>
            csv.Append(CultureInfo.InvariantCulture, $"\"{name}\",{email},{Time(join)},{Time(leave)},{(int)(leave - join).TotalMinutes},{(email is null ? "Yes" : "No")},Y\r\n");
        foreach (var r in enrolled)
        {
            var roll = random.NextDouble();
            if (roll < 0.12) continue; // did not come
            var join = session.StartUtc.AddMinutes(random.Next(-5, roll < 0.25 ? 40 : 6));
            var leave = session.EndUtc.AddMinutes(random.Next(-10, 8));
            if (roll > 0.8)
            {
                // Dropped out and came back: two rows.
                var drop = join.AddMinutes(random.Next(15, 40));
                Row(r.FullName, r.Email, join, drop);
                Row(r.FullName, r.Email, drop.AddMinutes(random.Next(1, 6)), leave);
            }
            else Row(r.FullName, r.Email, join, leave);
        }
        Row("iPhone", null, session.StartUtc.AddMinutes(3), session.StartUtc.AddMinutes(20));
        var report = AttendanceReports.Parse(Encoding.UTF8.GetBytes(csv.ToString()));
        var outcome = AttendanceImport.Evaluate(report, new AttendanceWindow(session.StartUtc, session.EndUtc, zone, e.Training.PresentThresholdPercent / 100.0),
            enrolled.Select(r => new SessionRegistration(r.Id, r.FullName, r.Email)).ToList());
        foreach (var a in outcome.Attendance)
            AttendanceLedger.Mark(db, null, e.Id, session.Id, a.RegistrationId, a.Status, null, a.Minutes, AttendanceSource.Import, by, session.EndUtc.AddHours(1) < now ? session.EndUtc.AddHours(1) : now);
    }
}
