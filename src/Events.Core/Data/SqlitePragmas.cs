using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Events.Core.Data;

/// <summary>
/// Settings of every SQLite connection. busy_timeout: SQLite itself waits for the write lock (in steps of
/// a few milliseconds) instead of returning BUSY to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms;
/// under a registration rush that sleep was most of the p99 latency. secure_delete: deleted and overwritten
/// content is zeroed in the file, so an erased person's name and address do not linger in free pages.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
