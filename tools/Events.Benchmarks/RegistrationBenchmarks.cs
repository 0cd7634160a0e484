using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Events.Core;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Scheduling;
using Events.Core.Seeding;
using MailKit.Net.Smtp;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

/// <summary>
/// Issue 4 (a): a registration rush on loopback against the raw durable commit rate of the same SQLite
/// file; (b): invitation fan-out through the outbox dispatcher against a bare MailKit loop.
/// </summary>
static class RegistrationBenchmarks
{
    private const int WarmUp = 10_000;

    public static async Task<int> RushAsync(string[] args)
    {
        var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        var seats = total / 2;
        var folder = Path.Combine(Path.GetTempPath(), "events-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "events.db");
        try
        {
            var services = await Bench.CoreAsync(db, folder, new());
            var sessionId = await Bench.PublishedSessionAsync(services, seats);
            var warmupSessionId = await Bench.PublishedSessionAsync(services, WarmUp / 2);

            // Baseline: one insert per transaction, one connection, same file and journal mode.
            var baselineBefore = await RawCommitRateAsync(db, 2000);
            var commitCpuBefore = _lastCommitCpuMs;

            await using var app = await App.StartAsync(db, folder, new Dictionary<string, string>
            {
                ["RateLimiting__Registrations__PermitPerMinute"] = "0",
                ["Email__Dispatch"] = "false",
            });
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(app.BaseUrl) };

            // Warm-up on another session, so the figures are of a running service rather than of the JIT's first tiers.
            var warmup = await RunAsync(warmupSessionId, WarmUp, "warm");
            var cpuBefore = app.CpuTime;
            var (elapsed, latencies, statuses) = await RunAsync(sessionId, total, "rush");
            var cpuPerRegistration = (app.CpuTime - cpuBefore).TotalMilliseconds / total;
            var baselineAfter = await RawCommitRateAsync(db, 2000);
            var commitCpu = (commitCpuBefore + _lastCommitCpuMs) / 2;
            var baseline = (baselineBefore + baselineAfter) / 2;
            Console.WriteLine($"warm-up: {WarmUp:N0} registrations in {warmup.Elapsed:F1} s ({WarmUp / warmup.Elapsed:F0}/s)");

            async Task<(double Elapsed, ConcurrentBag<double> Latencies, ConcurrentDictionary<string, int> Statuses)> RunAsync(int session, int count, string prefix)
            {
                var latencies = new ConcurrentBag<double>();
                var statuses = new ConcurrentDictionary<string, int>();
                var next = -1;
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
                {
                    while (true)
                    {
                        var i = Interlocked.Increment(ref next);
                        if (i >= count) return;
                        var t = Stopwatch.StartNew();
                        using var response = await http.PostAsJsonAsync($"/api/v1/sessions/{session}/registrations", new
                        {
                            fullName = $"Мекендеш {i}", email = $"{prefix}{i}@example.kg", countryCode = "RU", consent = true, language = "ky",
                        });
                        latencies.Add(t.Elapsed.TotalMilliseconds);
                        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                        var key = response.IsSuccessStatusCode ? body.GetProperty("status").GetString()! : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        statuses.AddOrUpdate(key, 1, (_, n) => n + 1);
                    }
                }));
                return (sw.Elapsed.TotalSeconds, latencies, statuses);
            }
            var session = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/sessions/{sessionId}");
            var rate = total / elapsed;
            Console.WriteLine($"| measure | value |");
            Console.WriteLine($"|---|---:|");
            Console.WriteLine($"| raw durable commits/s (baseline, same file; before / after the rush) | {baseline:F0} ({baselineBefore:F0} / {baselineAfter:F0}) |");
            Console.WriteLine($"| registrations/s ({clients} clients, {total:N0} requests) | {rate:F0} |");
            Console.WriteLine($"| ratio to baseline | {rate / baseline:F2} |");
            Console.WriteLine($"| p50 latency ms | {Bench.Percentile(latencies, 50):F1} |");
            Console.WriteLine($"| p99 latency ms | {Bench.Percentile(latencies, 99):F1} |");
            Console.WriteLine($"| app CPU ms per registration (user + system) | {cpuPerRegistration:F3} |");
            Console.WriteLine($"| CPU ms per raw commit (baseline process) | {commitCpu:F3} |");
            Console.WriteLine($"| CPU ratio (registration ÷ raw commit) | {cpuPerRegistration / commitCpu:F1} |");
            Console.WriteLine($"| confirmed / waitlisted (capacity {seats:N0}) | {session.GetProperty("confirmed").GetInt32():N0} / {session.GetProperty("waitlisted").GetInt32():N0} |");
            Console.WriteLine($"| responses | {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))} |");
            return session.GetProperty("confirmed").GetInt32() == seats ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    /// <summary>Last run's CPU time (user + system) of this process per commit, in milliseconds.</summary>
    private static double _lastCommitCpuMs;

    private static async Task<double> RawCommitRateAsync(string db, int commits)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using var connection = new SqliteConnection($"Data Source={db}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS BenchCommits (Id INTEGER PRIMARY KEY, Payload TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = (SqliteTransaction)tx;
            insert.CommandText = "INSERT INTO BenchCommits (Payload) VALUES ($p)";
            insert.Parameters.AddWithValue("$p", "registration-sized payload " + i);
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        _lastCommitCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / commits;
        return commits / sw.Elapsed.TotalSeconds;
    }

    public static async Task<int> FanOutAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var folder = Path.Combine(Path.GetTempPath(), "events-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var sink = SmtpSink.Start();
            var services = await Bench.CoreAsync(Path.Combine(folder, "events.db"), folder, new()
            {
                ["Email:Delivery"] = "Smtp", ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
                ["Email:Smtp:Security"] = "None", ["Email:Connections"] = "4",
            });
            var composer = services.GetRequiredService<InvitationComposer>();
            var factory = services.GetRequiredService<IDbContextFactory<EventsDbContext>>();
            var start = new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc);
            MimeMessage Compose(int i) => composer.Compose(new RegistrationMail(MessageKind.Invitation, $"Мекендеш {i}", $"fan{i}@example.kg", "ky",
                "Europe/Moscow", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, "bench@events.kg", 0, start, start.AddMinutes(90), "America/New_York",
                SessionMode.Online, "https://zoom.us/j/1", null, null, "1", 1, "Онлайн-Мекендеш ң ө ү 🇰🇬", "Сүрөттөмө", "Эмгек министрлиги", "mlssm@example.kg"));

            // Baseline: the same messages, a bare MailKit loop on one connection.
            var composing = Stopwatch.StartNew();
            var messages = Enumerable.Range(0, count).Select(Compose).ToList();
            Console.WriteLine($"composing {count:N0} invitations: {composing.Elapsed.TotalMilliseconds / count:F2} ms each");
            foreach (var m in messages) m.Prepare(EncodingConstraint.SevenBit);
            var sw = Stopwatch.StartNew();
            using (var client = new SmtpClient())
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Loopback, sink.Port);
                await client.ConnectAsync(socket, "127.0.0.1", sink.Port, MailKit.Security.SecureSocketOptions.None);
                foreach (var m in messages) await client.SendAsync(m);
                await client.DisconnectAsync(true);
            }
            var bare = count / sw.Elapsed.TotalSeconds;
            messages.Clear();
            var afterBaseline = sink.Received;

            // The outbox: messages enqueued as the app does, then dispatched.
            await using (var db = await factory.CreateDbContextAsync())
            {
                for (var i = 0; i < count; i++)
                {
                    Outbox.Enqueue(db, Compose(i), "Invitation", null, DateTime.UtcNow);
                    if (i % 1000 == 999) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
                }
                await db.SaveChangesAsync();
            }
            GC.Collect();
            var dispatcher = services.GetRequiredService<OutboxDispatcher>();
            sw.Restart();
            while (await dispatcher.RunOnceAsync() > 0) { }
            var ours = count / sw.Elapsed.TotalSeconds;
            var delivered = sink.Received - afterBaseline;
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| bare MailKit loop, messages/s (baseline, 1 connection) | {bare:F0} |");
            Console.WriteLine($"| outbox dispatcher, messages/s (4 connections, claims + status updates in SQLite) | {ours:F0} |");
            Console.WriteLine($"| ratio to baseline | {ours / bare:F2} |");
            Console.WriteLine($"| delivered by the dispatcher | {delivered:N0} of {count:N0} |");
            Console.WriteLine($"| peak working set of the process, MiB | {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024:F0} |");
            return delivered == count ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }
}

static class Bench
{
    public static async Task<ServiceProvider> CoreAsync(string db, string folder, Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Events"] = $"Data Source={db}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddEventsCore(configuration, folder).BuildServiceProvider();
        await using (var context = await services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContextAsync())
            await DatabaseStartup.PrepareAsync(context, services.GetRequiredService<DatabaseSettings>());
        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        return services;
    }

    public static async Task<int> PublishedSessionAsync(ServiceProvider services, int capacity)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var e = new Event { OrganizationId = await db.Organizations.Select(o => o.Id).FirstAsync(), Kind = EventKind.OnlineMekendesh, Title = "Rush", CreatedUtc = now, UpdatedUtc = now };
        e.Sessions.Add(Session.Create(new SessionInput("1", now.AddDays(30).Date.AddHours(15), "Europe/Moscow", 90, SessionMode.Online, "https://zoom.us/j/1",
            Capacity: capacity), now, null));
        e.Publish(now);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Sessions[0].Id;
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}

/// <summary>A minimal SMTP sink on loopback: answers 250 to everything and counts messages (fast enough for volume).</summary>
sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private int _received;
    public int Port { get; }
    public int Received => Volatile.Read(ref _received);

    private SmtpSink()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public static SmtpSink Start() => new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch (OperationCanceledException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true; // without it, delayed ACKs cost ~40 ms per reply on loopback
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO": await writer.WriteAsync("250-sink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } data && data != ".") { }
                    Interlocked.Increment(ref _received);
                    await writer.WriteLineAsync("250 2.0.0 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 ok"); break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
