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

/// <summary>
/// Accepts pack versions (full verification, then stored immutably) and activates them. A refused
/// upload writes nothing; activation is one row update, so it is atomic on every provider.
/// </summary>
public sealed class PackRegistry(AntqDbContext db, PackCatalog catalog, TimeProvider time, ILogger<PackRegistry> logger)
{
    public async Task<UploadOutcome> UploadAsync(byte[] archive, string uploader, CancellationToken cancellationToken = default)
    {
        var read = PackReader.ReadZip(new MemoryStream(archive));
        if (!read.Ok) return new UploadOutcome.Refused(read.Errors);
        return await AcceptAsync(read.Files!, archive, uploader, activateIfFirst: true, cancellationToken);
    }

    /// <summary>Imports a shipped pack folder as if uploaded by the system.</summary>
    public async Task<UploadOutcome> ImportFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var read = PackReader.ReadDirectory(folder);
        if (!read.Ok) return new UploadOutcome.Refused(read.Errors);
        return await AcceptAsync(read.Files!, PackArchive.Zip(read.Files!), "system", activateIfFirst: true, cancellationToken);
    }

    private async Task<UploadOutcome> AcceptAsync(PackFiles files, byte[] archive, string uploader, bool activateIfFirst, CancellationToken cancellationToken)
    {
        var options = catalog.LoadOptions with { RunTests = true };
        var loaded = await Task.Run(() => PackLoader.Load(files, options), cancellationToken);
        if (!loaded.Ok) return new UploadOutcome.Refused(loaded.Errors);
        var pack = loaded.Pack;
        var (id, version) = (pack.Manifest.Id, pack.Manifest.Version);
        var existing = await db.PackVersions.AsNoTracking().Where(p => p.PackId == id && p.Version == version)
            .Select(p => new { p.ContentHash }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
            return existing.ContentHash == pack.ContentHash
                ? new UploadOutcome.AlreadyStored(id, version)
                : new UploadOutcome.Conflict(id, version, $"Phiên bản {version} của gói {id} đã được lưu với nội dung khác. Hãy tăng số phiên bản (ví dụ {NextPatch(version)}).");
        var record = new PackVersionRecord
        {
            PackId = id, Version = version, Title = pack.Manifest.Title, Archive = archive,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(archive)), ContentHash = pack.ContentHash,
            UploadedBy = uploader, UploadedAt = time.GetUtcNow(),
        };
        db.PackVersions.Add(record);
        db.AuditEntries.Add(Audit("pack.uploaded", uploader, new { packId = id, version, sha256 = record.Sha256 }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored the same (id, version) first: answer as if we came second.
            db.ChangeTracker.Clear();
            var stored = await db.PackVersions.AsNoTracking().Where(p => p.PackId == id && p.Version == version).Select(p => p.ContentHash).FirstOrDefaultAsync(cancellationToken);
            if (stored is null) throw;
            return stored == pack.ContentHash ? new UploadOutcome.AlreadyStored(id, version) : new UploadOutcome.Conflict(id, version, $"Phiên bản {version} của gói {id} đã được lưu với nội dung khác.");
        }
        catalog.Remember(pack);
        var activated = activateIfFirst && !await db.ActivePacks.AnyAsync(a => a.PackId == id, cancellationToken)
            && await ActivateAsync(id, version, uploader, cancellationToken);
        logger.LogInformation("Pack {PackId} {Version} stored by {Uploader} (activated: {Activated})", id, version, uploader, activated);
        return new UploadOutcome.Created(id, version, activated);
    }

    /// <summary>Makes a stored version the active one (also how a rollback is done). False when the version is unknown.</summary>
    public async Task<bool> ActivateAsync(string packId, string version, string actor, CancellationToken cancellationToken = default)
    {
        var target = await db.PackVersions.AsNoTracking().Where(p => p.PackId == packId && p.Version == version).Select(p => new { p.Id }).FirstOrDefaultAsync(cancellationToken);
        if (target is null) return false;
        var now = time.GetUtcNow();
        var active = await db.ActivePacks.FirstOrDefaultAsync(a => a.PackId == packId, cancellationToken);
        var from = active is null ? null : await db.PackVersions.Where(p => p.Id == active.VersionId).Select(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        if (active is null) db.ActivePacks.Add(new ActivePackRecord { PackId = packId, VersionId = target.Id, ActivatedAt = now, ActivatedBy = actor });
        else
        {
            active.VersionId = target.Id;
            active.ActivatedAt = now;
            active.ActivatedBy = actor;
        }
        db.AuditEntries.Add(Audit("pack.activated", actor, new { packId, from, to = version }));
        await db.SaveChangesAsync(cancellationToken);
        catalog.InvalidateActive(packId);
        return true;
    }

    private AuditEntry Audit(string action, string actor, object details) => new()
    {
        Action = action, ActorId = actor, ActorName = actor, At = time.GetUtcNow(), DetailsJson = JsonSerializer.Serialize(details),
    };

    private static string NextPatch(string version)
    {
        var core = version.Split('-', '+')[0].Split('.');
        return core.Length == 3 && int.TryParse(core[2], out var patch) ? $"{core[0]}.{core[1]}.{patch + 1}" : version + ".1";
    }
}
