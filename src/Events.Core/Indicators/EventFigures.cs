using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Events.Core.Data;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Indicators;

/// <summary>
/// One event's share of a year's indicators, worked out from its registrations and attendance and stored, so that the year's
/// document is a sum over a few thousand of these instead of a pass over a million registrations (issue 11's benchmark).
/// Only what needs the large tables is kept here: registered, participants and their splits, and the people behind them
/// (as 64-bit keys of their normalized emails, for the distinct counts). Everything about the event itself (status, kind,
/// organization) and its sessions (held or not) is read live.
/// <para>
/// A row is used only while it is current: <see cref="Version"/> equals the event's <see cref="Event.FiguresVersion"/>, which
/// every change to the event's sessions, registrations or attendance raises in its own transaction (and deletes these rows:
/// <see cref="Touch"/>); and no session of the year has ended since it was computed (<see cref="ValidUntilUtc"/>), since
/// ending makes a session held. Anything else is recomputed from the rows, so a stale figure is never served.
/// </para>
/// </summary>
public sealed class EventFigures
{
    public int EventId { get; set; }
    public int Year { get; set; }

    /// <summary>The event's <see cref="Event.FiguresVersion"/> read before the rows these figures came from.</summary>
    public int Version { get; set; }
    public DateTime ComputedUtc { get; set; }

    /// <summary>The next end of a scheduled session of the year after <see cref="ComputedUtc"/>; null when none is left.</summary>
    public DateTime? ValidUntilUtc { get; set; }

    public int Registered { get; set; }
    public int Participants { get; set; }

    /// <summary>Sorted distinct keys of the participants' normalized emails (8 bytes each).</summary>
    public byte[] People { get; set; } = [];

    /// <summary>The same for the people marked Present or Late at a held session (trainees, when the event is a training or course).</summary>
    public byte[] MarkedPeople { get; set; } = [];

    /// <summary>The participants split four ways, and by the month of the first held session at which each counted (<see cref="ParticipantSplits.ToBytes"/>).</summary>
    public byte[] Splits { get; set; } = [];

    public bool IsCurrent(int version, DateTime nowUtc) =>
        Version == version && ComputedUtc <= nowUtc && (ValidUntilUtc is null || nowUtc < ValidUntilUtc) && ParticipantSplits.IsCurrentFormat(Splits);

    /// <summary>
    /// Marks the figures of these events stale, inside the caller's transaction: raises each event's version and deletes the
    /// stored rows (they hold keys derived from emails: an erasure must not leave them behind).
    /// </summary>
    public static void Touch(EventsDbContext db, IReadOnlyCollection<int> eventIds)
    {
        if (eventIds.Count == 0) return;
        db.Events.Where(e => eventIds.Contains(e.Id)).ExecuteUpdate(u => u.SetProperty(e => e.FiguresVersion, e => e.FiguresVersion + 1));
        db.EventFigures.Where(f => eventIds.Contains(f.EventId)).ExecuteDelete();
    }

    /// <inheritdoc cref="Touch"/>
    public static async Task TouchAsync(EventsDbContext db, IReadOnlyCollection<int> eventIds, CancellationToken ct)
    {
        if (eventIds.Count == 0) return;
        await db.Events.Where(e => eventIds.Contains(e.Id)).ExecuteUpdateAsync(u => u.SetProperty(e => e.FiguresVersion, e => e.FiguresVersion + 1), ct);
        await db.EventFigures.Where(f => eventIds.Contains(f.EventId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>The key of a normalized email: the first 8 bytes of its SHA-256 (a collision among a million people: about 1 in 36 million).</summary>
    public static long PersonKey(string normalizedEmail)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    internal static byte[] Pack(IEnumerable<long> keys)
    {
        var sorted = keys.Distinct().Order().ToArray();
        var bytes = new byte[sorted.Length * 8];
        for (var i = 0; i < sorted.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), sorted[i]);
        return bytes;
    }

    /// <summary>
    /// How many distinct people are in these packed key sets (each <see cref="Pack"/>ed), and which: copied into one array,
    /// sorted and deduplicated — for a year's few hundred thousand keys far cheaper than a hash set.
    /// </summary>
    internal static long[] DistinctKeys(IEnumerable<byte[]> packed)
    {
        var sets = packed as IReadOnlyCollection<byte[]> ?? packed.ToList();
        var all = new long[sets.Sum(b => b.Length / 8)];
        var at = 0;
        foreach (var bytes in sets)
            for (var i = 0; i + 8 <= bytes.Length; i += 8) all[at++] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i));
        return SortedDistinct(all);
    }

    /// <summary>The union of several sets of keys (each from <see cref="DistinctKeys(IEnumerable{byte[]})"/>).</summary>
    internal static long[] DistinctKeys(IEnumerable<long[]> sets) => SortedDistinct(sets.SelectMany(k => k).ToArray());

    private static long[] SortedDistinct(long[] keys)
    {
        Array.Sort(keys);
        var n = 0;
        for (var i = 0; i < keys.Length; i++)
            if (n == 0 || keys[i] != keys[n - 1]) keys[n++] = keys[i];
        return keys[..n];
    }
}

/// <summary>
/// The participants of one event in a year split four ways and by month; stored as <see cref="EventFigures.Splits"/> in a small
/// binary form (a year's document adds up a few thousand of them, and parsing JSON was a third of its time).
/// </summary>
public sealed record ParticipantSplits(Dictionary<string, int> Gender, Dictionary<string, int> AgeGroup, Dictionary<string, int> Country,
    Dictionary<string, int> HomeRegion, int[] ByMonth)
{
    /// <summary>Raised when the layout below changes: rows in an older layout are then worked out again.</summary>
    public const byte Format = 1;

    private static readonly string[] Regions = [.. Enum.GetNames<HomeRegion>(), "Unknown"];

    public static ParticipantSplits Empty() => new([], [], [], [], new int[12]);

    /// <summary>Format byte; counts by gender, age group, home region (in their fixed orders) and month; then each country as code and count.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(Format);
        foreach (var g in IndicatorService.Genders) w.Write(Gender.GetValueOrDefault(g));
        foreach (var a in IndicatorService.AgeGroups) w.Write(AgeGroup.GetValueOrDefault(a));
        foreach (var r in Regions) w.Write(HomeRegion.GetValueOrDefault(r));
        foreach (var m in ByMonth) w.Write(m);
        w.Write(Country.Count);
        foreach (var (code, n) in Country)
        {
            w.Write(code);
            w.Write(n);
        }
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>Adds splits stored by <see cref="ToBytes"/> to these; false when they are in another layout (the row is then stale).</summary>
    public bool AddFrom(byte[] stored)
    {
        if (stored.Length == 0 || stored[0] != Format) return false;
        var r = new BinaryReader(new MemoryStream(stored, 1, stored.Length - 1), Encoding.UTF8);
        foreach (var g in IndicatorService.Genders) Add(Gender, g, r.ReadInt32());
        foreach (var a in IndicatorService.AgeGroups) Add(AgeGroup, a, r.ReadInt32());
        foreach (var region in Regions) Add(HomeRegion, region, r.ReadInt32());
        for (var m = 0; m < 12; m++) ByMonth[m] += r.ReadInt32();
        for (var n = r.ReadInt32(); n > 0; n--) Add(Country, r.ReadString(), r.ReadInt32());
        return true;

        static void Add(Dictionary<string, int> into, string key, int n)
        {
            if (n != 0) into[key] = into.GetValueOrDefault(key) + n;
        }
    }

    public static bool IsCurrentFormat(byte[] stored) => stored.Length > 0 && stored[0] == Format;
}

/// <summary>A session of the year as the indicators need it (<see cref="LocalStart"/> in its own zone decides the year and month).</summary>
internal sealed record YearSession(int Id, int EventId, SessionStatus Status, SessionMode Mode, DateTime StartUtc, DateTime EndUtc, DateTime LocalStart);

/// <summary>An event with a session in the year.</summary>
internal sealed record YearEvent(int Id, EventKind Kind, bool InvestmentTopicOnAgenda, int FiguresVersion);

/// <summary>
/// A year's work as the document, the trend and the report read it: the sessions and events (small, read live) and each
/// event's figures (stored, worked out again where stale).
/// </summary>
internal sealed record YearFigures(IReadOnlyList<YearSession> Sessions, IReadOnlyDictionary<int, YearEvent> Events,
    IReadOnlyDictionary<int, EventFigures> Figures, DateTime NowUtc)
{
    /// <summary>Held: not cancelled, and ended.</summary>
    public IEnumerable<YearSession> Held => Sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc <= NowUtc);

    public EventKind KindOf(int eventId) => Events[eventId].Kind;

    /// <param name="events">The events that count (published or completed, in the reader's scope, of the kind asked for).</param>
    public static async Task<YearFigures> LoadAsync(EventsDbContext db, int year, IQueryable<Event> events, DateTime nowUtc, CancellationToken ct)
    {
        // The versions first, then the sessions and rows they vouch for: a change committed in between raises the version, so
        // what is worked out from newer rows under an older version is only worked out once more; never the other way round.
        var info = await EventsQuery(db, year, events).ToDictionaryAsync(e => e.Id, ct);
        var sessions = (await SessionsQuery(db, year, events).ToListAsync(ct)).Where(s => info.ContainsKey(s.EventId)).ToList();
        var figures = await EventFiguresStore.LoadAsync(db, year, info.ToDictionary(e => e.Key, e => e.Value.FiguresVersion), sessions, nowUtc, ct);
        return new YearFigures(sessions, info, figures, nowUtc);
    }

    /// <summary>The sessions of the year (by local start in their own zone) of these events.</summary>
    internal static IQueryable<YearSession> SessionsQuery(EventsDbContext db, int year, IQueryable<Event> events)
    {
        var from = new DateTime(year, 1, 1);
        var to = from.AddYears(1);
        return db.Sessions.Where(s => s.Start >= from && s.Start < to && events.Any(e => e.Id == s.EventId))
            .Select(s => new YearSession(s.Id, s.EventId, s.Status, s.Mode, s.StartUtc, s.EndUtc, s.Start));
    }

    /// <summary>These events that have a session in the year, with their figures' versions.</summary>
    internal static IQueryable<YearEvent> EventsQuery(EventsDbContext db, int year, IQueryable<Event> events)
    {
        var from = new DateTime(year, 1, 1);
        var to = from.AddYears(1);
        return events.Where(e => db.Sessions.Any(s => s.EventId == e.Id && s.Start >= from && s.Start < to))
            .Select(e => new YearEvent(e.Id, e.Kind, e.InvestmentTopicOnAgenda, e.FiguresVersion));
    }
}

/// <summary>
/// Reads the stored figures of a year's events, and works out (and stores) those that are missing or stale, with the
/// meanings of <see cref="IndicatorService"/>: registered = confirmed registrations of the year's sessions; a participant = a
/// registration checked in at a held session of the year (its own) or marked Present/Late at one.
/// </summary>
internal static class EventFiguresStore
{
    /// <summary>Above this many events to work out, the large tables are read whole rather than through an id list.</summary>
    private const int ReadWholeAbove = 300;

    public static async Task<Dictionary<int, EventFigures>> LoadAsync(EventsDbContext db, int year, IReadOnlyDictionary<int, int> versions,
        IReadOnlyCollection<YearSession> yearSessions, DateTime nowUtc, CancellationToken ct)
    {
        var ids = versions.Keys.ToList();
        var stored = ids.Count == 0 ? [] : await StoredQuery(db, year, ids).ToListAsync(ct);
        var result = stored.Where(f => f.IsCurrent(versions[f.EventId], nowUtc)).ToDictionary(f => f.EventId);
        var stale = ids.Where(id => !result.ContainsKey(id)).ToList();
        if (stale.Count == 0) return result;

        // One reader at a time works figures out (after an upgrade that is every event: seconds of reading at scale); the
        // others wait, then find most of them stored.
        await Working.WaitAsync(ct);
        try
        {
            foreach (var f in await StoredQuery(db, year, stale).ToListAsync(ct))
                if (f.IsCurrent(versions[f.EventId], nowUtc)) result[f.EventId] = f;
            var left = stale.Where(id => !result.ContainsKey(id)).ToHashSet();
            if (left.Count == 0) return result;
            var computed = await ComputeAsync(db, year, left, versions, yearSessions.Where(s => left.Contains(s.EventId)).ToList(), nowUtc, ct);
            foreach (var f in computed) result[f.EventId] = f;
            await SaveAsync(db, year, computed, ct);
            return result;
        }
        finally
        {
            Working.Release();
        }
    }

    private static readonly SemaphoreSlim Working = new(1, 1);

    internal static IQueryable<EventFigures> StoredQuery(EventsDbContext db, int year, List<int> ids) =>
        db.EventFigures.AsNoTracking().Where(f => f.Year == year && EF.Parameter(ids).Contains(f.EventId));

    /// <summary>Confirmed registrations by session.</summary>
    internal static IQueryable<SessionCount> RegisteredQuery(IQueryable<Registration.Registration> registrations) =>
        registrations.Where(r => r.Status == RegistrationStatus.Confirmed).GroupBy(r => r.SessionId).Select(g => new SessionCount(g.Key, g.Count()));

    /// <summary>Marks that count (Present, Late).</summary>
    internal static IQueryable<Mark> MarksQuery(IQueryable<AttendanceRecord> attendance) =>
        attendance.Where(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late).Select(a => new Mark(a.RegistrationId, a.SessionId));

    internal static IQueryable<Person> CheckedInQuery(IQueryable<Registration.Registration> registrations) =>
        registrations.Where(r => r.CheckedInUtc != null)
            .Select(r => new Person(r.Id, r.EventId, r.SessionId, true, r.NormalizedEmail, r.Gender, r.BirthYear, r.CountryCode, r.HomeRegion));

    internal static IQueryable<Person> PeopleQuery(EventsDbContext db, List<int> registrationIds) =>
        db.Registrations.Where(r => EF.Parameter(registrationIds).Contains(r.Id))
            .Select(r => new Person(r.Id, r.EventId, r.SessionId, false, r.NormalizedEmail, r.Gender, r.BirthYear, r.CountryCode, r.HomeRegion));

    internal sealed record SessionCount(int SessionId, int Count);

    internal sealed record Mark(int RegistrationId, int SessionId);

    internal sealed record Person(int Id, int EventId, int SessionId, bool CheckedIn, string Email, Gender? Gender, int? BirthYear, string Country, HomeRegion? Region);

    private static async Task<List<EventFigures>> ComputeAsync(EventsDbContext db, int year, HashSet<int> eventIds, IReadOnlyDictionary<int, int> versions,
        List<YearSession> sessions, DateTime nowUtc, CancellationToken ct)
    {
        var whole = eventIds.Count > ReadWholeAbove;
        var idList = eventIds.ToList();
        var registrations = whole ? db.Registrations : db.Registrations.Where(r => EF.Parameter(idList).Contains(r.EventId));
        var attendance = whole ? db.Attendance : db.Attendance.Where(a => EF.Parameter(idList).Contains(a.EventId));

        var yearSession = sessions.ToDictionary(s => s.Id);
        var held = sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc <= nowUtc).ToDictionary(s => s.Id);

        // Registered: confirmed, by session (the session index covers it), kept when the session is one of the year's.
        var bySession = await RegisteredQuery(registrations).ToListAsync(ct);
        var registered = bySession.Where(x => yearSession.ContainsKey(x.SessionId)).GroupBy(x => yearSession[x.SessionId].EventId)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));

        // Marks that count, at the year's held sessions; then the people: checked in, or marked.
        var marks = (await MarksQuery(attendance).ToListAsync(ct)).Where(a => held.ContainsKey(a.SessionId)).ToList();
        var people = await CheckedInQuery(registrations).ToListAsync(ct);
        var known = people.Select(p => p.Id).ToHashSet();
        var markedOnly = marks.Select(m => m.RegistrationId).Where(id => !known.Contains(id)).Distinct().ToList();
        foreach (var chunk in markedOnly.Chunk(50_000))
        {
            people.AddRange(await PeopleQuery(db, chunk.ToList()).ToListAsync(ct));
        }
        var marksOf = marks.ToLookup(m => m.RegistrationId, m => m.SessionId);

        var figures = eventIds.ToDictionary(id => id, id => new Builder());
        var keys = new Dictionary<string, long>(StringComparer.Ordinal); // people come to several events: hash each email once
        foreach (var p in people)
        {
            // The first held session of the year at which this registration counted (marks are held ones already).
            YearSession? first = null;
            var marked = false;
            foreach (var sessionId in marksOf[p.Id])
            {
                marked = true;
                first = Earlier(first, held[sessionId]);
            }
            if (p.CheckedIn && held.TryGetValue(p.SessionId, out var own)) first = Earlier(first, own);
            if (first is null || !figures.TryGetValue(first.EventId, out var f)) continue; // its sessions are its event's
            if (!keys.TryGetValue(p.Email, out var key)) keys[p.Email] = key = EventFigures.PersonKey(p.Email);
            f.Participants++;
            f.People.Add(key);
            if (marked) f.Marked.Add(key);
            Add(f.Splits.Gender, p.Gender?.ToString() ?? "Undisclosed");
            Add(f.Splits.AgeGroup, IndicatorService.AgeGroupOf(year, p.BirthYear));
            Add(f.Splits.Country, p.Country);
            Add(f.Splits.HomeRegion, p.Region?.ToString() ?? "Unknown");
            f.Splits.ByMonth[first.LocalStart.Month - 1]++;
        }

        var nextEnd = sessions.Where(s => s.Status == SessionStatus.Scheduled && s.EndUtc > nowUtc).GroupBy(s => s.EventId)
            .ToDictionary(g => g.Key, g => g.Min(s => s.EndUtc));
        return figures.Select(x => new EventFigures
        {
            EventId = x.Key, Year = year, Version = versions[x.Key], ComputedUtc = nowUtc,
            ValidUntilUtc = nextEnd.TryGetValue(x.Key, out var until) ? until : null,
            Registered = registered.GetValueOrDefault(x.Key), Participants = x.Value.Participants,
            People = EventFigures.Pack(x.Value.People), MarkedPeople = EventFigures.Pack(x.Value.Marked), Splits = x.Value.Splits.ToBytes(),
        }).ToList();

        static void Add(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        static YearSession Earlier(YearSession? a, YearSession b) => a is null || (b.StartUtc, b.Id).CompareTo((a.StartUtc, a.Id)) < 0 ? b : a;
    }

    private sealed class Builder
    {
        public int Participants;
        public readonly List<long> People = [];
        public readonly List<long> Marked = [];
        public readonly ParticipantSplits Splits = ParticipantSplits.Empty();
    }

    /// <summary>
    /// Stores what was worked out, replacing older rows. Best effort: when another reader stored the same rows meanwhile, or a
    /// change touched the event (its rows are then stale by version anyway), nothing is lost by not storing.
    /// </summary>
    private static async Task SaveAsync(EventsDbContext db, int year, List<EventFigures> computed, CancellationToken ct)
    {
        var ids = computed.Select(f => f.EventId).ToList();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The events' rows first, as a change does (Touch): the same lock order on SQL Server, and the versions read here
            // cannot move before the commit. Rows whose event changed since they were worked out are not stored: they would
            // be stale, and after an erasure they would carry the erased person's key.
            var events = db.Events.Where(e => EF.Parameter(ids).Contains(e.Id));
            await events.ExecuteUpdateAsync(u => u.SetProperty(e => e.FiguresVersion, e => e.FiguresVersion), ct);
            var current = await events.Select(e => new { e.Id, e.FiguresVersion }).ToDictionaryAsync(e => e.Id, e => e.FiguresVersion, ct);
            await db.EventFigures.Where(f => f.Year == year && EF.Parameter(ids).Contains(f.EventId)).ExecuteDeleteAsync(ct);
            db.EventFigures.AddRange(computed.Where(f => current.TryGetValue(f.EventId, out var v) && v == f.Version));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // Another reader stored them, or a deadlock victim: the figures returned are right; only the storing is skipped.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
