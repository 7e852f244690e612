using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>
/// What an import would do to the caller's subtree, checked as a whole before anything is written:
/// every row on its own, then the resulting tree (no unit under its own descendant, every level
/// below its parent's). The scope's units are loaded and the new tree is simulated in memory.
/// </summary>
internal sealed class UnitImportPlan
{
    private readonly Unit _scopeRoot;
    private readonly string? _scopeRootParentCode;
    private readonly Dictionary<string, Unit> _existing;
    private readonly HashSet<string> _takenOutside;
    private readonly Dictionary<string, int> _ranks;
    private readonly HashSet<string> _kinds;
    private readonly Dictionary<Unit, Unit?> _parentOf = [];
    private readonly Dictionary<Unit, string> _levelOf = [];
    private readonly Dictionary<Unit, int> _rowOf = [];
    private readonly List<UnitImportError> _errors = [];
    private readonly Dictionary<string, int> _managingIds = new(StringComparer.Ordinal);

    private UnitImportPlan(Unit scopeRoot, string? scopeRootParentCode, List<Unit> scopeUnits, HashSet<string> takenOutside,
        Dictionary<string, int> ranks, HashSet<string> kinds)
    {
        (_scopeRoot, _scopeRootParentCode, _takenOutside, _ranks, _kinds) = (scopeRoot, scopeRootParentCode, takenOutside, ranks, kinds);
        _existing = scopeUnits.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var byId = scopeUnits.ToDictionary(u => u.Id);
        foreach (var unit in scopeUnits)
        {
            _levelOf[unit] = unit.LevelId;
            if (unit != scopeRoot) _parentOf[unit] = unit.ParentId is int p ? byId.GetValueOrDefault(p) : null;
        }
    }

    public List<(UnitImportRow Row, Unit Unit, bool IsNew, Unit? Parent)> Steps { get; } = [];

    public IReadOnlyList<UnitImportError> Errors =>
        _errors.Distinct().OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(UnitImportTable.Columns, e.Column ?? "")).ToList();

    public int Created => Steps.Count(s => s.IsNew);
    public int Updated => Steps.Count(s => !s.IsNew);

    public static async Task<UnitImportPlan> BuildAsync(AntqDbContext db, Account account, IReadOnlyList<UnitImportRow> rows, CancellationToken ct)
    {
        var scopePath = account.ScopeUnit.Path;
        var scopeUnits = await db.Units.Where(u => u.Path.StartsWith(scopePath)).ToListAsync(ct);
        var scopeRoot = scopeUnits.Single(u => u.Id == account.ScopeUnit.Id);
        var rootParentCode = scopeRoot.ParentId is int pid ? await db.Units.Where(u => u.Id == pid).Select(u => u.Code).FirstAsync(ct) : null;
        var codes = rows.Select(r => r.Code).Where(c => c.Length > 0).Distinct().ToList();
        var takenOutside = await db.Units.Where(u => codes.Contains(u.Code) && !u.Path.StartsWith(scopePath)).Select(u => u.Code).ToListAsync(ct);
        var levels = await db.UnitLevels.ToListAsync(ct);
        var ranks = levels.ToDictionary(l => l.Id, l => l.Rank);
        var kindList = await db.UnitKinds.ToListAsync(ct);
        var kinds = kindList.Select(k => k.Id).ToList();
        // Issue 18, item 8: the level and kind columns take the Vietnamese names too ("Cấp xã", "xã", "Phường").
        rows = rows.Select(r => r with
        {
            Level = ByName(r.Level, levels.SelectMany(l => new[] { (l.Name, l.Id), (StripLevelPrefix(l.Name), l.Id) })),
            Kind = ByName(r.Kind, kindList.Select(k => (k.Name, k.Id))),
        }).ToList();
        var plan = new UnitImportPlan(scopeRoot, rootParentCode, scopeUnits, takenOutside.ToHashSet(StringComparer.Ordinal), ranks, kinds.ToHashSet(StringComparer.Ordinal));
        // A managing unit may lie outside the scope (a school of a commune managed by the province).
        var managingCodes = rows.Select(r => r.ManagingCode).Where(c => c.Length > 0).Distinct().ToList();
        foreach (var managing in await db.Units.Where(u => managingCodes.Contains(u.Code)).Select(u => new { u.Code, u.Id }).ToListAsync(ct))
            plan._managingIds[managing.Code] = managing.Id;
        plan.CheckRows(rows);
        if (plan._errors.Count == 0) plan.CheckTree();
        return plan;
    }

    /// <summary>The id whose Vietnamese name the cell holds (accents and case aside); else the cell as written (an id, or an error).</summary>
    private static string ByName(string cell, IEnumerable<(string Name, string Id)> names)
    {
        var folded = VietnameseText.Fold(cell.Trim());
        if (folded.Length == 0) return cell;
        foreach (var (_, id) in names)
            if (string.Equals(id, cell.Trim(), StringComparison.OrdinalIgnoreCase)) return id;
        foreach (var (name, id) in names)
            if (VietnameseText.Fold(name) == folded) return id;
        return cell;
    }

    private static string StripLevelPrefix(string name) =>
        name.StartsWith("Cấp ", StringComparison.OrdinalIgnoreCase) ? name[4..] : name;

    private void CheckRows(IReadOnlyList<UnitImportRow> rows)
    {
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFile = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var before = _errors.Count;
            void Error(string column, string message) => _errors.Add(new UnitImportError(row.Row, column, message));

            if (UnitRules.CodeProblem(row.Code) is { } codeProblem) Error("code", codeProblem);
            else if (firstRowOf.TryGetValue(row.Code, out var first)) Error("code", $"Mã đơn vị trùng với dòng {first}.");
            else if (_takenOutside.Contains(row.Code)) Error("code", "Mã đơn vị đã được dùng cho một đơn vị ngoài phạm vi quản lý.");
            if (row.Code.Length > 0) firstRowOf.TryAdd(row.Code, row.Row);
            if (UnitRules.NameProblem(row.Name) is { } nameProblem) Error("name", nameProblem);
            if (!_kinds.Contains(row.Kind)) Error("kind", $"Loại đơn vị \"{row.Kind}\" không có trong danh mục loại đơn vị.");
            if (!_ranks.ContainsKey(row.Level)) Error("level", $"Cấp \"{row.Level}\" không có trong danh mục cấp đơn vị.");

            var existing = _existing.GetValueOrDefault(row.Code);
            Unit? parent = null;
            if (existing == _scopeRoot)
            {
                // The root of the caller's scope stays where it is: its parent lies outside the scope.
                if (row.ParentCode.Length > 0 && row.ParentCode != _scopeRootParentCode) Error("parentCode", "Không thể chuyển đơn vị gốc của phạm vi quản lý.");
            }
            else if (row.ParentCode.Length == 0) Error("parentCode", "Cần mã đơn vị cha.");
            else if (row.ParentCode == row.Code) Error("parentCode", UnitRules.CycleMessage);
            else if (!inFile.TryGetValue(row.ParentCode, out parent) && !_existing.TryGetValue(row.ParentCode, out parent))
                Error("parentCode", $"Không tìm thấy đơn vị cha \"{row.ParentCode}\": đơn vị cha phải đã có trong phạm vi quản lý hoặc ở một dòng phía trên.");
            if (row.ManagingCode.Length > 0 && row.ManagingCode == row.Code) Error("managingCode", "Đơn vị không thể tự quản lý chính nó.");
            else if (row.ManagingCode.Length > 0 && !_managingIds.ContainsKey(row.ManagingCode) && !inFile.ContainsKey(row.ManagingCode))
                Error("managingCode", $"Không tìm thấy đơn vị quản lý \"{row.ManagingCode}\": phải đã có trong hệ thống hoặc ở một dòng phía trên.");
            if (_errors.Count > before) continue;

            var unit = existing ?? new Unit { Code = row.Code, Name = row.Name, KindId = row.Kind, LevelId = row.Level };
            inFile[row.Code] = unit;
            _rowOf[unit] = row.Row;
            // A dated row of an existing unit is a new period: the unit row changes only when the period begins (UnitPeriods).
            if (existing is null || row.ValidFrom is null)
            {
                _levelOf[unit] = row.Level;
                if (unit != _scopeRoot) _parentOf[unit] = parent;
            }
            Steps.Add((row, unit, existing is null, parent));
        }
    }

    private void CheckTree()
    {
        // Only a moved existing unit can close a loop: walk up from each one.
        foreach (var (row, unit, _, _) in Steps.Where(s => !s.IsNew && s.Unit != _scopeRoot))
        {
            var steps = 0;
            for (var up = _parentOf[unit]; up is not null && steps++ <= _parentOf.Count; up = _parentOf.GetValueOrDefault(up))
                if (up == unit) { _errors.Add(new UnitImportError(row.Row, "parentCode", UnitRules.CycleMessage)); break; }
        }
        foreach (var (unit, parent) in _parentOf)
        {
            if (parent is null || _ranks[_levelOf[unit]] > _ranks[_levelOf[parent]]) continue;
            if (_rowOf.TryGetValue(unit, out var row)) _errors.Add(new UnitImportError(row, "level", UnitRules.RankMessage));
            else if (_rowOf.TryGetValue(parent, out var parentRow)) _errors.Add(new UnitImportError(parentRow, "level", "Cấp mới phải cao hơn cấp của các đơn vị trực thuộc."));
        }
    }

    /// <summary>The id of a managing unit named by code: an existing unit, or one the file created (after <see cref="ApplyAsync"/>).</summary>
    public int? ManagingId(string code) =>
        code.Length == 0 ? null : _managingIds.TryGetValue(code, out var id) ? id : Steps.FirstOrDefault(s => s.Unit.Code == code).Unit?.Id;

    /// <summary>Writes the plan (the caller holds the transaction): rows first, then every path and depth of the scope, top down.</summary>
    public async Task ApplyAsync(AntqDbContext db, CancellationToken ct)
    {
        foreach (var (row, unit, isNew, parent) in Steps)
        {
            if (!isNew && row.ValidFrom is not null) continue; // recorded as a period afterwards
            unit.Name = row.Name;
            unit.KindId = row.Kind;
            unit.LevelId = row.Level;
            if (unit != _scopeRoot) unit.Parent = parent;
            if (isNew) db.Units.Add(unit);
        }
        await db.SaveChangesAsync(ct);

        var children = _parentOf.Where(p => p.Value is not null).ToLookup(p => p.Value!, p => p.Key);
        var queue = new Queue<Unit>([_scopeRoot]);
        while (queue.TryDequeue(out var unit))
            foreach (var child in children[unit])
            {
                child.Path = $"{unit.Path}{child.Id}/";
                child.Depth = unit.Depth + 1;
                queue.Enqueue(child);
            }
        await db.SaveChangesAsync(ct);
    }
}
