using Events.Core.Data;

namespace Events.Core.Scheduling;

/// <summary>
/// Told about session changes inside the scheduling transaction, so that what follows (updated
/// invitations, cancellations, promotions from the waitlist) commits or fails together with the change.
/// </summary>
public interface ISessionChangeObserver
{
    Task OnSessionChangedAsync(EventsDbContext db, Session session, bool cancelled, CancellationToken ct);

    /// <summary>After the change has committed: seats added by a higher capacity go to people waiting.</summary>
    Task PromoteAfterCapacityChangeAsync(int sessionId, CancellationToken ct);
}
