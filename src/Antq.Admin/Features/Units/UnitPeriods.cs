using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>
/// A unit as it was on a date: the period's code, name, kind, level and parent, and the names that
/// head its documents. The id is the unit's (stable across periods); the rest is the period's.
/// </summary>
public sealed record UnitAsOf(int Id, string Code, string Name, string KindId, string LevelId, int? ParentId,
    int? ManagingUnitId, string? ManagedAt, bool DelegatesRecognition,
    string? CommitteeName = null, string? AuthorityName = null, string? PlaceName = null)
{
    public static UnitAsOf Of(Unit unit) => new(unit.Id, unit.Code, unit.Name, unit.KindId, unit.LevelId, unit.ParentId,
        unit.ManagingUnitId, unit.ManagedAt, unit.DelegatesRecognition);

    public static UnitAsOf Of(Unit unit, UnitPeriod period) => new(unit.Id, period.Code, period.Name, period.KindId, period.LevelId, period.ParentId,
        unit.ManagingUnitId, unit.ManagedAt, unit.DelegatesRecognition, period.CommitteeName, period.AuthorityName, period.PlaceName);
}

/// <summary>
/// The hierarchy on one date, in memory: each unit read from its period covering the date, or from its
/// row when it has no periods. Units that did not exist on the date are absent.
/// </summary>
public sealed class UnitHierarchy(DateOnly date, IReadOnlyDictionary<int, UnitAsOf> units)
{
    public DateOnly Date { get; } = date;
    public IReadOnlyDictionary<int, UnitAsOf> Units { get; } = units;

    public UnitAsOf? Find(int id) => Units.GetValueOrDefault(id);

    /// <summary>Ancestors on that date, parent first, root last.</summary>
    public List<UnitAsOf> Ancestors(int id)
    {
        var list = new List<UnitAsOf>();
        var seen = new HashSet<int> { id };
        for (var parentId = Find(id)?.ParentId; parentId is int p && seen.Add(p) && Find(p) is { } parent; parentId = parent.ParentId)
            list.Add(parent);
        return list;
    }

    /// <summary>Whether the unit is <paramref name="ancestorId"/> or lies below it on that date.</summary>
    public bool IsWithin(int id, int ancestorId) => id == ancestorId || Ancestors(id).Any(a => a.Id == ancestorId);

    public static UnitHierarchy Build(DateOnly date, IEnumerable<Unit> units, IEnumerable<UnitPeriod> periods)
    {
        var byUnit = periods.GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.ToList());
        var result = new Dictionary<int, UnitAsOf>();
        foreach (var unit in units)
        {
            if (!byUnit.TryGetValue(unit.Id, out var list)) result[unit.Id] = UnitAsOf.Of(unit);
            else if (list.FirstOrDefault(p => p.Covers(date)) is { } period) result[unit.Id] = UnitAsOf.Of(unit, period);
        }
        return new UnitHierarchy(date, result);
    }
}

/// <summary>Reads and writes of unit periods (history): as-of reads, search by any name, new periods.</summary>
public sealed class UnitPeriods(AntqDbContext db)
{
    /// <summary>
    /// The date a dossier year is read at: 15/11, the end of the evaluation period of TT124 Điều 8
    /// (so 2025 is read after the 1/7/2025 reform and 2024 before it).
    /// </summary>
    public static DateOnly ReferenceDate(int year) => new(year, 11, 15);

    public async Task<UnitHierarchy> AsOfAsync(DateOnly date, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var periods = await db.UnitPeriods.AsNoTracking().ToListAsync(ct);
        return UnitHierarchy.Build(date, units, periods);
    }

    public Task<UnitHierarchy> ForYearAsync(int year, CancellationToken ct = default) => AsOfAsync(ReferenceDate(year), ct);

    /// <summary>
    /// The hierarchy on a date restricted to <paramref name="unitIds"/> and every unit above them: the parents of their
    /// rows and of any of their periods, and their managing units, followed to the root. A review route reads nothing
    /// else, so a save or a dossier view reads a few rows per level instead of the whole table (150,000 units nationally).
    /// </summary>
    public async Task<UnitHierarchy> UpwardAsync(IEnumerable<int> unitIds, DateOnly date, CancellationToken ct = default)
    {
        var units = new Dictionary<int, Unit>();
        var periods = new List<UnitPeriod>();
        var next = unitIds.ToList();
        while (next.Count > 0)
        {
            var batch = next;
            var rows = await db.Units.AsNoTracking().Where(u => batch.Contains(u.Id)).ToListAsync(ct);
            var history = await db.UnitPeriods.AsNoTracking().Where(p => batch.Contains(p.UnitId)).ToListAsync(ct);
            foreach (var row in rows) units[row.Id] = row;
            periods.AddRange(history);
            next = rows.SelectMany(u => new[] { u.ParentId, u.ManagingUnitId }).Concat(history.Select(p => p.ParentId))
                .OfType<int>().Where(id => !units.ContainsKey(id)).Distinct().ToList();
        }
        return UnitHierarchy.Build(date, units.Values, periods);
    }

    /// <summary>The unit on a date (its row when it has no periods; null if it did not exist then).</summary>
    public async Task<UnitAsOf?> FindAsync(int unitId, DateOnly date, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return null;
        var periods = await db.UnitPeriods.AsNoTracking().Where(p => p.UnitId == unitId).ToListAsync(ct);
        if (periods.Count == 0) return UnitAsOf.Of(unit);
        return periods.FirstOrDefault(p => p.Covers(date)) is { } period ? UnitAsOf.Of(unit, period) : null;
    }

    /// <summary>
    /// The units of <paramref name="units"/> that exist on <paramref name="today"/>: active, and either without history or
    /// with a period still open. A district closed on 30/6/2025 keeps its row (its dossiers and history stay) but is no
    /// longer a current child of its province.
    /// </summary>
    public IQueryable<Unit> Current(IQueryable<Unit> units, DateOnly today) =>
        units.Where(u => u.Active && (!db.UnitPeriods.Any(p => p.UnitId == u.Id)
            || db.UnitPeriods.Any(p => p.UnitId == u.Id && (p.ValidTo == null || p.ValidTo >= today))));

    /// <summary>For those of <paramref name="unitIds"/> whose every period ended before <paramref name="today"/>: the day after the last one ended.</summary>
    public async Task<Dictionary<int, DateOnly>> DissolvedAsync(IReadOnlyCollection<int> unitIds, DateOnly today, CancellationToken ct = default)
    {
        var ends = await db.UnitPeriods.AsNoTracking().Where(p => unitIds.Contains(p.UnitId)).Select(p => new { p.UnitId, p.ValidTo }).ToListAsync(ct);
        return ends.GroupBy(p => p.UnitId)
            .Where(g => g.All(p => p.ValidTo is { } to && to < today))
            .ToDictionary(g => g.Key, g => g.Max(p => p.ValidTo!.Value).AddDays(1));
    }

    public Task<List<UnitPeriod>> HistoryAsync(int unitId, CancellationToken ct = default) =>
        db.UnitPeriods.AsNoTracking().Where(p => p.UnitId == unitId).OrderBy(p => p.ValidFrom).ToListAsync(ct);

    /// <summary>Ids of the units whose current or any past name matches, without diacritics ("tran bien" finds "Phường Trấn Biên" and its predecessors' names).</summary>
    public async Task<List<int>> SearchAsync(string text, CancellationToken ct = default)
    {
        var key = VietnameseText.Fold(text.Trim());
        if (key.Length == 0) return [];
        var byPeriod = await db.UnitPeriods.AsNoTracking().Where(p => p.NameKey.Contains(key)).Select(p => p.UnitId).Distinct().ToListAsync(ct);
        // Units without periods: fold in memory (names are short and the table is a province's).
        var withoutPeriods = (await db.Units.AsNoTracking().Where(u => !db.UnitPeriods.Any(p => p.UnitId == u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Where(u => VietnameseText.Fold(u.Name).Contains(key, StringComparison.Ordinal)).Select(u => u.Id);
        return byPeriod.Concat(withoutPeriods).Distinct().Order().ToList();
    }

    /// <summary>
    /// Records a change from <paramref name="change"/>.ValidFrom: the unit's open period closes the day before
    /// and the new one opens; when it starts today or earlier the unit row takes its values. The first period
    /// of a unit without history may start at any date. Refused (message) when the code is already used at
    /// the level by another unit in an overlapping period, or the dates do not follow the history.
    /// </summary>
    public async Task<string?> AddAsync(int unitId, UnitPeriod change, DateOnly today, CancellationToken ct = default)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return $"Không tìm thấy đơn vị {unitId}.";
        var history = await db.UnitPeriods.Where(p => p.UnitId == unitId).OrderBy(p => p.ValidFrom).ToListAsync(ct);
        if (await ProblemAsync(unit, history, change, ct) is { } problem) return problem.Message;

        if (history.Count > 0 && (history[^1].ValidTo is null || history[^1].ValidTo >= change.ValidFrom))
            history[^1].ValidTo = change.ValidFrom.AddDays(-1);
        change.Id = 0;
        change.UnitId = unitId;
        change.NameKey = VietnameseText.Fold(change.Name);
        db.UnitPeriods.Add(change);
        if (change.Covers(today))
        {
            unit.Code = change.Code; unit.Name = change.Name; unit.KindId = change.KindId; unit.LevelId = change.LevelId;
            // The row is the unit now: a new parent re-roots its subtree (materialised paths) as a move does.
            if (change.ParentId is int parentId && parentId != unit.ParentId && await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, ct) is { } parent)
            {
                if (parent.Path.StartsWith(unit.Path, StringComparison.Ordinal)) return "Không thể đặt đơn vị dưới chính nó hoặc đơn vị cấp dưới của nó.";
                var (oldPrefix, newPrefix, shift) = (unit.Path, $"{parent.Path}{unit.Id}/", parent.Depth + 1 - unit.Depth);
                foreach (var member in await db.Units.Where(u => u.Path.StartsWith(oldPrefix)).ToListAsync(ct))
                {
                    member.Path = newPrefix + member.Path[oldPrefix.Length..];
                    member.Depth += shift;
                }
                unit.ParentId = parent.Id;
            }
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Records a change of a unit as an administrator does (the units page, the import): a unit without history
    /// first keeps its present values in a period from an unknown start, so the old name stays in its history;
    /// then <see cref="AddAsync"/>.
    /// </summary>
    public async Task<string?> RecordChangeAsync(int unitId, UnitPeriod change, DateOnly today, CancellationToken ct = default)
    {
        if (!await db.UnitPeriods.AnyAsync(p => p.UnitId == unitId, ct) && await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) is { } unit)
        {
            var before = new UnitPeriod
            {
                ValidFrom = UnknownStart, ValidTo = change.ValidFrom.AddDays(-1),
                Code = unit.Code, Name = unit.Name, KindId = unit.KindId, LevelId = unit.LevelId, ParentId = unit.ParentId,
            };
            if (await AddAsync(unitId, before, today, ct) is { } refused) return refused;
        }
        return await AddAsync(unitId, change, today, ct);
    }

    /// <summary>Why the change cannot be recorded, with the field it is about (<c>validFrom</c>, <c>validTo</c>, <c>code</c>); null when it can.</summary>
    public async Task<(string Field, string Message)?> ProblemAsync(int unitId, UnitPeriod change, CancellationToken ct = default)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return ("unitId", $"Không tìm thấy đơn vị {unitId}.");
        return await ProblemAsync(unit, await db.UnitPeriods.AsNoTracking().Where(p => p.UnitId == unitId).OrderBy(p => p.ValidFrom).ToListAsync(ct), change, ct);
    }

    private async Task<(string Field, string Message)?> ProblemAsync(Unit unit, List<UnitPeriod> history, UnitPeriod change, CancellationToken ct)
    {
        if (history.Count > 0 && history[^1].ValidFrom >= change.ValidFrom)
            return ("validFrom", $"Giai đoạn mới phải bắt đầu sau ngày {history[^1].ValidFrom:dd/MM/yyyy} (giai đoạn gần nhất của {unit.Name}).");
        if (change.ValidTo is { } to && to < change.ValidFrom) return ("validTo", "Ngày kết thúc phải sau ngày bắt đầu.");
        if (await CodeTakenAsync(unit.Id, change, ct) is { } taken) return ("code", taken);
        return null;
    }

    /// <summary>
    /// The start of a period whose beginning is not known: a unit that had no history when its first change was
    /// recorded (by the import) keeps its values until then in a period shown as "không rõ" from.
    /// </summary>
    public static readonly DateOnly UnknownStart = DateOnly.MinValue;

    /// <summary>Why the code cannot be used at the level in the change's period by <paramref name="unitId"/> (0: a unit not created yet); null when free.</summary>
    public async Task<string?> CodeTakenAsync(int unitId, UnitPeriod change, CancellationToken ct)
    {
        var same = await db.UnitPeriods.AsNoTracking()
            .Where(p => p.UnitId != unitId && p.LevelId == change.LevelId && p.Code == change.Code).ToListAsync(ct);
        var clash = same.FirstOrDefault(p => p.ValidFrom <= (change.ValidTo ?? DateOnly.MaxValue) && change.ValidFrom <= (p.ValidTo ?? DateOnly.MaxValue));
        return clash is null ? null
            : $"Mã {change.Code} đã được dùng cho «{clash.Name}» ở cùng cấp trong giai đoạn từ {clash.ValidFrom:dd/MM/yyyy}" + (clash.ValidTo is { } t ? $" đến {t:dd/MM/yyyy}" : "") + ".";
    }
}
