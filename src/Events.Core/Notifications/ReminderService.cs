using Microsoft.AspNetCore.DataProtection;
using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Events.Core.Notifications;

/// <summary>That one reminder was sent: unique per registration, offset and start, so each goes once (also across instances).</summary>
public class ReminderLog
{
    public long Id { get; set; }
    public int RegistrationId { get; set; }
    public int OffsetMinutes { get; set; }

    /// <summary>The session start the reminder was for: after a reschedule the reminders are due again.</summary>
    public DateTime SessionStartUtc { get; set; }
    public DateTime SentUtc { get; set; }
}

/// <summary>
/// Reminders before each session (per event, default one day and one hour): only to confirmed
/// registrations of scheduled sessions of published events, each once, and not for a reminder time
/// that had already passed when the person registered.
/// </summary>
public sealed class ReminderService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, InvitationComposer composer,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, OutboxSignal signal)
{
    private readonly Microsoft.AspNetCore.DataProtection.IDataProtector _tokens = Registration.ManageTokens.Protector(protection);

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var horizon = now.AddDays(31);
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Event).ThenInclude(e => e!.Organization)
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc > now && s.StartUtc <= horizon && s.Event!.Status == EventStatus.Published)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var session in sessions)
        {
            if (!ReminderOffsets.TryParse(session.Event!.Reminders, out var offsets)) continue;
            var due = offsets.Where(o => session.StartUtc - o <= now).Select(o => (int)o.TotalMinutes).ToList();
            if (due.Count == 0) continue;
            var registrations = await Training.Enrolments.AtSession(db.Registrations, session, session.Event!)
                .Where(r => r.Status == RegistrationStatus.Confirmed)
                .ToListAsync(ct);
            var logged = await db.Set<ReminderLog>().Where(l => l.SessionStartUtc == session.StartUtc && registrations.Select(r => r.Id).Contains(l.RegistrationId))
                .Select(l => new { l.RegistrationId, l.OffsetMinutes }).ToListAsync(ct);
            foreach (var r in registrations)
            {
                // Only the nearest due reminder, and only if it fell due after the person registered.
                var offset = due.Where(o => r.CreatedUtc < session.StartUtc.AddMinutes(-o)).DefaultIfEmpty(-1).Min();
                if (offset < 0 || logged.Any(l => l.RegistrationId == r.Id && l.OffsetMinutes <= offset)) continue;
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    db.Set<ReminderLog>().Add(new ReminderLog { RegistrationId = r.Id, OffsetMinutes = offset, SessionStartUtc = session.StartUtc, SentUtc = now });
                    var e = session.Event!;
                    var mail = new RegistrationMail(MessageKind.Reminder, r.FullName, r.Email, r.Language, r.TimeZone, _tokens.Unprotect(r.ManageTokenSealed),
                        null, session.Uid, session.Sequence, session.StartUtc, session.EndUtc, session.TimeZone, session.Mode, session.JoinUrl,
                        session.Venue, session.Address, session.Label, e.Id, e.LocalizedTitle(r.Language), e.LocalizedDescription(r.Language),
                        e.Organization!.DisplayName(r.Language), e.Organization.Email);
                    Outbox.Enqueue(db, composer.Compose(mail), "Reminder", r.Id, now);
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    sent++;
                }
                catch (DbUpdateException)
                {
                    // Another instance sent this reminder first.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                }
            }
        }
        if (sent > 0) signal.Notify();
        return sent;
    }
}

public sealed class ReminderWorker(IServiceProvider services, ILogger<ReminderWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(services);
                await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ReminderService>(scope.ServiceProvider)
                    .RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reminders failed; next try in a minute.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
