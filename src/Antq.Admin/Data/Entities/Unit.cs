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

    public Unit? Parent { get; set; }
    public UnitKind? Kind { get; set; }
    public UnitLevel? Level { get; set; }

    public bool IsInSubtreeOf(Unit ancestor) => Path.StartsWith(ancestor.Path, StringComparison.Ordinal);

    /// <summary>Ids of this unit's ancestors, nearest last, from its path.</summary>
    public IReadOnlyList<int> AncestorIds() =>
        Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Where(id => id != Id).ToList();
}
