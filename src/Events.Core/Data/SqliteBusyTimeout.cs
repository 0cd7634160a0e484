using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Events.Core.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock (in steps of a few milliseconds) instead of returning
/// BUSY to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms: under a registration rush that sleep
/// was most of the p99 latency.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
