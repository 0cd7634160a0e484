using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Training;

/// <summary>
/// Who may run an event's participants, attendance, certificates and teams: the organizers of its organization (and
/// administrators), and the trainers assigned to that very event — a trainer sees nothing of other events.
/// </summary>
public static class TrainingAccess
{
    public static async Task<bool> IsTrainerAsync(EventsDbContext db, Actor actor, int eventId, CancellationToken ct) =>
        await db.EventTrainers.AnyAsync(t => t.EventId == eventId && t.UserId == actor.UserId, ct);

    /// <summary>The event, when the actor organizes it or trains in it; 404 for an unknown event, 403 for anyone else.</summary>
    public static async Task<Event> EnsureAsync(EventsDbContext db, Actor actor, int eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Organization).FirstOrDefaultAsync(x => x.Id == eventId, ct)
                ?? throw new NotFoundException("event");
        if (!await ManagementRights.HasAsync(db, actor, e.OrganizationId, ct) && !await IsTrainerAsync(db, actor, eventId, ct))
            throw new ForbiddenException("neither an organizer nor a trainer of event " + eventId);
        return e;
    }

    /// <summary>A session with its event, under the same rule.</summary>
    public static async Task<(Session Session, Event Event)> EnsureSessionAsync(EventsDbContext db, Actor actor, int sessionId, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct) ?? throw new NotFoundException("session");
        var e = await EnsureAsync(db, actor, session.EventId, ct);
        session.Event = e;
        return (session, e);
    }

    /// <summary>Only organizers (not trainers) choose an event's trainers and its rules.</summary>
    public static async Task<Event> EnsureOrganizerAsync(EventsDbContext db, Actor actor, int eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == eventId, ct) ?? throw new NotFoundException("event");
        await ManagementRights.EnsureAsync(db, actor, e.OrganizationId, ct);
        return e;
    }

    /// <summary>Events the actor may open as a trainer: those assigned to them, and every event of the organizations they manage.</summary>
    public static IQueryable<Event> Visible(EventsDbContext db, Actor actor)
    {
        var managed = ManagementRights.ManagedOrganizationIds(db, actor);
        return db.Events.Where(e => managed.Contains(e.OrganizationId) || db.EventTrainers.Any(t => t.EventId == e.Id && t.UserId == actor.UserId));
    }
}
