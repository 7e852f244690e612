using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antq.Admin.Infrastructure;

/// <summary>What <see cref="CurrentAccount"/> needs of a signed-in user: loaded from the database, shared read-only.</summary>
public sealed record AccountSnapshot(string Id, string DisplayName, string? Email, bool Disabled, string? SecurityStamp, Unit? Unit, List<string> Roles);

/// <summary>
/// A short-lived, per-process cache of <see cref="AccountSnapshot"/>s, so an API call does not pay a database
/// round trip (and a SQLite connection from a contended pool) just to learn who is calling: on the evaluate
/// endpoint under load that lookup cost more than the evaluation itself.
/// <para>
/// Freshness: any change to users, their roles or units saved through this process clears the cache before
/// and after the commit (<see cref="AccountChangeInterceptor"/>), so a disabled account or a changed scope applies
/// at once here. Another server instance sharing the database sees such a change within <see cref="Lifetime"/>
/// (ADR 0004).
/// </para>
/// </summary>
public sealed class AccountSnapshots(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (AccountSnapshot? Snapshot, long Generation, DateTimeOffset LoadedAt)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string userId, out AccountSnapshot? snapshot)
    {
        snapshot = null;
        if (!_entries.TryGetValue(userId, out var entry)) return false;
        if (entry.Generation != Generation || time.GetUtcNow() - entry.LoadedAt >= Lifetime)
        {
            _entries.TryRemove(new KeyValuePair<string, (AccountSnapshot?, long, DateTimeOffset)>(userId, entry));
            return false;
        }
        snapshot = entry.Snapshot;
        return true;
    }

    /// <summary>Stores what was read while <paramref name="generation"/> was current; a read that raced a change is dropped.</summary>
    public void Set(string userId, AccountSnapshot? snapshot, long generation)
    {
        if (generation != Generation) return;
        _entries[userId] = (snapshot, generation, time.GetUtcNow());
        // A change may have landed between the check and the write: the generation makes the entry stale then.
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>
/// Clears <see cref="AccountSnapshots"/> when a save touches users, user roles or units: before the save (nothing
/// older is served meanwhile), after it, and when the transaction it ran in commits (a request that re-read
/// between the save and the commit still saw the old row and may have cached it).
/// </summary>
public sealed class AccountChangeInterceptor(AccountSnapshots snapshots) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();

    /// <summary>Contexts with a relevant change not yet committed.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        MarkIfRelevant(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        MarkIfRelevant(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    private void MarkIfRelevant(DbContext? context)
    {
        if (context is null) return;
        var relevant = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is AppUser or Unit or IdentityUserRole<string>);
        if (!relevant) return;
        _pending.AddOrUpdate(context, Marker);
        snapshots.Invalidate();
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _)) return;
        snapshots.Invalidate();
        // Outside an explicit transaction the save has committed: nothing more to wait for.
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is null || !_pending.Remove(context)) return;
        snapshots.Invalidate();
    }
}
