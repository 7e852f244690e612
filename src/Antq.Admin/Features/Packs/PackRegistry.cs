using System.Security.Cryptography;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

public abstract record UploadOutcome
{
    public sealed record Created(string PackId, string Version, bool Activated) : UploadOutcome;
    public sealed record AlreadyStored(string PackId, string Version) : UploadOutcome;
    public sealed record Refused(IReadOnlyList<PackError> Errors) : UploadOutcome;
    public sealed record Conflict(string PackId, string Version, string Message) : UploadOutcome;
}

/// <summary>Who uploads or activates a pack version, as the audit trail records it.</summary>
public sealed record PackActor(string Id, string Name, int? UnitId = null)
{
    public static PackActor System { get; } = new("system", "system");
}

/// <summary>A done activation: the version now active, the one it replaced and the run moving the drafts and returned dossiers to it (none when nothing is to move).</summary>
public sealed record PackActivation(string PackId, string Version, string? Previous, DateTimeOffset ActivatedAt, bool Changed, Moves.MoveRunView? Moves = null);

/// <summary>
/// Accepts pack versions (full verification, then stored immutably) and activates them. A refused
/// upload writes nothing; activation is one row update, so it is atomic on every provider.
/// </summary>
public sealed class PackRegistry(AntqDbContext db, PackCatalog catalog, PackFourEyes fourEyes, TimeProvider time, ILogger<PackRegistry> logger)
{
    /// <summary>Verifies an uploaded .zip (read once, size-checked by the reader) and stores it when accepted.</summary>
    public async Task<UploadOutcome> UploadAsync(Stream archive, PackActor uploader, CancellationToken cancellationToken = default)
    {
        var loaded = await PackLoader.LoadZipAsync(archive, catalog.LoadOptions with { RunTests = true }, cancellationToken);
        return loaded.Ok
            ? await StoreAsync(loaded.Pack, loaded.Pack.Files.Archive!, uploader, cancellationToken)
            : new UploadOutcome.Refused(loaded.Errors);
    }

    /// <summary>Imports a shipped pack folder as if uploaded by the system.</summary>
    public async Task<UploadOutcome> ImportFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var read = PackReader.ReadDirectory(folder);
        if (!read.Ok) return new UploadOutcome.Refused(read.Errors);
        var loaded = await Task.Run(() => PackLoader.Load(read.Files!, catalog.LoadOptions with { RunTests = true }), cancellationToken);
        return loaded.Ok
            ? await StoreAsync(loaded.Pack, PackArchive.Zip(read.Files!), PackActor.System, cancellationToken)
            : new UploadOutcome.Refused(loaded.Errors);
    }

    /// <summary>Stores an accepted version immutably; the first version of a pack becomes active.</summary>
    private async Task<UploadOutcome> StoreAsync(CompiledPack pack, byte[] archive, PackActor uploader, CancellationToken cancellationToken)
    {
        var (id, version) = (pack.Manifest.Id, pack.Manifest.Version);
        var existing = await StoredHashAsync(id, version, cancellationToken);
        if (existing is not null) return Repeated(id, version, existing, pack.ContentHash);
        var record = new PackVersionRecord
        {
            PackId = id, Version = version, Title = pack.Manifest.Title, Archive = archive,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(archive)), ContentHash = pack.ContentHash,
            UploadedBy = uploader.Name, UploadedAt = time.GetUtcNow(),
        };
        db.PackVersions.Add(record);
        db.AuditEntries.Add(Audit(PackAuditTrail.Uploaded, uploader, new { packId = id, version, sha256 = record.Sha256 }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored the same (id, version) first: answer as if we came second.
            db.ChangeTracker.Clear();
            var stored = await StoredHashAsync(id, version, cancellationToken);
            if (stored is null) throw;
            return Repeated(id, version, stored, pack.ContentHash);
        }
        catalog.Remember(pack);
        // The first version of a new pack becomes active, unless the four-eyes rule wants a second administrator.
        var activated = fourEyes.MayActivateOnUpload(uploader) && !await db.ActivePacks.AnyAsync(a => a.PackId == id, cancellationToken)
            && await ActivateAsync(id, version, uploader, cancellationToken) is not null;
        logger.LogInformation("Pack {PackId} {Version} stored by {Uploader} (activated: {Activated})", id, version, uploader.Name, activated);
        return new UploadOutcome.Created(id, version, activated);
    }

    private Task<string?> StoredHashAsync(string id, string version, CancellationToken cancellationToken) =>
        db.PackVersions.AsNoTracking().Where(p => p.PackId == id && p.Version == version).Select(p => p.ContentHash).FirstOrDefaultAsync(cancellationToken);

    // Same content is a no-op whatever the zip's timestamps or entry order; other content is refused.
    private static UploadOutcome Repeated(string id, string version, string storedHash, string uploadedHash) =>
        storedHash == uploadedHash
            ? new UploadOutcome.AlreadyStored(id, version)
            : new UploadOutcome.Conflict(id, version,
                $"Phiên bản {version} của gói {id} đã được lưu với nội dung khác. Hãy tăng số phiên bản (ví dụ {NextPatch(version)}).");

    /// <summary>Makes a stored version the active one (also how a rollback is done). Null when the version is unknown.</summary>
    public async Task<PackActivation?> ActivateAsync(string packId, string version, PackActor actor, CancellationToken cancellationToken = default)
    {
        var target = await db.PackVersions.AsNoTracking().Where(p => p.PackId == packId && p.Version == version).Select(p => new { p.Id }).FirstOrDefaultAsync(cancellationToken);
        if (target is null) return null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SwapAsync(packId, version, target.Id, actor, cancellationToken);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two first activations raced to insert the pointer row; the second becomes an update.
                db.ChangeTracker.Clear();
            }
        }
    }

    public Task<PackActivation?> ActivateAsync(string packId, string version, string actor, CancellationToken cancellationToken = default) =>
        ActivateAsync(packId, version, new PackActor(actor, actor), cancellationToken);

    private async Task<PackActivation> SwapAsync(string packId, string version, int versionId, PackActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await db.ActivePacks.FirstOrDefaultAsync(a => a.PackId == packId, cancellationToken);
        var from = active is null ? null : await db.PackVersions.Where(p => p.Id == active.VersionId).Select(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (active is not null && active.VersionId == versionId)
        {
            catalog.ActivatedHere(packId, version);
            return new PackActivation(packId, version, from, active.ActivatedAt, Changed: false);
        }
        if (active is null) db.ActivePacks.Add(new ActivePackRecord { PackId = packId, VersionId = versionId, ActivatedAt = now, ActivatedBy = actor.Name });
        else
        {
            active.VersionId = versionId;
            active.ActivatedAt = now;
            active.ActivatedBy = actor.Name;
        }
        db.AuditEntries.Add(Audit(PackAuditTrail.Activated, actor, new { packId, from, to = version }));
        await db.SaveChangesAsync(cancellationToken);
        catalog.ActivatedHere(packId, version);
        logger.LogInformation("Pack {PackId}: active version {From} → {To} by {Actor}", packId, from, version, actor.Name);
        return new PackActivation(packId, version, from, now, Changed: true);
    }

    private AuditEntry Audit(string action, PackActor actor, object details) => new()
    {
        Action = action, ActorId = actor.Id, ActorName = actor.Name, ActorUnitId = actor.UnitId, At = time.GetUtcNow(),
        DetailsJson = JsonSerializer.Serialize(details),
    };

    private static string NextPatch(string version)
    {
        var core = version.Split('-', '+')[0].Split('.');
        return core.Length == 3 && int.TryParse(core[2], out var patch) ? $"{core[0]}.{core[1]}.{patch + 1}" : version + ".1";
    }
}
