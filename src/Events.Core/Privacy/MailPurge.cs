using Events.Core.Data;
using Events.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Privacy;

/// <summary>
/// Removes what a stored email says about its person — body (with the manage link), address, last error —
/// and its pickup file, keeping the row's when, kind and status for the outbox's history.
/// </summary>
public static class MailPurge
{
    public static async Task<int> PurgeAsync(EventsDbContext db, PickupFolder pickup, IQueryable<OutboxMessage> messages, CancellationToken ct)
    {
        // A purged row has no address (its body went with it); the body is not compared in SQL, which cannot translate byte lengths everywhere.
        var ids = await messages.Where(m => m.To != "").Select(m => m.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        foreach (var chunk in ids.Chunk(500))
        {
            await db.Outbox.Where(m => chunk.Contains(m.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Mime, Array.Empty<byte>()).SetProperty(m => m.To, "")
                .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.PurgeWhenSent, false), ct);
        }
        foreach (var id in ids) pickup.Delete(id);
        return ids.Count;
    }

    /// <summary>
    /// SQLite in WAL mode keeps earlier versions of changed pages in the -wal file until a checkpoint; truncating
    /// it after an erasure leaves no copy of the erased data on disk (with secure_delete, see <see cref="SqlitePragmas"/>).
    /// </summary>
    /// <returns>False when readers or a writer kept the checkpoint from finishing after a few tries (the frames are
    /// then overwritten by later checkpoints, not at once).</returns>
    public static async Task<bool> TruncateWriteAheadLogAsync(EventsDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return true;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(ct);
            // One row: busy (1 when the checkpoint could not finish), frames in the log, frames checkpointed.
            if (await reader.ReadAsync(ct) && reader.GetInt32(0) == 0) return true;
            await Task.Delay(200 * (attempt + 1), ct);
        }
        return false;
    }
}
