using System.Diagnostics;
using System.Globalization;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Indicators;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Training;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 11: with 1,000,000 registrations, 300,000 attendance records and 5,000 sessions (a real SQLite file), the full
/// indicator set of a year through <see cref="IndicatorService.ComputeAsync"/>, against a single <c>COUNT(*)</c> over the
/// registrations table in the same run. Aim: p50 under 20 × the baseline's p50.
/// </summary>
static class IndicatorBenchmarks
{
    private const double Aim = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (registrations, attendance, sessions, runs) = (Arg(0, 1_000_000), Arg(1, 300_000), Arg(2, 5_000), Arg(3, 7));
        // EVENTS_BENCH_KEEP=<folder> keeps the seeded file there and reuses it on the next run (seeding a million rows takes minutes).
        var kept = Environment.GetEnvironmentVariable("EVENTS_BENCH_KEEP");
        var folder = kept ?? Path.Combine(Path.GetTempPath(), "events-bench", Guid.NewGuid().ToString("N"));
        var reuse = kept is not null && File.Exists(Path.Combine(folder, "events.db"));
        Directory.CreateDirectory(folder);
        try
        {
            var seeding = Stopwatch.StartNew();
            var services = await Bench.CoreAsync(Path.Combine(folder, "events.db"), folder, new());
            if (reuse) Console.WriteLine($"reusing the file seeded before in {folder}");
            else await SeedAsync(services, registrations, attendance, sessions);
            Console.WriteLine($"seeded {registrations:N0} registrations, {attendance:N0} attendance records, {sessions:N0} sessions in {seeding.Elapsed.TotalSeconds:F1} s");

            var indicators = services.GetRequiredService<IndicatorService>();
            var factory = services.GetRequiredService<IDbContextFactory<EventsDbContext>>();
            var admin = new Actor("bench", IsAdministrator: true);
            async Task<int> Baseline()
            {
                await using var db = await factory.CreateDbContextAsync();
                return await db.Registrations.CountAsync();
            }

            // Cold: no stored figures (as after the upgrade that adds them, or the first read of a year): every event worked out.
            await using (var db = await factory.CreateDbContextAsync()) await db.EventFigures.ExecuteDeleteAsync();
            var (coldMs, coldCpu) = await MeasureAsync(() => indicators.ComputeAsync(admin, 2026, null));
            var document = await indicators.ComputeAsync(admin, 2026, null);
            Console.WriteLine($"indicators: meetings held {document.Totals.MeetingsHeld:N0}, sessions held {document.Totals.SessionsHeld:N0}, registered " +
                              $"{document.Totals.Registered:N0}, participants {document.Totals.Participants:N0}, unique {document.Totals.UniqueParticipants:N0}, " +
                              $"trainees {document.Totals.Trainees:N0}; COUNT(*) = {await Baseline():N0}");

            // Timed: the document as a reader gets it, and the same right after a change to one event (a check-in, a mark):
            // that event's figures are worked out again from its rows, the others' read as stored.
            var eventIds = await (await factory.CreateDbContextAsync()).Events.Select(e => e.Id).ToListAsync();
            var random = new Random(7);
            var serviceMs = new List<double>();
            var changedMs = new List<double>();
            var baselineMs = new List<double>();
            double serviceCpu = 0, changedCpu = 0, baselineCpu = 0;
            for (var i = 0; i < runs; i++)
            {
                var (wall, cpu) = await MeasureAsync(() => indicators.ComputeAsync(admin, 2026, null));
                serviceMs.Add(wall);
                serviceCpu += cpu;
                (wall, cpu) = await MeasureAsync(Baseline);
                baselineMs.Add(wall);
                baselineCpu += cpu;
                await using (var db = await factory.CreateDbContextAsync())
                    await EventFigures.TouchAsync(db, [eventIds[random.Next(eventIds.Count)]], default);
                (wall, cpu) = await MeasureAsync(() => indicators.ComputeAsync(admin, 2026, null));
                changedMs.Add(wall);
                changedCpu += cpu;
            }
            var (s50, b50, c50) = (Bench.Percentile(serviceMs, 50), Bench.Percentile(baselineMs, 50), Bench.Percentile(changedMs, 50));
            var ratio = s50 / b50;
            Console.WriteLine();
            Console.WriteLine("| measure | p50 ms | min ms | CPU ms per call (user + system) | p50 ÷ baseline |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine($"| SELECT COUNT(*) FROM Registrations (baseline) | {b50:F1} | {baselineMs.Min():F1} | {baselineCpu / runs:F1} | 1 |");
            Console.WriteLine($"| IndicatorService.ComputeAsync, year 2026, whole plan | {s50:F1} | {serviceMs.Min():F1} | {serviceCpu / runs:F1} | {ratio:F1}× |");
            Console.WriteLine($"| the same after a change to one event | {c50:F1} | {changedMs.Min():F1} | {changedCpu / runs:F1} | {c50 / b50:F1}× |");
            Console.WriteLine($"| the same with no stored figures (cold, once) | {coldMs:F0} | | {coldCpu:F0} | {coldMs / b50:F0}× |");
            Console.WriteLine();
            Console.WriteLine($"ratio p50 ÷ baseline p50: {ratio:F1}× (aim < {Aim:F0}×: {(ratio < Aim ? "met" : "NOT met")}); after a change {c50 / b50:F1}× " +
                              $"({(c50 / b50 < Aim ? "met" : "NOT met")}); CPU ratio {serviceCpu / baselineCpu:F1}×");
            Console.WriteLine($"service ms, in order: {string.Join(" ", serviceMs.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"after a change ms, in order: {string.Join(" ", changedMs.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"baseline ms, in order: {string.Join(" ", baselineMs.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"{runs} timed calls each after one warm-up, interleaved; {Environment.ProcessorCount} cores; " +
                              $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (kept is null) try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static async Task<(double Wall, double Cpu)> MeasureAsync<T>(Func<Task<T>> call)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        GC.KeepAlive(await call());
        return (sw.Elapsed.TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }

    /// <summary>
    /// A year as the plan runs it, at scale: events of every kind with two sessions each from January to November 2026
    /// (held), a few in December (ahead) and some cancelled; registrations spread over them with the audience's countries,
    /// genders, ages and regions, a third checked in; attendance marks on the sessions of trainings and courses.
    /// </summary>
    private static async Task SeedAsync(ServiceProvider services, int registrationCount, int attendanceCount, int sessionCount)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EventsDbContext>>();
        var random = new Random(11);
        var organizations = await (await factory.CreateDbContextAsync()).Organizations.Select(o => o.Id).ToListAsync();
        var kinds = Enum.GetValues<EventKind>();
        var created = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var allSessions = new List<(int Id, int EventId, EventKind Kind)>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < sessionCount / 2; i++)
            {
                var kind = kinds[i % kinds.Length];
                var e = new Event { OrganizationId = organizations[random.Next(organizations.Count)], Kind = kind, Title = $"{kind} {i}", CreatedUtc = created, UpdatedUtc = created,
                    InvestmentTopicOnAgenda = kind == EventKind.Forum && i % 2 == 0 };
                var day = new DateTime(2026, 1, 1).AddDays(random.Next(0, 360)).AddHours(10 + random.Next(0, 9));
                for (var s = 0; s < 2; s++)
                    e.Sessions.Add(Session.Create(new SessionInput(null, day.AddDays(7 * s), s == 0 ? "Asia/Bishkek" : "Europe/Moscow", 90,
                        s == 0 ? SessionMode.Online : SessionMode.Offline, "https://zoom.us/j/1", "Зал"), created, null));
                e.Publish(created);
                if (i % 50 == 0) e.Sessions[1].Cancel(created, null, null);
                db.Events.Add(e);
                if (i % 500 == 499) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
            await db.SaveChangesAsync();
        }
        await using (var db = await factory.CreateDbContextAsync())
            allSessions = (await db.Sessions.Join(db.Events, s => s.EventId, e => e.Id, (s, e) => new { s.Id, s.EventId, e.Kind }).ToListAsync())
                .Select(x => (x.Id, x.EventId, x.Kind)).ToList();

        var countries = new[] { "RU", "RU", "RU", "KZ", "TR", "US", "KR", "DE", "AE", "GB" };
        var regions = Enum.GetValues<HomeRegion>();
        var genders = Enum.GetValues<Gender>();
        var programIds = new List<(int RegistrationId, int EventId)>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            using (var inserter = new RowInserter<Registration>(db))
            {
                for (var i = 0; i < registrationCount; i++)
                {
                    var s = allSessions[random.Next(allSessions.Count)];
                    var email = $"person{random.Next(registrationCount / 3)}@bench.kg"; // people come to about three events each
                    var r = new Registration
                    {
                        EventId = s.EventId, SessionId = s.Id, FullName = "Person", Email = email, NormalizedEmail = email, ActiveEmailKey = null,
                        CountryCode = countries[random.Next(countries.Length)], HomeRegion = random.Next(5) == 0 ? null : regions[random.Next(regions.Length)],
                        Gender = random.Next(8) == 0 ? null : genders[random.Next(genders.Length)], BirthYear = random.Next(6) == 0 ? null : 1950 + random.Next(55),
                        Language = "ky", ConsentUtc = created, CreatedUtc = created, UpdatedUtc = created,
                        Status = random.Next(10) == 0 ? RegistrationStatus.Cancelled : RegistrationStatus.Confirmed,
                        CheckedInUtc = random.Next(3) == 0 ? created : null, ManageTokenHash = i.ToString("x8", CultureInfo.InvariantCulture), ManageTokenSealed = "",
                        CheckInCode = i.ToString("x10", CultureInfo.InvariantCulture),
                    };
                    inserter.Insert(r);
                    if (EventKindRules.EnrolsInWholeEvent(s.Kind) && programIds.Count < attendanceCount) programIds.Add((r.Id, s.EventId));
                }
            }
            await tx.CommitAsync();
        }
        var sessionsOf = allSessions.GroupBy(s => s.EventId).ToDictionary(g => g.Key, g => g.Select(s => s.Id).ToList());
        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            using (var inserter = new RowInserter<AttendanceRecord>(db))
            {
                var written = 0;
                foreach (var (registrationId, eventId) in programIds)
                {
                    foreach (var sessionId in sessionsOf[eventId])
                    {
                        if (written++ >= attendanceCount) break;
                        var record = AttendanceRecord.New(eventId, sessionId, registrationId);
                        record.Mark(random.Next(10) < 7 ? AttendanceStatus.Present : random.Next(2) == 0 ? AttendanceStatus.Late : AttendanceStatus.Absent,
                            null, null, AttendanceSource.Roster, null, created, isNew: true);
                        inserter.Insert(record);
                    }
                }
            }
            await tx.CommitAsync();
        }
        await using (var db = await factory.CreateDbContextAsync()) await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
