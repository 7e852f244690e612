using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

/// <summary>Clears <see cref="AccountSnapshots"/> when a save touches users, user roles or units (when: see <see cref="ChangeInvalidationInterceptor"/>).</summary>
public sealed class AccountChangeInterceptor(AccountSnapshots snapshots) : ChangeInvalidationInterceptor
{
    protected override bool Affects(EntityEntry entry) => entry.Entity is AppUser or Unit or IdentityUserRole<string>;

    protected override void Invalidate() => snapshots.Invalidate();
}
