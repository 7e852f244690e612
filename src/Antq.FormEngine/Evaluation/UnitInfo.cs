namespace Antq.FormEngine.Evaluation;

/// <summary>
/// The unit a submission is evaluated for. Rule expressions see <c>unit.kind</c>, <c>unit.code</c>,
/// <c>unit.name</c> and <c>unit.level</c> (member names are case-insensitive); templates also see
/// <c>unit.parent_name</c>. Plain data: never an entity.
/// </summary>
public sealed record UnitInfo(string Kind, string Code = "", string Name = "", string Level = "", string ParentName = "");
