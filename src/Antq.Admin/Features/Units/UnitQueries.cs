using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>Reads of the hierarchy, always limited to the caller's scope (its unit's subtree).</summary>
public sealed class UnitQueries(AntqDbContext db, UnitDirectory directory, UnitPeriods periods, CurrentAccount current, TimeProvider time)
{
    private DateOnly Today => VietnamTime.DateOf(time.GetUtcNow());

    public async Task<Page<UnitView>> ListAsync(UnitFilter filter, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var query = directory.Subtree(account.ScopeUnit);
        if (filter.ParentId is int parentId) query = query.Where(u => u.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(filter.Level)) query = query.Where(u => u.LevelId == filter.Level.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Kind)) query = query.Where(u => u.KindId == filter.Kind.Trim());
        var (skip, take) = (filter.SkipOrDefault, filter.TakeOrDefault);

        if (string.IsNullOrWhiteSpace(filter.Q))
        {
            var total = await query.CountAsync(ct);
            var items = await query.OrderBy(u => u.Depth).ThenBy(u => u.Code).Skip(skip).Take(take).ToListAsync(ct);
            return new Page<UnitView>(await MarkedAsync(items, ct), total, skip, take);
        }

        // Name search ignores case and Vietnamese diacritics, which SQL LIKE cannot do on every
        // provider; a scope holds at most some thousands of units, so it is folded here.
        var needle = VietnameseText.Fold(filter.Q.Trim());
        var candidates = await query.ToListAsync(ct);
        // Any of a unit's names over time (UnitPeriod.NameKey) matches too: "quyet thang" finds the ward it merged into.
        var formerly = (await db.UnitPeriods.AsNoTracking().Where(p => p.NameKey.Contains(needle)).Select(p => p.UnitId).ToListAsync(ct)).ToHashSet();
        var matches = candidates
            .Where(u => VietnameseText.Fold(u.Name).Contains(needle, StringComparison.Ordinal) || u.Code.Contains(filter.Q.Trim(), StringComparison.OrdinalIgnoreCase) || formerly.Contains(u.Id))
            .OrderBy(u => u.Depth).ThenBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
        return new Page<UnitView>(await MarkedAsync(matches.Skip(skip).Take(take).ToList(), ct), matches.Count, skip, take);
    }

    /// <summary>Views of the units, a dissolved one marked with the day it ended (search still finds it: its history stays reachable).</summary>
    private async Task<List<UnitView>> MarkedAsync(List<Unit> units, CancellationToken ct)
    {
        var dissolved = await periods.DissolvedAsync(units.Select(u => u.Id).ToList(), Today, ct);
        return units.Select(u => UnitView.Of(u, dissolved.TryGetValue(u.Id, out var from) ? from : null)).ToList();
    }

    public async Task<UnitDetailView> GetAsync(int id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var unit = await directory.GetVisibleAsync(account, id, ct);
        // The chain above the caller's own unit is shown by name only: a unit knows its district and province.
        var ancestors = await directory.AncestorsAsync(unit, ct);
        // Children that exist today: a province's districts closed by the 2025 reform no longer count.
        var children = await periods.Current(db.Units.AsNoTracking().Where(u => u.ParentId == unit.Id), Today)
            .GroupBy(u => u.KindId).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var descendants = await directory.Subtree(unit).CountAsync(ct) - 1;
        var managing = unit.ManagingUnitId is int m ? await directory.FindAsync(m, ct) : null;
        return new UnitDetailView(unit.Id, unit.Code, unit.Name, unit.KindId, unit.LevelId, unit.ParentId, unit.Path, unit.Depth, unit.Active,
            ancestors.Select(a => new UnitRef(a.Id, a.Code, a.Name, a.LevelId)).ToList(),
            children.Sum(c => c.Count), descendants, children.ToDictionary(c => c.Kind, c => c.Count),
            managing is null ? null : new UnitRef(managing.Id, managing.Code, managing.Name, managing.LevelId), unit.ManagedAt, unit.DelegatesRecognition,
            (await periods.DissolvedAsync([unit.Id], Today, ct)).TryGetValue(unit.Id, out var dissolvedFrom) ? dissolvedFrom : null);
    }

    /// <summary>
    /// The tree one level at a time: the units directly under a visible unit (the caller's own unit
    /// when null), by level then name, each with its number of children. Only units that exist today
    /// unless <paramref name="includeDissolved"/> (then dissolved and inactive ones come too, marked).
    /// </summary>
    public async Task<List<UnitNodeView>> ChildrenAsync(int? parentId, CancellationToken ct, bool includeDissolved = false)
    {
        var account = await current.RequireAsync(ct);
        var parent = await directory.GetVisibleAsync(account, parentId ?? account.ScopeUnit.Id, ct);
        var today = Today;
        IQueryable<Unit> Shown(IQueryable<Unit> units) => includeDissolved ? units : periods.Current(units, today);
        var children = await Shown(db.Units.AsNoTracking().Where(u => u.ParentId == parent.Id)).Include(u => u.Level).ToListAsync(ct);
        var ids = children.Select(c => c.Id).ToList();
        var dissolved = includeDissolved ? await periods.DissolvedAsync(ids, today, ct) : [];
        var counts = await Shown(db.Units.AsNoTracking().Where(u => u.ParentId != null && ids.Contains(u.ParentId.Value)))
            .GroupBy(u => u.ParentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // A unit managed by another than its parent says so in the tree (a province-managed school in a phường).
        var managingIds = children.Where(c => c.ManagingUnitId is not null && c.ManagingUnitId != c.ParentId).Select(c => c.ManagingUnitId!.Value).Distinct().ToList();
        var managing = await db.Units.AsNoTracking().Where(u => managingIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return children
            .OrderBy(u => u.Level?.Rank ?? int.MaxValue).ThenBy(u => u.Name, VietnameseText.Order)
            .Select(u => new UnitNodeView(UnitView.Of(u, dissolved.TryGetValue(u.Id, out var from) ? from : null), counts.GetValueOrDefault(u.Id),
                u.ManagingUnitId is int m && m != u.ParentId ? managing.GetValueOrDefault(m) : null))
            .ToList();
    }

    public async Task<List<UnitLevelView>> LevelsAsync(CancellationToken ct)
    {
        await current.RequireAsync(ct);
        return await db.UnitLevels.AsNoTracking().OrderBy(l => l.Rank).ThenBy(l => l.Id)
            .Select(l => new UnitLevelView(l.Id, l.Name, l.Rank)).ToListAsync(ct);
    }

    public async Task<List<UnitKindView>> KindsAsync(CancellationToken ct)
    {
        await current.RequireAsync(ct);
        return await db.UnitKinds.AsNoTracking().OrderBy(k => k.Id).Select(k => new UnitKindView(k.Id, k.Name)).ToListAsync(ct);
    }
}
