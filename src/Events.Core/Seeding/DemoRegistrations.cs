using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>
/// The demo compatriots registered to this year's events: past sessions with attendance checked in,
/// coming ones with seats taken and a waitlist on a full embassy meeting. No emails are sent for them.
/// </summary>
public sealed class DemoRegistrations : IDemoSeedPart
{
    public string Name => "registrations";
    public int Order => 30;

    public async Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var now = context.UtcNow;
        var random = context.Random;
        var people = await db.Users.Where(u => u.Email!.StartsWith("compatriot")).OrderBy(u => u.Email).ToListAsync(ct);
        var sessions = await db.Sessions.Include(s => s.Event).Where(s => s.Event!.Status != EventStatus.Draft).OrderBy(s => s.StartUtc).ToListAsync(ct);
        foreach (var session in sessions)
        {
            // A program enrols once for all its sessions: people register through its first one, and every session counts them.
            var isProgram = EventKindRules.EnrolsInWholeEvent(session.Event!.Kind);
            if (isProgram && sessions.Any(o => o.EventId == session.EventId && o.StartUtc < session.StartUtc)) continue;
            var wanted = session.Event!.Kind switch
            {
                EventKind.OnlineMekendesh => 20 + random.Next(40),
                EventKind.EmbassyMeeting => 60 + random.Next(40),
                _ => 10 + random.Next(30),
            };
            var eventTaken = await db.Registrations.Where(r => r.EventId == session.EventId).Select(r => r.NormalizedEmail).ToListAsync(ct);
            var chosen = people.Where(p => !eventTaken.Contains(p.Email!)).OrderBy(_ => random.Next()).Take(wanted).ToList();
            foreach (var person in chosen)
            {
                var confirmed = session.Capacity is null || session.ConfirmedCount < session.Capacity;
                var created = session.StartUtc.AddDays(-random.Next(3, 40));
                var registration = new Registration.Registration
                {
                    EventId = session.EventId, SessionId = session.Id, FullName = person.FullName, Email = person.Email!,
                    NormalizedEmail = person.Email!, ActiveEmailKey = person.Email!, CountryCode = person.CountryCode ?? "KG",
                    HomeRegion = person.HomeRegion, Gender = person.Gender, BirthYear = person.BirthYear, Language = person.Language,
                    TimeZone = person.TimeZone, ConsentUtc = created, CreatedUtc = created < now ? created : now, UpdatedUtc = now,
                    Status = confirmed ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
                    // Demo registrants have no working manage link: only a random hash is stored.
                    ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
                };
                if (confirmed) session.ConfirmedCount++; else session.WaitlistedCount++;
                if (confirmed && session.EndUtc < now && random.NextDouble() < 0.8) registration.CheckedInUtc = session.StartUtc.AddMinutes(random.Next(-20, 15));
                db.Registrations.Add(registration);
            }
            if (isProgram)
                foreach (var other in sessions.Where(o => o.EventId == session.EventId))
                    (other.ConfirmedCount, other.WaitlistedCount) = (session.ConfirmedCount, session.WaitlistedCount);
            await db.SaveChangesAsync(ct);
        }
    }
}
