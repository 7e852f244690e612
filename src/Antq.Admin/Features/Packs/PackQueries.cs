using System.Text.Json;
using System.Xml;
using Antq.Admin.Data;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>What any signed-in account may read about packs: the list, the versions, the form.</summary>
public sealed class PackQueries(AntqDbContext db, PackCatalog catalog, CurrentAccount current)
{
    public async Task<IReadOnlyList<PackSummary>> ListAsync(CancellationToken ct)
    {
        await current.RequireAsync(ct);
        var counts = await db.PackVersions.AsNoTracking().GroupBy(p => p.PackId)
            .Select(g => new { PackId = g.Key, Count = g.Count(), Latest = g.Max(p => p.Id) }).ToListAsync(ct);
        var active = await db.ActivePacks.AsNoTracking().Select(a => new { a.PackId, a.Version!.Version }).ToDictionaryAsync(a => a.PackId, a => a.Version, ct);
        var latest = counts.Select(c => c.Latest).ToList();
        var latestVersions = await db.PackVersions.AsNoTracking().Where(p => latest.Contains(p.Id)).ToDictionaryAsync(p => p.PackId, p => p.Version, ct);
        var list = new List<PackSummary>();
        foreach (var pack in counts.OrderBy(c => c.PackId, StringComparer.Ordinal))
        {
            var activeVersion = active.GetValueOrDefault(pack.PackId);
            // A pack always gets a version active on its first upload; the latest one stands in otherwise.
            var shown = await catalog.GetAsync(pack.PackId, activeVersion ?? latestVersions[pack.PackId], ct);
            if (shown is null) continue;
            var manifest = shown.Manifest;
            list.Add(new PackSummary(pack.PackId, manifest.Title, activeVersion, manifest.UnitKinds, manifest.RecognisedBy, pack.Count));
        }
        return list;
    }

    public async Task<IReadOnlyList<PackVersionView>> VersionsAsync(string packId, CancellationToken ct)
    {
        await current.RequireAsync(ct);
        var versions = await VersionRows(packId, version: null).ToListAsync(ct);
        if (versions.Count == 0) throw PackAuthorization.PackNotFound(packId);
        return versions;
    }

    public async Task<PackVersionView> VersionAsync(string packId, string version, CancellationToken ct)
    {
        await current.RequireAsync(ct);
        return await VersionRows(packId, version).FirstOrDefaultAsync(ct)
            ?? throw PackAuthorization.VersionNotFound(packId, version);
    }

    private IQueryable<PackVersionView> VersionRows(string packId, string? version)
    {
        var rows = db.PackVersions.AsNoTracking().Where(p => p.PackId == packId);
        if (version is not null) rows = rows.Where(p => p.Version == version);
        return rows.OrderBy(p => p.Id)
            .Select(p => new PackVersionView(p.PackId, p.Version, p.Title, p.Sha256, p.UploadedBy, p.UploadedAt,
                db.ActivePacks.Any(a => a.PackId == packId && a.VersionId == p.Id)));
    }

    public async Task<PackFormView> FormAsync(string packId, string? version, CancellationToken ct)
    {
        await current.RequireAsync(ct);
        var pack = await ResolveAsync(catalog, packId, version, ct);
        // Parsed from the stored bytes rather than serialising the shared JsonNode: safe under concurrency.
        using var schema = JsonDocument.Parse(pack.Files.Get("form.schema.json")!);
        return new PackFormView(pack.Manifest.Id, pack.Manifest.Version, pack.Manifest.Title, schema.RootElement.Clone(),
            pack.CriteriaList.Select(c => new PackCriterionView(c.Id, c.Title, c.Group)).ToList(),
            pack.Manifest.Documents, pack.Deadlines.Select(Deadline).ToList());
    }

    /// <summary>The requested version, or the active one; a 404 when either is unknown.</summary>
    public static async Task<CompiledPack> ResolveAsync(PackCatalog catalog, string packId, string? version, CancellationToken ct) =>
        string.IsNullOrEmpty(version)
            ? await catalog.GetActiveAsync(packId, ct) ?? throw PackAuthorization.PackNotFound(packId)
            : await catalog.GetAsync(packId, version, ct) ?? throw PackAuthorization.VersionNotFound(packId, version);

    private static PackDeadlineView Deadline(DeadlineDefinition d) => new(
        d.Id, d.Title, $"{d.DueMonth:00}-{d.DueDay:00}",
        d.OpensMonth is { } month && d.OpensDay is { } day ? $"{month:00}-{day:00}" : null,
        d.Stage, d.Remind.Select(XmlConvert.ToString).ToList(),
        d.EscalateAfter is { } escalate ? XmlConvert.ToString(escalate) : null);
}
