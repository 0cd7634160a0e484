using System.Diagnostics;

namespace Events.E2E;

/// <summary>A bad setting stops the real app at start with one line naming the setting, and no stack trace.</summary>
public class BadConfigurationTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "Database__Provider", "Oracle", "", "Database:Provider" },
        { "Database__Provider", "SqlServer", "Server=127.0.0.1,1;Database=Events;User Id=sa;Password=x;Connect Timeout=3;TrustServerCertificate=True", "ConnectionStrings:Events" },
        { "Database__Provider", "Sqlite", "Data Source=/proc/events-cannot-write/events.db", "ConnectionStrings:Events" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Start_BadSetting_OneLineNamingIt(string key, string value, string connectionString, string named)
    {
        var folder = Path.Combine(Path.GetTempPath(), "events-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string> { [key] = value };
        var info = AppProcess.StartInfo(folder, settings, "http://127.0.0.1:0");
        if (connectionString.Length > 0) info.Environment["ConnectionStrings__Events"] = connectionString;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(0, process.ExitCode);
        var line = Assert.Single(errorLines);
        Assert.Contains(named, line);
        Assert.StartsWith("Events cannot start:", line);
        Assert.DoesNotContain("   at ", await stdout);
        Directory.Delete(folder, recursive: true);
    }
}
