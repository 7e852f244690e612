using Antq.Admin.Infrastructure;
using Antq.FormEngine.Packs.Diff;

namespace Antq.Admin.Features.Packs;

/// <summary>The readable difference between two stored versions of a pack (administrators, like the impact preview).</summary>
public sealed class PackComparison(PackCatalog catalog, CurrentAccount current)
{
    public async Task<PackDiffResult> CompareAsync(string packId, string from, string to, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var before = await catalog.GetAsync(packId, from, ct) ?? throw PackAuthorization.VersionNotFound(packId, from);
        var after = await catalog.GetAsync(packId, to, ct) ?? throw PackAuthorization.VersionNotFound(packId, to);
        return PackDiff.Compare(before, after);
    }
}
