using Events.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Events.Core.Seeding;

/// <summary>
/// One feature's share of the demo (people, the plan, events, registrations…). Each part runs once
/// per database, in <see cref="Order"/>, so a database seeded before a feature existed gets the new
/// part on its next start.
/// </summary>
public interface IDemoSeedPart
{
    string Name { get; }
    int Order { get; }
    Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct);
}

/// <summary>What parts share: the clock, a repeatable random source and the demo staff password.</summary>
public sealed class DemoSeedContext(TimeProvider clock, string staffPassword)
{
    public TimeProvider Clock { get; } = clock;
    public Random Random { get; } = new(2026);
    public string StaffPassword { get; } = staffPassword;
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;
}

public sealed class DemoSeeder(
    IDbContextFactory<EventsDbContext> dbFactory, IEnumerable<IDemoSeedPart> parts, TimeProvider clock, ILogger<DemoSeeder> log)
{
    public async Task SeedAsync(string staffPassword, CancellationToken ct = default)
    {
        var context = new DemoSeedContext(clock, staffPassword);
        foreach (var part in parts.OrderBy(p => p.Order))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var marker = "demo:" + part.Name;
            if (await db.SeedRuns.AnyAsync(s => s.Name == marker, ct)) continue;

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await part.SeedAsync(db, context, ct);
            db.SeedRuns.Add(new SeedRun { Name = marker, AppliedUtc = context.UtcNow });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Demo data: added {Part}.", part.Name);
        }
    }
}
