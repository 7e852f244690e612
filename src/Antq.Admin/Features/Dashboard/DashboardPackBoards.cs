using System.Globalization;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.FormEngine;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Dashboard;

/// <summary>
/// The "units × status" boards of the dashboard, counted by the database. Nationally the subtree is 150,000 units and
/// 137,000 dossiers: reading them to count in memory took seconds per request. Here each pack is one
/// <c>GROUP BY</c> over the active units of its kinds left-joined to their dossier of the year, grouped by the unit's
/// parent (a few thousand groups nationally); the groups are then folded into the rows (the focus and its children)
/// by the parents' paths. Each concerned unit counts in the row of the child of the focus its path passes through, or
/// in the focus's own row.
/// </summary>
public sealed class DashboardPackBoards(AntqDbContext db)
{
    /// <summary>Concerned units under the same parent (or a row's own unit, <c>Own</c>) of one kind.</summary>
    private sealed record UnitGroup(int Key, bool Own, string KindId, int Count);

    /// <summary>Their dossiers of the year for one pack, in one status.</summary>
    private sealed record DossierGroup(int Key, bool Own, string KindId, string PackId, string Status, int Count);

    /// <summary>The boards of <paramref name="packs"/> with a concerned unit, and the dossiers of the row units (the focus and its children).</summary>
    internal async Task<(List<PackBoard> Boards, List<DashboardQueries.SubmissionRow> Own)> ForAsync(Unit focus, int year, IReadOnlyList<CompiledPack> packs,
        IReadOnlyDictionary<string, string> levels, CancellationToken ct)
    {
        var rowUnits = await db.Units.AsNoTracking().Where(u => u.Active && (u.Id == focus.Id || u.ParentId == focus.Id)).ToDictionaryAsync(u => u.Id, ct);
        var rowIds = rowUnits.Keys.ToList();
        var own = await db.Submissions.AsNoTracking()
            .Where(s => s.Year == year && rowIds.Contains(s.UnitId))
            .Select(s => new DashboardQueries.SubmissionRow(s.Id, s.UnitId, s.PackId, s.Status, s.PendingUnitId))
            .ToListAsync(ct);
        var (unitGroups, dossierGroups) = await GroupsAsync(focus, year, packs, ct);

        // The paths of the parents below the rows (communes nationally), to find the row each group counts in.
        var parents = unitGroups.Where(g => !g.Own).Select(g => g.Key).Distinct().ToList();
        var rowOfParent = parents.Count == 0 ? [] : (await db.Units.AsNoTracking()
                .Where(u => parents.Contains(u.Id))
                .Select(u => new { u.Id, u.Path })
                .ToListAsync(ct))
            .ToDictionary(u => u.Id, u => RowOf(u.Id, u.Path, focus));
        var dossiersOf = dossierGroups.ToLookup(d => (d.Key, d.Own, d.KindId, d.PackId));

        var boards = new List<PackBoard>();
        foreach (var pack in packs)
        {
            var manifest = pack.Manifest;
            var totals = new Tally();
            var rows = new Dictionary<int, (Tally Tally, int Below)>();
            foreach (var group in unitGroups.Where(g => manifest.UnitKinds.Contains(g.KindId)))
            {
                var rowId = group.Own ? group.Key : rowOfParent[group.Key];
                if (!rows.TryGetValue(rowId, out var row)) row = (new Tally(), 0);
                // One dossier per unit, pack and year (a unique index): the units without one have not started.
                var started = 0;
                foreach (var dossiers in dossiersOf[(group.Key, group.Own, group.KindId, manifest.Id)])
                {
                    totals.Add(dossiers.Status, dossiers.Count);
                    row.Tally.Add(dossiers.Status, dossiers.Count);
                    started += dossiers.Count;
                }
                totals.Add(DashboardStatuses.NotStarted, group.Count - started);
                row.Tally.Add(DashboardStatuses.NotStarted, group.Count - started);
                rows[rowId] = (row.Tally, row.Below + (group.Own ? 0 : group.Count));
            }
            if (totals.Total == 0) continue;
            var list = rows
                .Where(r => rowUnits.ContainsKey(r.Key))
                .Select(r =>
                {
                    var unit = rowUnits[r.Key];
                    var concerned = manifest.UnitKinds.Contains(unit.KindId);
                    var submission = concerned ? own.FirstOrDefault(s => s.UnitId == unit.Id && s.PackId == manifest.Id) : null;
                    var status = concerned ? submission?.Status ?? DashboardStatuses.NotStarted : null;
                    return new UnitRow(DashboardQueries.Ref(unit, levels), unit.Id == focus.Id, unit.Id != focus.Id && r.Value.Below > 0, submission?.Id,
                        status, r.Value.Tally.ToCounts());
                })
                .OrderBy(r => r.Self ? 0 : 1).ThenBy(r => r.Unit.Name, DashboardQueries.ByName)
                .ToList();
            boards.Add(new PackBoard(manifest.Id, manifest.Title, manifest.Version, totals.ToCounts(), list));
        }
        return (boards, own);
    }

    /// <summary>
    /// The active units of the packs' kinds in the subtree counted per parent and kind — or per unit for the focus and its
    /// children, which are rows themselves (<c>Own</c>) — and, grouped the same way, their dossiers of the year per pack and
    /// status. Two scans for every pack (an index-only one of the dossiers, <c>IX_Submissions_Year_PackId_UnitId</c>).
    /// </summary>
    private async Task<(List<UnitGroup> Units, List<DossierGroup> Dossiers)> GroupsAsync(Unit focus, int year, IReadOnlyList<CompiledPack> packs,
        CancellationToken ct)
    {
        var packIds = packs.Select(p => p.Manifest.Id).ToList();
        var kinds = packs.SelectMany(p => p.Manifest.UnitKinds).Distinct().ToList();
        var focusId = focus.Id;
        var units = db.Units.AsNoTracking().Where(u => u.Active && kinds.Contains(u.KindId) && u.Path.StartsWith(focus.Path));
        var unitGroups = await units
            .GroupBy(u => new { Key = u.Id == focusId || u.ParentId == focusId ? u.Id : u.ParentId!.Value, Own = u.Id == focusId || u.ParentId == focusId, u.KindId })
            .Select(g => new UnitGroup(g.Key.Key, g.Key.Own, g.Key.KindId, g.Count()))
            .ToListAsync(ct);
        var dossierGroups = await (
                from s in db.Submissions.AsNoTracking().Where(s => s.Year == year && packIds.Contains(s.PackId))
                join u in units on s.UnitId equals u.Id
                let own = u.Id == focusId || u.ParentId == focusId
                group s by new { Key = own ? u.Id : u.ParentId!.Value, Own = own, u.KindId, s.PackId, s.Status } into g
                select new DossierGroup(g.Key.Key, g.Key.Own, g.Key.KindId, g.Key.PackId, g.Key.Status, g.Count()))
            .ToListAsync(ct);
        return (unitGroups, dossierGroups);
    }

    /// <summary>The id of the child of <paramref name="focus"/> on the unit's path (or the focus itself).</summary>
    private static int RowOf(int unitId, string path, Unit focus)
    {
        if (unitId == focus.Id) return focus.Id;
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(ids, focus.Id.ToString(CultureInfo.InvariantCulture));
        return int.Parse(ids[at + 1], CultureInfo.InvariantCulture);
    }

    private sealed class Tally
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

        public int Total { get; private set; }

        public void Add(string status, int count)
        {
            _counts[status] = _counts.GetValueOrDefault(status) + count;
            Total += count;
        }

        public StatusCounts ToCounts() => new(
            _counts.GetValueOrDefault(DashboardStatuses.NotStarted), _counts.GetValueOrDefault(SubmissionStatus.Draft),
            _counts.GetValueOrDefault(SubmissionStatus.Submitted), _counts.GetValueOrDefault(SubmissionStatus.Returned),
            _counts.GetValueOrDefault(SubmissionStatus.Approved), _counts.GetValueOrDefault(SubmissionStatus.Recognised),
            _counts.GetValueOrDefault(SubmissionStatus.NotRecognised));
    }
}
