using Events.Core.Data;
using Events.Core.People;
using Events.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Planning;

/// <summary>
/// The audience the planner weighs: registered people by country of residence — everyone who has
/// registered for an event (each address once, however many events) and participant accounts that
/// have not registered yet; with nobody registered, the shares of the strategy's mapping.
/// </summary>
public sealed class AudienceWeights(IDbContextFactory<EventsDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<string, double>> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registered = await db.Registrations.GroupBy(r => r.CountryCode)
            .Select(g => new { g.Key, Count = g.Select(r => r.NormalizedEmail).Distinct().Count() }).ToListAsync(ct);
        var participantRole = await db.Roles.Where(r => r.Name == Roles.Participant).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var accounts = await db.Users
            .Where(u => u.CountryCode != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == participantRole)
                        && !db.Registrations.Any(r => r.NormalizedEmail == u.Email!.ToLower()))
            .GroupBy(u => u.CountryCode!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var counts = registered.Concat(accounts).GroupBy(c => c.Key).Select(g => (Country: g.Key, Count: g.Sum(c => c.Count)))
            .Where(c => TimeZoneOptionPlanner.ZoneOf(c.Country) is not null).ToList();
        return counts.Count > 0 ? counts.ToDictionary(c => c.Country, c => (double)c.Count) : AudienceShares.ByCountry;
    }
}
