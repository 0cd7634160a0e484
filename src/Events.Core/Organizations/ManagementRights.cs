using Events.Core.Common;
using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Organizations;

/// <summary>Organizers manage only their own organizations' work; administrators manage everything.</summary>
public static class ManagementRights
{
    public static async Task<bool> HasAsync(EventsDbContext db, Actor actor, int organizationId, CancellationToken ct) =>
        actor.IsAdministrator
        || await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == actor.UserId, ct);

    /// <summary>Unknown organization → 400 on the field; known but not the caller's → 403.</summary>
    public static async Task EnsureAsync(EventsDbContext db, Actor actor, int organizationId, CancellationToken ct)
    {
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct))
            throw ValidationFailedException.For("organizationId", "Validation_UnknownOrganization");
        if (!await HasAsync(db, actor, organizationId, ct))
            throw new ForbiddenException("not a member of organization " + organizationId);
    }
}
