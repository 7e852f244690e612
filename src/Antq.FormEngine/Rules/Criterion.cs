using Antq.FormEngine.Evaluation;

namespace Antq.FormEngine.Rules;

/// <summary>A compiled criterion: a predicate, or a combination (And/Or) of sub-criteria.</summary>
internal sealed class Criterion
{
    public required RuleDefinition Definition { get; init; }
    public string Id => Definition.Name;
    public string Title => Definition.Title;
    public string? Group => Definition.Group;
    public double Points => Definition.Points;
    public Func<EvalContext, object, UnitInfo, int, bool>? Predicate { get; init; }
    public bool IsOr => Definition.Operator is "Or" or "OrElse";
    public IReadOnlyList<Criterion> Children { get; init; } = [];
}
