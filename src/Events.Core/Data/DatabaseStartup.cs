using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Data;

/// <summary>Prepares the database at start: data folder, WAL mode, migrations; turns failures into one clear line.</summary>
public static class DatabaseStartup
{
    /// <summary>Fails fast when the SQLite data folder cannot be created or written.</summary>
    public static void EnsureDataFolderWritable(DatabaseSettings settings)
    {
        if (settings.SqliteFile is null || settings.SqliteFile == ":memory:") return;
        var folder = Path.GetDirectoryName(settings.SqliteFile)!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                $"ConnectionStrings:Events points SQLite at '{settings.SqliteFile}', but the data folder '{folder}' is not writable ({e.Message}).", e);
        }
    }

    public static async Task PrepareAsync(EventsDbContext db, DatabaseSettings settings, CancellationToken ct = default)
    {
        try
        {
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.OpenConnectionAsync(ct);
                // WAL lets readers work while one writer commits; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            if (settings.MigrateOnStartup) await db.Database.MigrateAsync(ct);
        }
        catch (SqlException e)
        {
            throw new StartupConfigurationException(
                $"ConnectionStrings:Events: SQL Server cannot be reached or refused the connection ({FirstLine(e.Message)}).", e);
        }
        catch (SqliteException e)
        {
            throw new StartupConfigurationException(
                $"ConnectionStrings:Events: the SQLite database '{settings.SqliteFile}' cannot be opened ({FirstLine(e.Message)}).", e);
        }
        finally
        {
            if (settings.Provider == DatabaseProvider.Sqlite) await db.Database.CloseConnectionAsync();
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
