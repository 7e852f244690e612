using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Drops an in-memory cache when a save changes rows it is built from (<see cref="Affects"/>): before the save (nothing
/// older is served meanwhile), after it, and when the transaction it ran in commits or rolls back (a request that
/// re-read between the save and the commit still saw the old rows and may have cached them). Only this instance's
/// saves are seen: a cache of rows other instances write also needs a short lifetime.
/// </summary>
public abstract class ChangeInvalidationInterceptor : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();

    /// <summary>Contexts with a relevant change not yet committed.</summary>
    private readonly ConditionalWeakTable<DbContext, object> _pending = new();

    /// <summary>Whether a pending change (added, modified or deleted) is one the cache is built from.</summary>
    protected abstract bool Affects(EntityEntry entry);

    protected abstract void Invalidate();

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
        var relevant = context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Affects(e));
        if (!relevant) return;
        _pending.AddOrUpdate(context, Marker);
        Invalidate();
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _)) return;
        Invalidate();
        // Outside an explicit transaction the save has committed: nothing more to wait for.
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is null || !_pending.Remove(context)) return;
        Invalidate();
    }
}
