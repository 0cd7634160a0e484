using Microsoft.Extensions.Configuration;

namespace Events.Core.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>
/// A setting that makes the app unable to start. The host prints <see cref="Exception.Message"/>
/// as one line and exits, instead of a stack trace.
/// </summary>
public sealed class StartupConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The <c>Database</c> section and the connection string, resolved against the content root.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup, string? SqliteFile)
{
    public const string SqliteMigrationsAssembly = "Events.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Events.Migrations.SqlServer";

    public static DatabaseSettings From(Microsoft.Extensions.Configuration.IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText)) provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
            throw new StartupConfigurationException(
                $"Database:Provider has the unknown value '{providerText}'; use 'Sqlite' (default) or 'SqlServer'.");

        var migrate = configuration.GetValue("Database:MigrateOnStartup", true);
        var configured = configuration.GetConnectionString("Events");
        if (provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new StartupConfigurationException(
                    "ConnectionStrings:Events is empty; Database:Provider=SqlServer needs a SQL Server connection string.");
            return new DatabaseSettings(provider, configured, migrate, null);
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/events.db" : configured);
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        builder.Pooling = true;
        return new DatabaseSettings(provider, builder.ToString(), migrate, builder.DataSource);
    }
}
