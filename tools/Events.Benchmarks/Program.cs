using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Events.Core;
using Events.Core.Data;
using Events.Core.Scheduling;
using Events.Core.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Benchmarks of the running app on loopback, and of Core's work in process (results, import). Each figure is a ratio
// against a baseline measured in the same run (this machine is noisy).
// Usage: dotnet run -c Release --project tools/Events.Benchmarks -- catalogue (see Usage below for every mode)
var which = args.FirstOrDefault() ?? "catalogue";
return which switch
{
    "catalogue" => await CatalogueBenchmark.RunAsync(args.Skip(1).ToArray()),
    "rush" => await RegistrationBenchmarks.RushAsync(args.Skip(1).ToArray()),
    "fanout" => await RegistrationBenchmarks.FanOutAsync(args.Skip(1).ToArray()),
    "results" => await ContestBenchmarks.ResultsAsync(args.Skip(1).ToArray()),
    "import" => ImportBenchmarks.Import(args.Skip(1).ToArray()),
    "indicators" => await IndicatorBenchmarks.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Events.Benchmarks catalogue [events=10000] [requests=300] | rush [registrations=20000] [clients=64] | fanout [messages=10000]" +
        " | results [entries=1000] [jurors=15] [criteria=6] [runs=7] | import [rows=50000] [runs=7]");
    return 2;
}

/// <summary>
/// Issue 3: with 10,000 published events, the public list page (/events) and the all-events feed
/// (/api/v1/calendar.ics), p50 and p99, against a static file served by the same app.
/// </summary>
static class CatalogueBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var folder = Path.Combine(Path.GetTempPath(), "events-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "events.db");
        try
        {
            var seeding = Stopwatch.StartNew();
            await SeedAsync(db, folder, events);
            Console.WriteLine($"seeded {events:N0} published events in {seeding.Elapsed.TotalSeconds:F1} s");

            await using var app = await App.StartAsync(db, folder);
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
            var targets = new (string Name, string Path)[]
            {
                ("static file (baseline)", "/app.css"),
                ("public list page /events", "/events"),
                ("all-events feed /api/v1/calendar.ics", "/api/v1/calendar.ics"),
            };
            var bytes = new Dictionary<string, long>();
            var cold = new Dictionary<string, double>();
            foreach (var (name, path) in targets)
            {
                var first = Stopwatch.StartNew();
                bytes[name] = (await http.GetByteArrayAsync(path)).LongLength;
                cold[name] = first.Elapsed.TotalMilliseconds; // first request: JIT, empty caches, the feed rendered once
                for (var i = 0; i < 10; i++) await http.GetByteArrayAsync(path); // warm up
            }
            var samples = targets.ToDictionary(t => t.Name, _ => new List<double>());
            // Interleaved, so that noise hits every target alike.
            for (var i = 0; i < requests; i++)
            {
                foreach (var (name, path) in targets)
                {
                    var sw = Stopwatch.StartNew();
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    response.EnsureSuccessStatusCode();
                    samples[name].Add(sw.Elapsed.TotalMilliseconds);
                }
            }
            var baseline = samples[targets[0].Name];
            var (b50, b99) = (Bench.Percentile(baseline, 50), Bench.Percentile(baseline, 99));
            Console.WriteLine();
            Console.WriteLine($"| target | bytes | first request ms | p50 ms | p99 ms | p50 ÷ baseline | p99 ÷ baseline |");
            Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (name, _) in targets)
            {
                var (p50, p99) = (Bench.Percentile(samples[name], 50), Bench.Percentile(samples[name], 99));
                Console.WriteLine($"| {name} | {bytes[name]:N0} | {cold[name]:F0} | {p50:F2} | {p99:F2} | {p50 / b50:F1} | {p99 / b99:F1} |");
            }
            Console.WriteLine();
            Console.WriteLine($"{requests} requests per target, sequential, one client on loopback; {Environment.ProcessorCount} cores; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, true); } catch (IOException) { }
        }
    }

    private static async Task SeedAsync(string db, string folder, int count)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Events"] = $"Data Source={db}",
        }).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning)).AddEventsCore(configuration, folder).BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<EventsDbContext>>();
        await using (var context = await factory.CreateDbContextAsync())
            await DatabaseStartup.PrepareAsync(context, services.GetRequiredService<DatabaseSettings>());
        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync();

        var now = DateTime.UtcNow;
        var kinds = Enum.GetValues<EventKind>();
        var zones = new[] { "Europe/Moscow", "Asia/Bishkek", "Europe/Istanbul", "America/New_York", "Europe/Berlin", "Asia/Seoul" };
        await using var db2 = await factory.CreateDbContextAsync();
        var orgs = await db2.Organizations.Select(o => o.Id).ToListAsync();
        db2.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var e = new Event
            {
                OrganizationId = orgs[i % orgs.Count], Kind = kinds[i % kinds.Length], Title = $"Иш-чара №{i}: мекендештер менен жолугушуу",
                Description = "Маалымат, суроо-жооп, ийгилик тарыхтары.", CreatedUtc = now, UpdatedUtc = now,
            };
            var start = DateTime.SpecifyKind(now.AddDays(1 + random.Next(365)).Date.AddHours(10 + random.Next(9)), DateTimeKind.Unspecified);
            e.Sessions.Add(Session.Create(new SessionInput(null, start, zones[i % zones.Length], 90, SessionMode.Online, Capacity: 100), now, null));
            e.Publish(now);
            db2.Events.Add(e);
            if (i % 1000 == 999)
            {
                await db2.SaveChangesAsync();
                db2.ChangeTracker.Clear();
            }
        }
        await db2.SaveChangesAsync();
    }

}

/// <summary>The app's build output as its own process on a free loopback port.</summary>
sealed class App : IAsyncDisposable
{
    private readonly Process _process;
    public string BaseUrl { get; }

    private App(Process process, string baseUrl) { _process = process; BaseUrl = baseUrl; }

    /// <summary>User + system CPU time the app process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<App> StartAsync(string db, string folder, Dictionary<string, string>? extra = null)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Events.sln"))) root = root.Parent;
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(root!.FullName, "src", "Events.Web", "bin", configuration, "net10.0", "Events.Web.dll");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root.FullName, "src", "Events.Web"), UseShellExecute = false, RedirectStandardOutput = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        // Development only so that static web assets are served from the build output; logging kept quiet.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Events"] = $"Data Source={db}";
        info.Environment["DataProtection__KeysFolder"] = Path.Combine(folder, "keys");
        info.Environment["Seed__Demo"] = "false";
        info.Environment["Seed__AdminPassword"] = "Bench-2026-Admin";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Email__PickupFolder"] = Path.Combine(folder, "mail");
        foreach (var (k, v) in extra ?? []) info.Environment[k] = v;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var app = new App(process, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        for (var i = 0; i < 400; i++)
        {
            try { if ((await http.GetAsync(app.BaseUrl + "/health")).IsSuccessStatusCode) return app; } catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("app did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(true); await _process.WaitForExitAsync(); }
        _process.Dispose();
    }
}
