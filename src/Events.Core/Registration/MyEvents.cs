using Events.Core.Calendar;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Scheduling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Registration;

public sealed record MyRegistration(int RegistrationId, RegistrationStatus Status, int EventId, string EventTitle, DateTime StartUtc, DateTime EndUtc,
    string TimeZone, SessionStatus SessionStatus, string? ManageToken);

/// <summary>
/// A signed-in participant's registrations (matched by their account's email) and their private
/// calendar feed, reachable by a secret key without signing in so calendar apps can subscribe.
/// Registrations are matched only once the account's address is confirmed: registering needs no account,
/// so an account with someone else's address must not reach that person's cancel and delete links.
/// </summary>
public sealed class MyEvents(IDbContextFactory<EventsDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _tokens = ManageTokens.Protector(protection);

    public async Task<IReadOnlyList<MyRegistration>> ListAsync(string userId, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var email = await db.Users.Where(u => u.Id == userId && u.EmailConfirmed).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        if (email is null) return [];
        var normalized = email.ToLowerInvariant();
        var rows = await db.Registrations.AsNoTracking().Where(r => r.NormalizedEmail == normalized)
            // A program's registration holds every session of its event; a meeting's holds its own.
            .Join(db.Sessions.Include(s => s.Event), r => r.EventId, s => s.EventId, (r, s) => new { r, s })
            .Where(x => x.s.Id == x.r.SessionId || EventKindRules.ProgramKinds.Contains(x.s.Event!.Kind))
            .OrderBy(x => x.s.StartUtc).ToListAsync(ct);
        return rows.Select(x => new MyRegistration(x.r.Id, x.r.Status, x.s.EventId, x.s.Event!.LocalizedTitle(culture), x.s.StartUtc, x.s.EndUtc,
            x.s.TimeZone, x.s.Status, x.r.ManageTokenSealed.Length > 0 ? _tokens.Unprotect(x.r.ManageTokenSealed) : null)).ToList();
    }

    public async Task<bool> IsEmailConfirmedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Id == userId && u.EmailConfirmed, ct);
    }

    /// <summary>The key of the person's feed, created on first use.</summary>
    public async Task<string> FeedKeyAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (user.CalendarFeedKey is null)
        {
            user.CalendarFeedKey = ManageTokens.New();
            await db.SaveChangesAsync(ct);
        }
        return user.CalendarFeedKey;
    }

    /// <summary>The person's confirmed sessions (with join links, since the feed is theirs), or null for an unknown key.</summary>
    public async Task<string?> FeedAsync(string? key, string baseUrl, CancellationToken ct = default)
    {
        if (!ManageTokens.LooksValid(key)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.CalendarFeedKey == key, ct);
        if (user?.NormalizedEmail is null || !user.EmailConfirmed) return null;
        var normalized = user.NormalizedEmail.ToLowerInvariant();
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.NormalizedEmail == normalized && r.Status == RegistrationStatus.Confirmed)
            .Join(db.Sessions.Include(s => s.Event).ThenInclude(e => e!.Organization), r => r.EventId, s => s.EventId, (r, s) => new { r, s })
            .Where(x => x.s.Id == x.r.SessionId || (EventKindRules.ProgramKinds.Contains(x.s.Event!.Kind) && x.s.Status == SessionStatus.Scheduled))
            .Where(x => x.s.EndUtc > since)
            .ToListAsync(ct);
        var entries = rows.Select(x =>
        {
            var entry = Catalogue.ToFeedEntry(x.s, x.s.Event!, x.s.Event!.Organization!, x.r.Language, baseUrl);
            return x.s.JoinUrl is { } join && x.s.Mode != SessionMode.Offline
                ? entry with { Location = x.s.Mode == SessionMode.Online ? join : entry.Location, Description = join + "\n\n" + entry.Description }
                : entry;
        });
        return CalendarFeed.Publish(entries, user.FullName, clock);
    }
}
