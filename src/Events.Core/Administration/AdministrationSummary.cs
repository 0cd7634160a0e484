using Events.Core.Data;
using Events.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Administration;

public sealed record AdministrationFigures(IReadOnlyDictionary<OrganizationKind, int> OrganizationsByKind,
    IReadOnlyDictionary<string, int> UsersByRole, int Users);

/// <summary>The counts on the administrator's dashboard.</summary>
public sealed class AdministrationSummary(IDbContextFactory<EventsDbContext> dbFactory)
{
    public async Task<AdministrationFigures> GetAsync(Common.Actor actor, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var kinds = await db.Organizations.GroupBy(o => o.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .GroupBy(n => n).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new AdministrationFigures(
            kinds.ToDictionary(k => k.Key, k => k.Count),
            roles.ToDictionary(r => r.Key, r => r.Count),
            await db.Users.CountAsync(ct));
    }
}
