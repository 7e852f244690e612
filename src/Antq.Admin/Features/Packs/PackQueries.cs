using System.Text.Json;
using System.Xml;
using Antq.Admin.Data;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>What any signed-in account may read about packs: the list, the versions, the form.</summary>
public sealed class PackQueries(AntqDbContext db, PackCatalog catalog, CurrentAccount current, PackFourEyes fourEyes)
{
    public async Task<IReadOnlyList<PackSummary>> ListAsync(CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var counts = await db.PackVersions.AsNoTracking().GroupBy(p => p.PackId)
            .Select(g => new { PackId = g.Key, Count = g.Count(), Latest = g.Max(p => p.Id) }).ToListAsync(ct);
        var active = await db.ActivePacks.AsNoTracking().Select(a => new { a.PackId, a.Version!.Version, a.ActivatedBy, a.ActivatedAt }).ToDictionaryAsync(a => a.PackId, ct);
        var scope = account.ScopeUnit.Path;
        var submissions = await db.Submissions.AsNoTracking().Where(s => s.Unit!.Path.StartsWith(scope))
            .GroupBy(s => s.PackId).Select(g => new { PackId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.PackId, g => g.Count, ct);
        var latest = counts.Select(c => c.Latest).ToList();
        var latestVersions = await db.PackVersions.AsNoTracking().Where(p => latest.Contains(p.Id)).ToDictionaryAsync(p => p.PackId, p => p.Version, ct);
        var list = new List<PackSummary>();
        foreach (var pack in counts.OrderBy(c => c.PackId, StringComparer.Ordinal))
        {
            var activation = active.GetValueOrDefault(pack.PackId);
            var activeVersion = activation?.Version;
            // A pack always gets a version active on its first upload; the latest one stands in otherwise.
            var shown = await catalog.GetAsync(pack.PackId, activeVersion ?? latestVersions[pack.PackId], ct);
            if (shown is null) continue;
            var manifest = shown.Manifest;
            list.Add(new PackSummary(pack.PackId, manifest.Title, activeVersion, manifest.UnitKinds, manifest.RecognisedBy, pack.Count,
                activation?.ActivatedBy, activation?.ActivatedAt, submissions.GetValueOrDefault(pack.PackId)));
        }
        return list;
    }

    public async Task<IReadOnlyList<PackVersionView>> VersionsAsync(string packId, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var versions = await VersionRows(packId, version: null).ToListAsync(ct);
        if (versions.Count == 0) throw PackAuthorization.PackNotFound(packId);
        var activations = await ActivationsAsync(packId, ct);
        var held = await fourEyes.HeldForOthersAsync(packId, account, ct);
        return versions.Select(v => WithStatus(v, activations, held)).ToList();
    }

    public async Task<PackVersionView> VersionAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var view = await VersionRows(packId, version).FirstOrDefaultAsync(ct)
            ?? throw PackAuthorization.VersionNotFound(packId, version);
        return WithStatus(view, await ActivationsAsync(packId, ct), await fourEyes.HeldForOthersAsync(packId, account, ct));
    }

    private static PackVersionView WithStatus(PackVersionView view, IReadOnlyDictionary<string, DateTimeOffset> activations, IReadOnlySet<string> held) => view with
    {
        AwaitsOtherAdmin = !view.Active && held.Contains(view.Version),
        Status = view.Active ? PackVersionStatus.Active : activations.ContainsKey(view.Version) ? PackVersionStatus.Previous : PackVersionStatus.Never,
        LastActivatedAt = activations.TryGetValue(view.Version, out var at) ? at : null,
    };

    /// <summary>When each version of the pack last became active, from the append-only audit trail.</summary>
    private async Task<IReadOnlyDictionary<string, DateTimeOffset>> ActivationsAsync(string packId, CancellationToken ct)
    {
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var row in await PackAuditTrail.ForPackAsync(db, PackAuditTrail.Activated, packId, ct))
            if (row.Text("to") is { } version && (!last.TryGetValue(version, out var seen) || seen < row.At))
                last[version] = row.At;
        return last;
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
