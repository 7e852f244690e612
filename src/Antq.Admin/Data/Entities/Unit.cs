namespace Antq.Admin.Data.Entities;

/// <summary>
/// A unit of the hierarchy. <see cref="Path"/> is the materialised path of ids
/// (<c>/1/5/23/</c>), so "is in the subtree of" is a prefix test in SQL and in memory.
/// </summary>
public sealed class Unit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string KindId { get; set; }
    public required string LevelId { get; set; }
    public int? ParentId { get; set; }
    public string Path { get; set; } = "/";
    public int Depth { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>
    /// For an agency, enterprise or school: the unit that manages it, when that is not the commune it
    /// sits in (a THPT school in a phường is managed by the province). Null: its parent manages it.
    /// </summary>
    public int? ManagingUnitId { get; set; }

    /// <summary>
    /// The managing level when no unit of this database stands for it: <c>ministry</c> for a unit
    /// followed by a Ministry of Public Security unit (TT124 Điều 9 k1 d). Null: the managing unit's level.
    /// </summary>
    public string? ManagedAt { get; set; }

    /// <summary>For a province: it delegates recognition one level down where a pack allows it (TT124 Điều 10 k5).</summary>
    public bool DelegatesRecognition { get; set; }

    public Unit? Parent { get; set; }
    public UnitKind? Kind { get; set; }
    public UnitLevel? Level { get; set; }

    public bool IsInSubtreeOf(Unit ancestor) => Path.StartsWith(ancestor.Path, StringComparison.Ordinal);

    /// <summary>Ids of this unit's ancestors, nearest last, from its path.</summary>
    public IReadOnlyList<int> AncestorIds() =>
        Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(id => id != Id).ToList();
}
