using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Events.Core.Tests.Data;

public class MigrationTests
{
    private static EventsDbContext SqlServerContext() => new(new DbContextOptionsBuilder<EventsDbContext>()
        .UseSqlServer("Server=unreachable.invalid;Database=Events;User Id=x;Password=y;TrustServerCertificate=True",
            o => o.MigrationsAssembly(DatabaseSettings.SqlServerMigrationsAssembly))
        .Options);

    [Fact]
    public async Task Sqlite_MigrationsOnEmptyDatabase_CreateEveryTableAndWalMode()
    {
        await using var db = await TestDatabase.CreateAsync(seedReference: false);
        await using var context = db.NewContext();

        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        await using var connection = new SqliteConnection($"Data Source={db.DatabaseFile}");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("Organizations", tables);
        Assert.Contains("AspNetUsers", tables);
        Assert.Contains("Countries", tables);
        Assert.Contains("OrganizationMembers", tables);
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await mode.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Sqlite_Model_HasNoPendingChanges()
    {
        await using var db = await TestDatabase.CreateAsync(seedReference: false);
        await using var context = db.NewContext();
        Assert.False(context.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> -p src/Events.Migrations.Sqlite -s src/Events.Migrations.Sqlite");
    }

    [Fact]
    public void SqlServer_Model_HasNoPendingChanges()
    {
        using var context = SqlServerContext();
        Assert.False(context.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> -p src/Events.Migrations.SqlServer -s src/Events.Migrations.SqlServer");
    }

    [Fact]
    public void SqlServer_IdempotentScript_CreatesTheExpectedTables()
    {
        using var context = SqlServerContext();
        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Organizations", "OrganizationMembers", "Countries", "AspNetUsers", "AspNetRoles", "SeedRuns" })
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("nvarchar(200)", script);
    }

    [Fact]
    public void SqlServer_RepresentativeQueries_Translate()
    {
        using var context = SqlServerContext();
        var search = context.Organizations
            .Where(o => o.SearchText.Contains("элчилик") && o.Kind == OrganizationKind.Embassy)
            .OrderBy(o => o.Kind).ThenBy(o => o.NameKy ?? o.Name)
            .Skip(25).Take(25)
            .Select(o => new { o.Id, o.Name, Members = o.Members.Count });
        var sql = search.ToQueryString();
        Assert.Contains("[SearchText] LIKE", sql);
        Assert.Contains("OFFSET", sql);

        var roleId = "r";
        var byRole = context.Users.Where(u => context.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId))
            .OrderBy(u => u.FullName).Select(u => new { u.Id, u.Email });
        Assert.Contains("EXISTS", byRole.ToQueryString());
    }

    /// <summary>The jury's one filter (decision 008) and the results' sheet query, as SQL Server would run them.</summary>
    [Fact]
    public void SqlServer_ContestQueries_Translate()
    {
        using var context = SqlServerContext();
        foreach (var table in new[] { "Contests", "ContestEntries", "Rounds", "Criteria", "Assignments", "Conflicts", "ScoreSheets", "ScoreChanges", "Awards" })
            Assert.Contains($"CREATE TABLE [{table}]", context.GetService<IMigrator>().GenerateScript());

        var visible = Events.Core.Contests.ContestAccess.EntriesVisibleTo(context, "juror")
            .Where(e => e.ContestId == 1 && e.Status == Events.Core.Contests.EntryStatus.Submitted).Select(e => new { e.Id, e.Title });
        var sql = visible.ToQueryString();
        Assert.Contains("EXISTS", sql);
        Assert.Contains("[Conflicts]", sql); // the conflict check is part of the query itself, not done afterwards in memory

        var sheets = Events.Core.Contests.ContestAccess.CountingSheets(context).Where(s => s.RoundId == 1 && s.IsFinal)
            .Select(s => new { s.JurorId, s.EntryId, s.Scores });
        var sheetSql = sheets.ToQueryString();
        Assert.Contains("[Assignments]", sheetSql);
        Assert.Contains("[Scores]", sheetSql);
    }

    /// <summary>The indicators' reads (issue 11: the year's sessions and events, stored figures, and the large tables behind them).</summary>
    [Fact]
    public void SqlServer_IndicatorQueries_Translate()
    {
        using var context = SqlServerContext();
        Assert.Contains("CREATE TABLE [EventFigures]", context.GetService<IMigrator>().GenerateScript());
        var events = context.Events.Where(e => e.Status == Events.Core.Scheduling.EventStatus.Published && new[] { 1, 2 }.Contains(e.OrganizationId));
        var sessions = Events.Core.Indicators.YearFigures.SessionsQuery(context, 2026, events).ToQueryString();
        Assert.Contains("[Sessions]", sessions);
        Assert.Contains("EXISTS", sessions);
        Assert.Contains("EXISTS", Events.Core.Indicators.YearFigures.EventsQuery(context, 2026, events).ToQueryString());
        Assert.Contains("OPENJSON", Events.Core.Indicators.EventFiguresStore.StoredQuery(context, 2026, [1, 2]).ToQueryString());
        var registered = Events.Core.Indicators.EventFiguresStore.RegisteredQuery(context.Registrations).ToQueryString();
        Assert.Contains("GROUP BY [r].[SessionId]", registered);
        Assert.Contains("COUNT(*)", registered);
        Assert.Contains("[Attendance]", Events.Core.Indicators.EventFiguresStore.MarksQuery(context.Attendance).ToQueryString());
        Assert.Contains("[CheckedInUtc] IS NOT NULL", Events.Core.Indicators.EventFiguresStore.CheckedInQuery(context.Registrations).ToQueryString());
        Assert.Contains("OPENJSON", Events.Core.Indicators.EventFiguresStore.PeopleQuery(context, [1, 2]).ToQueryString());
    }
}
