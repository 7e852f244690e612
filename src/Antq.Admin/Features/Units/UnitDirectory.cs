using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>Reads of the unit hierarchy that several features share (materialised paths).</summary>
public sealed class UnitDirectory(AntqDbContext db, UnitPeriods periods)
{
    public Task<Unit?> FindAsync(int id, CancellationToken ct = default) =>
        db.Units.AsNoTracking().Include(u => u.Level).FirstOrDefaultAsync(u => u.Id == id, ct);

    /// <summary>The unit if the account may see it; a 404 otherwise (whether or not it exists: no probing).</summary>
    public async Task<Unit> GetVisibleAsync(Account account, int id, CancellationToken ct = default)
    {
        var unit = await FindAsync(id, ct);
        if (unit is null || !account.CanSee(unit)) throw new AccessDeniedException($"Không tìm thấy đơn vị {id}.", StatusCodes.Status404NotFound);
        return unit;
    }

    /// <summary>Ancestors from the root down to the parent.</summary>
    public async Task<List<Unit>> AncestorsAsync(Unit unit, CancellationToken ct = default)
    {
        var ids = unit.AncestorIds();
        var found = await db.Units.AsNoTracking().Include(u => u.Level).Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        return found.OrderBy(u => u.Depth).ToList();
    }

    /// <summary>Units in a subtree (the unit itself included).</summary>
    public IQueryable<Unit> Subtree(Unit root) => db.Units.AsNoTracking().Where(u => u.Path.StartsWith(root.Path));

    /// <summary>
    /// The reviewing chain of a dossier of <paramref name="year"/>: routed by the pack's recognition rules
    /// (<see cref="Review.RecognitionRouting"/>) over the hierarchy as it was that year, as unit rows.
    /// </summary>
    public async Task<List<Unit>> ReviewChainAsync(Unit unit, FormEngine.Packs.PackManifest manifest, int year, CancellationToken ct = default)
    {
        var hierarchy = await periods.UpwardAsync([unit.Id], UnitPeriods.ReferenceDate(year), ct);
        var self = hierarchy.Find(unit.Id) ?? UnitAsOf.Of(unit);
        var route = Review.RecognitionRouting.Route(self, manifest, hierarchy);
        var ids = route.Chain.Select(u => u.Id).ToList();
        var rows = await db.Units.AsNoTracking().Include(u => u.Level).Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>
    /// The reviewing chain of a submission: the unit's ancestors from the parent upwards, ending at
    /// the nearest ancestor of the recognising level, or at the root when that level does not exist
    /// (as after the 2025 two-level reform).
    /// </summary>
    public async Task<List<Unit>> ReviewChainAsync(Unit unit, string recognisedByLevel, CancellationToken ct = default)
    {
        var ancestors = await AncestorsAsync(unit, ct);
        ancestors.Reverse();
        var chain = new List<Unit>();
        foreach (var ancestor in ancestors)
        {
            chain.Add(ancestor);
            if (ancestor.LevelId == recognisedByLevel) break;
        }
        return chain;
    }
}
