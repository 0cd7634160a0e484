using Events.Core;
using Events.Core.Data;
using Events.Core.People;
using Events.Core.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Events.Core.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in a temporary file, migrated with the real migrations, with the core's
/// services wired as the app wires them.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "events-tests", Guid.NewGuid().ToString("N"));

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private TestDatabase(Dictionary<string, string?>? settings)
    {
        Directory.CreateDirectory(_folder);
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Events"] = $"Data Source={Path.Combine(_folder, "events.db")}",
            ["Seed:AdminPassword"] = "Admin-Test-2026!",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddEventsCore(configuration, _folder);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext());
        services.AddIdentityCore<EventsUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EventsDbContext>()
            .AddDefaultTokenProviders();
        Services = services.BuildServiceProvider();
    }

    /// <summary>A migrated database with roles, countries and reference organizations.</summary>
    public static async Task<TestDatabase> CreateAsync(Dictionary<string, string?>? settings = null, bool seedReference = true)
    {
        var db = new TestDatabase(settings);
        await using (var context = db.NewContext())
            await DatabaseStartup.PrepareAsync(context, db.Services.GetRequiredService<DatabaseSettings>());
        if (seedReference) await db.Get<ReferenceDataSeeder>().SeedAsync();
        return db;
    }

    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public EventsDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    public string DatabaseFile => Path.Combine(_folder, "events.db");

    /// <summary>The content root: the database file and App_Data (pickup mail) live under it.</summary>
    public string Folder => _folder;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a reader still closing; temp is cleaned by the OS */ }
    }
}
