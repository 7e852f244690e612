using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Lets one <c>SaveChanges</c> at a time of this process into each SQLite file (used by <c>SqliteAntqDbContext</c>).
/// SQLite has one writer; a second write transaction gets SQLITE_BUSY at <c>BEGIN IMMEDIATE</c>, and Microsoft.Data.Sqlite
/// then retries it with a blocking <c>Thread.Sleep</c> on a thread-pool thread. A profile of 50 concurrent draft writers
/// showed the saves spending most of their time there (p50 300 ms, and the sleeping threads starved the pool); queued
/// here on an async semaphore instead, each save waits only for the saves ahead of it. SaveChanges inside an explicit
/// transaction is let through (it may already hold SQLite's lock, and waiting here could deadlock): it contends as before.
/// PostgreSQL has row locks and is not gated.
/// </summary>
public static class SqliteWriteGate
{
    // One per database file (its connection string): the tests run many servers, each on its own file, in one process.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="save"/> holding the file's gate, unless the context is in an explicit transaction.</summary>
    public static async Task<int> SaveAsync(DbContext context, Func<Task<int>> save, CancellationToken ct)
    {
        if (Gate(context) is not { } gate) return await save();
        await gate.WaitAsync(ct);
        try
        {
            return await save();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The synchronous <see cref="SaveAsync"/>.</summary>
    public static int Save(DbContext context, Func<int> save)
    {
        if (Gate(context) is not { } gate) return save();
        gate.Wait();
        try
        {
            return save();
        }
        finally
        {
            gate.Release();
        }
    }

    private static SemaphoreSlim? Gate(DbContext context) =>
        context.Database.CurrentTransaction is null && context.Database.GetConnectionString() is { } file
            ? Gates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1))
            : null;
}
