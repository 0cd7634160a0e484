using Events.Core.Data;

namespace Events.Core.Scheduling;

/// <summary>
/// Told about session changes inside the scheduling transaction, so that what follows (updated
/// invitations, cancellations, promotions from the waitlist) commits or fails together with the change.
/// </summary>
public interface ISessionChangeObserver
{
    Task OnSessionChangedAsync(EventsDbContext db, Session session, bool cancelled, CancellationToken ct);

    /// <summary>A session was added to an event (it has its id): a program's enrolled people hold a place in it too.</summary>
    Task OnSessionAddedAsync(EventsDbContext db, Session session, CancellationToken ct);

    /// <summary>After the change has committed: seats added by a higher capacity go to people waiting.</summary>
    Task PromoteAfterCapacityChangeAsync(int sessionId, CancellationToken ct);
}
