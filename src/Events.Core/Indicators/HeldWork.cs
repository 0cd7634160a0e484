using Events.Core.Data;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;

namespace Events.Core.Indicators;

/// <summary>
/// The year's held work as queries, with the meanings of <see cref="IndicatorService"/> (a session belongs to the year of its local
/// start; held = not cancelled and ended, of a published or completed event; a participant = a registration checked in at its held
/// session, or marked Present/Late at any held session of the year). The drill-down and the monthly trend build on these, so that
/// their rows and sums are the document's numbers; the Core tests compare them with <see cref="IndicatorService.ComputeAsync"/>.
/// </summary>
internal sealed class HeldWork
{
    private readonly EventsDbContext _db;

    public HeldWork(EventsDbContext db, int year, IReadOnlyCollection<int>? scope, EventKind? kind, DateTime nowUtc)
    {
        _db = db;
        var from = new DateTime(year, 1, 1);
        var to = from.AddYears(1);
        var events = db.Events.Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Completed);
        if (scope is not null) events = events.Where(e => scope.Contains(e.OrganizationId));
        if (kind is { } k) events = events.Where(e => e.Kind == k);
        Events = events;
        Held = db.Sessions.Where(s => s.Start >= from && s.Start < to && events.Any(e => e.Id == s.EventId)
                                      && s.Status == SessionStatus.Scheduled && s.EndUtc <= nowUtc);
        var held = Held;
        Participants = db.Registrations.Where(r =>
            (r.CheckedInUtc != null && held.Any(s => s.Id == r.SessionId))
            || db.Attendance.Any(a => a.RegistrationId == r.Id && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)
                                      && held.Any(s => s.Id == a.SessionId)));
    }

    public IQueryable<Event> Events { get; }

    /// <summary>The held sessions of the year.</summary>
    public IQueryable<Session> Held { get; }

    /// <summary>The registrations behind <c>participants</c>: each counted once, however many sessions it attended.</summary>
    public IQueryable<Registration.Registration> Participants { get; }

    /// <summary>
    /// Each participant with the first held session of the year at which they counted (by UTC start) and that session's local
    /// start: what the drill-down shows and the month the trend puts them in. Composable: filter and order on its members.
    /// </summary>
    public IQueryable<CountedRegistration> Counted()
    {
        var held = Held;
        var attendance = _db.Attendance;
        return Participants.Select(r => new CountedRegistration
        {
            Registration = r,
            FirstSessionId = held.Where(s => (r.CheckedInUtc != null && s.Id == r.SessionId)
                                             || attendance.Any(a => a.RegistrationId == r.Id && a.SessionId == s.Id
                                                                    && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late)))
                .OrderBy(s => s.StartUtc).ThenBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefault(),
        }).Select(x => new CountedRegistration
        {
            Registration = x.Registration,
            FirstSessionId = x.FirstSessionId,
            FirstLocalStart = held.Where(s => s.Id == x.FirstSessionId).Select(s => (DateTime?)s.Start).FirstOrDefault(),
            FirstStartUtc = held.Where(s => s.Id == x.FirstSessionId).Select(s => (DateTime?)s.StartUtc).FirstOrDefault(),
        });
    }
}

/// <summary>A registration behind <c>participants</c> and the first held session at which it counted.</summary>
internal sealed class CountedRegistration
{
    public required Registration.Registration Registration { get; init; }
    public int? FirstSessionId { get; init; }
    public DateTime? FirstLocalStart { get; init; }
    public DateTime? FirstStartUtc { get; init; }
}
