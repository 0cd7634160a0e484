using Events.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Events.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the model for this provider without starting the web app (no connection is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<EventsDbContext>
{
    public EventsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EventsDbContext>().UseSqlServer("Server=localhost;Database=Events;Trusted_Connection=True;TrustServerCertificate=True", o => o.MigrationsAssembly(DatabaseSettings.SqlServerMigrationsAssembly)).Options);
}
