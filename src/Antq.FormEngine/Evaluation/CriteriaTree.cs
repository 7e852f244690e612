using Antq.FormEngine.Rules;

namespace Antq.FormEngine.Evaluation;

/// <summary>The one walk over a criteria tree: every criterion, each parent before its children, in document order.</summary>
public static class CriteriaTree
{
    /// <summary>Every criterion result, sub-criteria included, parents before their children.</summary>
    public static IEnumerable<CriterionResult> Flatten(this IEnumerable<CriterionResult> criteria) => Walk(criteria, c => c.Children);

    /// <summary>Every compiled criterion, sub-criteria included, parents before their children.</summary>
    internal static IEnumerable<Criterion> Flatten(this IEnumerable<Criterion> criteria) => Walk(criteria, c => c.Children);

    private static IEnumerable<T> Walk<T>(IEnumerable<T> roots, Func<T, IReadOnlyList<T>> children)
    {
        var pending = new Stack<T>(roots.Reverse());
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            var below = children(node);
            for (var i = below.Count - 1; i >= 0; i--) pending.Push(below[i]);
        }
    }
}
