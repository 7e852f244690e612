using System.Collections.Concurrent;
using Antq.Admin.Data;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// Compiled pack versions and which one is active. A compiled version is immutable and cached for
/// the life of the process; the active pointer lives in the database (one row per pack, swapped in
/// one update) and is cached here for <see cref="ActiveCacheTtl"/>, so every instance sees an
/// activation within that time. A request resolves its <see cref="CompiledPack"/> once and keeps
/// it: requests in flight finish on the version they started with.
/// </summary>
public sealed class PackCatalog(IServiceScopeFactory scopes, AntqOptions options, TimeProvider time, ILogger<PackCatalog> logger)
{
    public static readonly TimeSpan ActiveCacheTtl = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<(string PackId, string Version), Lazy<Task<CompiledPack>>> _compiled = new();
    private readonly ConcurrentDictionary<string, (string? Version, DateTimeOffset FetchedAt)> _active = new();

    // Bumped by every local activation, so a database read that started before it cannot put the
    // old pointer back into the cache after it (the read's result is dropped instead).
    private readonly Dictionary<string, long> _generations = new();
    private readonly Lock _gate = new();

    public PackLoadOptions LoadOptions => new() { TemplateDirectory = options.TemplatesDirectory, RunTests = false };

    /// <summary>The active version of a pack, or null when the pack has none.</summary>
    public async Task<CompiledPack?> GetActiveAsync(string packId, CancellationToken cancellationToken = default)
    {
        var version = await ActiveVersionAsync(packId, cancellationToken);
        return version is null ? null : await GetAsync(packId, version, cancellationToken);
    }

    public async Task<string?> ActiveVersionAsync(string packId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_active.TryGetValue(packId, out var cached) && now - cached.FetchedAt < ActiveCacheTtl) return cached.Version;
        var generation = Generation(packId);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var version = await db.ActivePacks.AsNoTracking().Where(a => a.PackId == packId).Select(a => a.Version!.Version).FirstOrDefaultAsync(cancellationToken);
        if (version is null) return null; // not cached: unknown ids from requests must not grow the cache
        lock (_gate)
        {
            if (_generations.GetValueOrDefault(packId) == generation) _active[packId] = (version, now);
        }
        return version;
    }

    private long Generation(string packId)
    {
        lock (_gate) return _generations.GetValueOrDefault(packId);
    }

    /// <summary>A stored version, compiled on first use; null when it was never accepted.</summary>
    public async Task<CompiledPack?> GetAsync(string packId, string version, CancellationToken cancellationToken = default)
    {
        if (_compiled.TryGetValue((packId, version), out var existing)) return await existing.Value;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
            if (!await db.PackVersions.AnyAsync(p => p.PackId == packId && p.Version == version, cancellationToken)) return null;
        }
        var lazy = _compiled.GetOrAdd((packId, version), key => new Lazy<Task<CompiledPack>>(() => CompileStoredAsync(key.PackId, key.Version)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _compiled.TryRemove(new KeyValuePair<(string, string), Lazy<Task<CompiledPack>>>((packId, version), lazy));
            throw;
        }
    }

    /// <summary>Puts an already compiled version in the cache (right after an upload verified it).</summary>
    public void Remember(CompiledPack pack) =>
        _compiled.TryAdd((pack.Manifest.Id, pack.Manifest.Version), new Lazy<Task<CompiledPack>>(Task.FromResult(pack)));

    /// <summary>Forgets the cached active pointer of a pack; the next request reads the database.</summary>
    public void InvalidateActive(string packId)
    {
        lock (_gate)
        {
            _generations[packId] = _generations.GetValueOrDefault(packId) + 1;
            _active.TryRemove(packId, out _);
        }
    }

    /// <summary>This instance just activated <paramref name="version"/>: its next requests use it at once.</summary>
    public void ActivatedHere(string packId, string version)
    {
        lock (_gate)
        {
            _generations[packId] = _generations.GetValueOrDefault(packId) + 1;
            _active[packId] = (version, time.GetUtcNow());
        }
    }

    private async Task<CompiledPack> CompileStoredAsync(string packId, string version)
    {
        byte[] archive;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
            archive = await db.PackVersions.AsNoTracking().Where(p => p.PackId == packId && p.Version == version).Select(p => p.Archive).SingleAsync();
        }
        var loaded = await PackLoader.LoadZipAsync(new MemoryStream(archive), LoadOptions);
        if (!loaded.Ok)
        {
            // A stored version was verified when accepted; failing now means the engine changed under it.
            logger.LogError("Stored pack {PackId} {Version} no longer compiles: {Errors}", packId, version, string.Join("; ", loaded.Errors));
            throw new InvalidOperationException($"Stored pack {packId} {version} does not compile: {(loaded.Errors.Count > 0 ? loaded.Errors[0] : null)}");
        }
        return loaded.Pack;
    }
}
