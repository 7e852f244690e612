using Json.Schema;

namespace Antq.FormEngine.Forms;

/// <summary>Reading JsonSchema.Net results: only the failing part of the tree is an error of the data.</summary>
internal static class SchemaResults
{
    public static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>
    /// The failing nodes that carry errors, skipping every passing subtree: a passing node's
    /// children hold the alternatives an <c>anyOf</c>/<c>oneOf</c> tried and dropped.
    /// </summary>
    public static IEnumerable<EvaluationResults> FailingNodes(EvaluationResults node)
    {
        if (node.IsValid) yield break;
        if (node.Errors is { Count: > 0 }) yield return node;
        foreach (var child in node.Details ?? [])
            foreach (var failing in FailingNodes(child))
                yield return failing;
    }
}
