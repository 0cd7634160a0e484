using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>Questions, surveys and coverage of an event are its organization's: organizers of that organization and administrators.</summary>
public static class EngagementAccess
{
    /// <summary>The event with its organization; 404 for an unknown event, 403 for anyone who does not organize it.</summary>
    public static async Task<Event> EnsureOrganizerAsync(EventsDbContext db, Actor actor, int eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Organization).Include(x => x.Sessions).FirstOrDefaultAsync(x => x.Id == eventId, ct)
                ?? throw new NotFoundException("event");
        await ManagementRights.EnsureAsync(db, actor, e.OrganizationId, ct);
        return e;
    }

    /// <summary>The events of the organizations the actor manages.</summary>
    public static IQueryable<Event> ManagedEvents(EventsDbContext db, Actor actor)
    {
        var managed = ManagementRights.ManagedOrganizationIds(db, actor);
        return db.Events.Where(e => managed.Contains(e.OrganizationId));
    }
}
