using System.Security.Claims;
using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Web.Api;

/// <summary>May this caller manage this organization's work? (Administrators always; organizers when members.)</summary>
public sealed class OrganizationAccess(IDbContextFactory<EventsDbContext> dbFactory)
{
    public async Task<bool> CanManageAsync(ClaimsPrincipal user, int organizationId, CancellationToken ct = default)
    {
        if (user.ActorOrNull() is not { } actor) return false;
        if (actor.IsAdministrator) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrganizationMembers.AnyAsync(m => m.UserId == actor.UserId && m.OrganizationId == organizationId, ct);
    }
}
