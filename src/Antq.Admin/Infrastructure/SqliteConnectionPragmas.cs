using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Per-connection SQLite settings (journal_mode=WAL is stored in the file at start; these are not). In WAL mode,
/// <c>synchronous=NORMAL</c> syncs at checkpoints instead of at every commit: a commit survives a crash or restart of
/// the process (what the 0-lost-saves guarantee is about), and only a power cut of the machine can drop the last
/// commits, never corrupt the file. The full sync per commit was the largest single cost of a draft save on SQLite.
/// </summary>
public sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Create(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Create(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command;
    }
}
