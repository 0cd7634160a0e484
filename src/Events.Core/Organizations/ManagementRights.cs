using Events.Core.Common;
using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Organizations;

/// <summary>
/// Who may do what, in one place: organizers manage only their own organizations' work; administrators
/// manage everything, and only they run the platform (organizations, people, the plan's targets, the outbox).
/// Every operation in Core that changes or reveals such work calls one of these before it acts.
/// </summary>
public static class ManagementRights
{
    /// <summary>The ids of the organizations whose work the actor manages, as a query (all of them for administrators).</summary>
    public static IQueryable<int> ManagedOrganizationIds(EventsDbContext db, Actor actor) =>
        actor.IsAdministrator
            ? db.Organizations.Select(o => o.Id)
            : db.OrganizationMembers.Where(m => m.UserId == actor.UserId).Select(m => m.OrganizationId);

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

    /// <summary>Platform operations: administrators only.</summary>
    public static void EnsureAdministrator(Actor actor)
    {
        if (!actor.IsAdministrator) throw new ForbiddenException("administrators only");
    }
}
