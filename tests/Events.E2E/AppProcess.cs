using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Events.E2E;

/// <summary>The real app as its own process on a free loopback port, with a temporary SQLite file.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "Admin-E2E-2026";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;
    private readonly bool _ownsFolder;

    public string BaseUrl { get; }
    public string Folder => _folder;
    public string Output { get { lock (_output) return _output.ToString(); } }

    private AppProcess(Process process, string folder, string baseUrl, bool ownsFolder)
    {
        _process = process;
        _folder = folder;
        _ownsFolder = ownsFolder;
        BaseUrl = baseUrl;
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Events.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Events.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app's build output of the same configuration as these tests (the project reference builds it first).</summary>
    public static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(RepoRoot, "src", "Events.Web", "bin", configuration, "net10.0", "Events.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first", dll);
        }
    }

    public static ProcessStartInfo StartInfo(string folder, IDictionary<string, string> settings, string? urls = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepoRoot, "src", "Events.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppDll);
        if (urls is not null) { info.ArgumentList.Add("--urls"); info.ArgumentList.Add(urls); }
        // Development serves MudBlazor's static files from the build output; demo data stays off for speed.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Events"] = $"Data Source={Path.Combine(folder, "events.db")}";
        info.Environment["DataProtection__KeysFolder"] = Path.Combine(folder, "keys");
        info.Environment["Seed__Demo"] = "false";
        info.Environment["Seed__AdminEmail"] = AdminEmail;
        info.Environment["Seed__AdminPassword"] = AdminPassword;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Email__PickupFolder"] = Path.Combine(folder, "mail");
        foreach (var (k, v) in settings) info.Environment[k] = v;
        return info;
    }

    /// <summary>Starts the app; given a folder of another instance, it shares that one's database, keys and mail folder.</summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string>? settings = null, string? sharedFolder = null)
    {
        var folder = sharedFolder ?? Path.Combine(Path.GetTempPath(), "events-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var process = new Process { StartInfo = StartInfo(folder, settings ?? new Dictionary<string, string>(), baseUrl) };
        var app = new AppProcess(process, folder, baseUrl, ownsFolder: sharedFolder is null);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("The app exited at start:\n" + app.Output);
            try
            {
                if ((await http.GetAsync(baseUrl + "/health")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(250);
        }
        await app.DisposeAsync();
        throw new TimeoutException("The app did not become healthy in 90 s:\n" + app.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_ownsFolder) try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* the OS cleans temp */ }
    }
}
