using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Units;

/// <summary>
/// A unit as the API shows it; <c>kind</c> and <c>level</c> are ids of the data tables. <c>DissolvedFrom</c> is the day
/// after its last period ended when every period has ended (a district closed by the 2025 reform: 01/07/2025);
/// <c>Current</c> is false for such a unit and for one marked inactive.
/// </summary>
public sealed record UnitView(int Id, string Code, string Name, string Kind, string Level, int? ParentId, string Path, int Depth, bool Active,
    DateOnly? DissolvedFrom = null)
{
    public bool Current => Active && DissolvedFrom is null;

    public static UnitView Of(Unit u, DateOnly? dissolvedFrom = null) =>
        new(u.Id, u.Code, u.Name, u.KindId, u.LevelId, u.ParentId, u.Path, u.Depth, u.Active, dissolvedFrom);
}

/// <summary>
/// One unit with where it sits: its ancestors (root first), how many units lie below it, and who manages it when
/// that is not its geographic parent (<c>ManagingUnit</c>, or a level outside the province in <c>ManagedAt</c>).
/// </summary>
public sealed record UnitDetailView(
    int Id, string Code, string Name, string Kind, string Level, int? ParentId, string Path, int Depth, bool Active,
    IReadOnlyList<UnitRef> Ancestors, int ChildCount, int DescendantCount, IReadOnlyDictionary<string, int> ChildrenByKind,
    UnitRef? ManagingUnit = null, string? ManagedAt = null, bool DelegatesRecognition = false, DateOnly? DissolvedFrom = null);

public sealed record UnitRef(int Id, string Code, string Name, string Level);

/// <summary>A unit of the tree with how many units lie directly under it (so a tree knows what it can open): current ones only unless the tree shows dissolved units too.</summary>
public sealed record UnitNodeView(UnitView Unit, int Children, string? ManagedBy = null);

public sealed record UnitLevelView(string Id, string Name, int Rank);

public sealed record UnitKindView(string Id, string Name);

/// <summary>A page of a longer list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>Filters of <c>GET /api/units</c>.</summary>
public sealed record UnitFilter(int? ParentId, string? Level, string? Kind, string? Q, int? Skip, int? Take)
{
    public const int DefaultTake = 100;
    public const int MaxTake = 500;

    public int SkipOrDefault => Math.Max(0, Skip ?? 0);
    public int TakeOrDefault => Math.Clamp(Take ?? DefaultTake, 1, MaxTake);
}

/// <summary>Body of <c>POST /api/units</c>.</summary>
public sealed record CreateUnitRequest(string? Code, string? Name, string? Kind, string? Level, int? ParentId);

/// <summary>Body of <c>PUT /api/units/{id}</c>: only the fields present change; a new parent moves the subtree.</summary>
public sealed record UpdateUnitRequest(string? Code, string? Name, string? Kind, string? Level, int? ParentId, bool? Active);

public sealed record CreateLevelRequest(string? Id, string? Name, int? Rank);

public sealed record CreateKindRequest(string? Id, string? Name);
