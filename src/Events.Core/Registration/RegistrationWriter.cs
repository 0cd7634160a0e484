using System.Collections.Concurrent;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Events.Core.Registration;

/// <summary>A new registration on its way to the database, with what its emails need.</summary>
public sealed class PendingRegistration(Registration registration, bool requiresApproval, int sequence,
    OutboxMessage? early, Func<MessageKind, int?, OutboxMessage> compose)
{
    public Registration Registration { get; } = registration;
    public bool RequiresApproval { get; } = requiresApproval;
    public int Sequence { get; } = sequence;
    internal int? Position { get; set; }
    internal TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The email of the outcome: the one composed before the write when it guessed right, else composed now.</summary>
    internal OutboxMessage Message()
    {
        var kind = Registration.Status switch
        {
            RegistrationStatus.Confirmed => MessageKind.Invitation,
            RegistrationStatus.Pending => MessageKind.Pending,
            _ => MessageKind.Waitlisted,
        };
        var message = early is not null && early.Kind == kind.ToString() ? early : compose(kind, Position);
        message.Id = 0; // a new row, also when a refused batch is written again
        message.RegistrationId = Registration.Id;
        return message;
    }
}

/// <summary>
/// Writes new registrations in groups ("group commit"). Requests queue here and one loop writes all
/// that are waiting in a single transaction: one durable commit for many people instead of one each,
/// and no request sleeping in SQLite's busy handler while another holds the write lock. Capacity is
/// still enforced by the database: seats are taken by one conditional UPDATE per session and batch,
/// which changes nothing when another instance took the seats first; the batch is then written again
/// one registration at a time, as is any batch the database refuses (e.g. a duplicate email that another
/// instance inserted meanwhile).
/// </summary>
public sealed class RegistrationWriter : IHostedService, IDisposable
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private readonly BlockingCollection<PendingRegistration> _queue;
    private readonly IDbContextFactory<EventsDbContext> _dbFactory;
    private readonly ILogger<RegistrationWriter> _log;
    private readonly Lock _startLock = new();
    private Thread? _loop;

    /// <summary>Tests inject a fault here: called inside a batch's transaction, just before it commits.</summary>
    internal Action<IReadOnlyList<PendingRegistration>>? BeforeBatchCommit { get; set; }

    /// <summary>Tests queue requests before the loop runs, so that they form one batch.</summary>
    internal bool StartOnFirstWrite { get; set; } = true;

    internal int QueuedCount => _queue.Count;

    public RegistrationWriter(IDbContextFactory<EventsDbContext> dbFactory, ILogger<RegistrationWriter> log, RegistrationWriterSettings settings)
    {
        (_dbFactory, _log) = (dbFactory, log);
        // Bounded: under a flood, a request is refused at once (503, Retry-After) instead of waiting in an ever longer queue.
        _queue = new BlockingCollection<PendingRegistration>(Math.Max(1, settings.QueueCapacity));
    }

    /// <summary>Queues the registration and waits until it is committed; returns the waitlist position, if any.</summary>
    public Task<int?> WriteAsync(PendingRegistration pending)
    {
        if (StartOnFirstWrite) EnsureStarted();
        bool added;
        try
        {
            added = _queue.TryAdd(pending);
        }
        catch (InvalidOperationException)
        {
            added = false; // stopping: no new registrations
        }
        if (!added) throw new ServiceBusyException(RetryAfter);
        return pending.Done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    private void EnsureStarted()
    {
        lock (_startLock)
        {
            if (_loop is not null) return;
            // A thread of its own, with synchronous database calls (SQLite's are synchronous underneath anyway): under load the
            // loop does not wait behind request work in the thread pool's queue at every await, which made each batch slow.
            _loop = new Thread(Loop) { IsBackground = true, Name = "registration-writer" };
            _loop.Start();
        }
    }

    /// <summary>
    /// Stops taking registrations, writes those already queued while the host allows, and answers any still
    /// waiting after that with "busy, try again" rather than leaving them without an answer. Called by the host
    /// and by <see cref="Dispose"/>; both wait for the same stop.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task stopping;
        lock (_startLock) stopping = _stopping ??= StopOnceAsync(cancellationToken);
        try
        {
            await stopping.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped waiting; what is still queued is answered when the stop finishes.
        }
    }

    private Task? _stopping;

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        _queue.CompleteAdding();
        EnsureStarted();
        var loop = _loop!;
        var finished = Task.Run(() => loop.Join(Timeout.Infinite), CancellationToken.None);
        await Task.WhenAny(finished, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        while (_queue.TryTake(out var left)) left.Done.TrySetException(new ServiceBusyException(RetryAfter));
    }

    private void Loop()
    {
        var batch = new List<PendingRegistration>(MaxBatch);
        while (TryTakeNext(out var first))
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next)) batch.Add(next);
            try
            {
                WriteBatch(batch);
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "A batch of {Count} registrations was refused; writing them one by one.", batch.Count);
                foreach (var p in batch.Where(p => !p.Done.Task.IsCompleted)) WriteOne(p);
            }
            // Nothing may leave a request waiting forever, whatever went wrong above.
            foreach (var p in batch) p.Done.TrySetException(new ServiceBusyException(RetryAfter));
        }
    }

    private bool TryTakeNext(out PendingRegistration next)
    {
        try
        {
            return _queue.TryTake(out next!, Timeout.Infinite);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            next = null!;
            return false;
        }
    }

    private sealed record SessionSeats(int Id, int? Capacity, int ConfirmedCount, int WaitlistedCount, SessionStatus Status, int Sequence);
    private sealed record ActiveKey(int EventId, string? ActiveEmailKey);

    // Compiled: translating these LINQ queries for every batch cost more than running them.
    private static readonly Func<EventsDbContext, List<int>, IEnumerable<SessionSeats>> SessionsQuery = EF.CompileQuery((EventsDbContext db, List<int> ids) =>
        db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new SessionSeats(s.Id, s.Capacity, s.ConfirmedCount, s.WaitlistedCount, s.Status, s.Sequence)));

    private static readonly Func<EventsDbContext, List<int>, List<string>, IEnumerable<ActiveKey>> ActiveQuery = EF.CompileQuery(
        (EventsDbContext db, List<int> eventIds, List<string> keys) =>
            db.Registrations.Where(r => eventIds.Contains(r.EventId) && keys.Contains(r.ActiveEmailKey!)).Select(r => new ActiveKey(r.EventId, r.ActiveEmailKey)));

    private void WriteBatch(List<PendingRegistration> batch)
    {
        using var db = _dbFactory.CreateDbContext();
        using var tx = db.Database.BeginTransaction();
        var sessionIds = batch.Select(p => p.Registration.SessionId).Distinct().ToList();
        var sessions = SessionsQuery(db, sessionIds).ToDictionary(s => s.Id);
        var eventIds = batch.Select(p => p.Registration.EventId).Distinct().ToList();
        var keys = batch.Select(p => p.Registration.ActiveEmailKey!).Distinct().ToList();
        var active = ActiveQuery(db, eventIds, keys).Select(r => (r.EventId, r.ActiveEmailKey!)).ToHashSet();

        var seatsLeft = sessions.Values.ToDictionary(s => s.Id, s => s.Capacity is { } c ? Math.Max(0, c - s.ConfirmedCount) : int.MaxValue);
        var confirmed = new Dictionary<int, int>();
        var waiting = new Dictionary<int, int>();
        var accepted = new List<PendingRegistration>();
        foreach (var p in batch)
        {
            var r = p.Registration;
            if (!sessions.TryGetValue(r.SessionId, out var session)) { p.Done.TrySetException(new NotFoundException("session")); continue; }
            if (session.Status == SessionStatus.Cancelled) { p.Done.TrySetException(new RuleViolationException("Rule_SessionCancelled")); continue; }
            // Rescheduled since the request read it: its invitation would carry the old time, so the request starts over.
            if (session.Sequence != p.Sequence) { p.Done.TrySetException(new StaleSessionException()); continue; }
            if (!active.Add((r.EventId, r.ActiveEmailKey!))) { p.Done.TrySetException(new ConflictException("Conflict_AlreadyRegistered")); continue; }
            if (p.RequiresApproval) r.Status = RegistrationStatus.Pending;
            else if (seatsLeft[r.SessionId] > 0)
            {
                seatsLeft[r.SessionId]--;
                confirmed[r.SessionId] = confirmed.GetValueOrDefault(r.SessionId) + 1;
                r.Status = RegistrationStatus.Confirmed;
                r.LastSequenceSent = p.Sequence;
            }
            else
            {
                waiting[r.SessionId] = waiting.GetValueOrDefault(r.SessionId) + 1;
                r.Status = RegistrationStatus.Waitlisted;
            }
            accepted.Add(p);
        }
        if (accepted.Count == 0) return;

        foreach (var (sessionId, n) in confirmed)
        {
            // Conditional: when seats went elsewhere since the read (another instance), nothing changes and the batch is redone singly.
            if (!Seats.TryTake(db, sessionId, n)) throw new DbUpdateConcurrencyException("Seats were taken meanwhile.");
        }
        foreach (var (sessionId, n) in waiting) Seats.JoinWaitlist(db, sessionId, n);
        using (var registrations = new RowInserter<Registration>(db))
            foreach (var p in accepted) registrations.Insert(p.Registration);
        foreach (var group in accepted.Where(p => p.Registration.Status == RegistrationStatus.Waitlisted).GroupBy(p => p.Registration.SessionId))
        {
            var positions = Seats.Positions(db, group.Key, group.Select(p => p.Registration.Id).ToList());
            foreach (var p in group) p.Position = positions[p.Registration.Id];
        }
        // Emails the request could not compose ahead (a waitlist position is known only here).
        var msgs = new OutboxMessage[accepted.Count];
        for (var i = 0; i < accepted.Count; i++) msgs[i] = accepted[i].Message();
        using (var outbox = new RowInserter<OutboxMessage>(db))
            foreach (var m in msgs) outbox.Insert(m);
        // Rows inserted here bypass SaveChanges: the events' stored indicator figures are marked stale by hand.
        Indicators.EventFigures.Touch(db, accepted.Select(p => p.Registration.EventId).Distinct().ToList());
        BeforeBatchCommit?.Invoke(accepted);
        tx.Commit();
        foreach (var p in accepted) p.Done.TrySetResult(p.Position);
    }

    /// <summary>One registration in its own transaction, seat by seat (the path of a refused batch).</summary>
    private void WriteOne(PendingRegistration p)
    {
        var r = p.Registration;
        r.Id = 0;
        p.Position = null;
        try
        {
            using var db = _dbFactory.CreateDbContext();
            using var tx = db.Database.BeginTransaction();
            if (db.Registrations.Any(x => x.EventId == r.EventId && x.ActiveEmailKey == r.ActiveEmailKey))
                throw new ConflictException("Conflict_AlreadyRegistered");
            var session = db.Sessions.AsNoTracking().FirstOrDefault(s => s.Id == r.SessionId) ?? throw new NotFoundException("session");
            if (session.Status == SessionStatus.Cancelled) throw new RuleViolationException("Rule_SessionCancelled");
            if (session.Sequence != p.Sequence) throw new StaleSessionException();
            if (p.RequiresApproval) r.Status = RegistrationStatus.Pending;
            else if (Seats.TryTake(db, r.SessionId))
            {
                r.Status = RegistrationStatus.Confirmed;
                r.LastSequenceSent = p.Sequence;
            }
            else
            {
                r.Status = RegistrationStatus.Waitlisted;
                r.LastSequenceSent = -1;
                Seats.JoinWaitlist(db, r.SessionId);
            }
            db.Registrations.Add(r);
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException e) when (Seats.IsUniqueViolation(e))
            {
                throw new ConflictException("Conflict_AlreadyRegistered");
            }
            if (r.Status == RegistrationStatus.Waitlisted) p.Position = Seats.Positions(db, r.SessionId, [r.Id])[r.Id];
            db.Outbox.Add(p.Message());
            db.SaveChanges();
            tx.Commit();
            p.Done.TrySetResult(p.Position);
        }
        catch (Exception e)
        {
            p.Done.TrySetException(e);
        }
    }

    /// <summary>Without a host (tools, tests): stops like <see cref="StopAsync"/>, waiting at most 30 seconds.</summary>
    public void Dispose()
    {
        // The container disposes this once as itself and once as the hosted service it also is.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        StopAsync(timeout.Token).GetAwaiter().GetResult();
        // Not disposed while the loop may still use it (a stop that timed out while a batch was being written):
        // then the queue goes with the process.
        if (_loop is null || !_loop.IsAlive) _queue.Dispose();
    }

    private int _disposed;
}

/// <summary>The <c>Registration</c> section: how many new registrations may wait for the writer before requests are refused (503).</summary>
public sealed class RegistrationWriterSettings
{
    public int QueueCapacity { get; set; } = 5000;
}

/// <summary>The session changed between the request's read and the write; the request reads it again.</summary>
public sealed class StaleSessionException() : Exception("The session changed while registering.");
