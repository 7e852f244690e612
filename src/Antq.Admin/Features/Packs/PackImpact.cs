using Antq.Admin.Features.Packs.Impact;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// Impact preview of a candidate version for a province administrator, over the submissions in the administrator's
/// scope (<see cref="PackImpactScan"/>). Nothing is written; the candidate need not be active. A pack with more dossiers
/// in scope than <see cref="ImpactSettings.InlineMax"/> is not evaluated within the request: a background run is
/// started (or an existing one reused) instead and its progress read from <see cref="ImpactRuns"/> (issue 19).
/// </summary>
public sealed class PackImpact(PackCatalog catalog, CurrentAccount current, PackImpactScan scan, ImpactRuns runs, ImpactSettings settings)
{
    /// <summary>The preview evaluated now, or the background run that computes it when the pack is large.</summary>
    public async Task<ImpactPreview> PreviewAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var candidate = await catalog.GetAsync(packId, version, ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
        var stamp = await scan.StampAsync(packId, account.ScopeUnit.Path, ct);
        if (stamp.Count > settings.InlineMax)
            return new ImpactPreview(null, await runs.StartAsync(account, packId, candidate.Manifest.Version, stamp, ct));
        return new ImpactPreview(await scan.RunAsync(packId, candidate, account.ScopeUnit.Path, progress: null, ct), null);
    }
}

/// <summary>Either the finished preview or the run computing it in the background.</summary>
public sealed record ImpactPreview(PackImpactView? Result, ImpactRunView? Run);
