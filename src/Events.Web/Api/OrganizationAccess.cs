using System.Security.Claims;
using Events.Core.Data;
using Events.Core.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Events.Web.Api;

/// <summary>The core's management rule for the signed-in caller (false for anonymous callers).</summary>
public sealed class OrganizationAccess(IDbContextFactory<EventsDbContext> dbFactory)
{
    public async Task<bool> CanManageAsync(ClaimsPrincipal user, int organizationId, CancellationToken ct = default)
    {
        if (user.ActorOrNull() is not { } actor) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ManagementRights.HasAsync(db, actor, organizationId, ct);
    }
}
