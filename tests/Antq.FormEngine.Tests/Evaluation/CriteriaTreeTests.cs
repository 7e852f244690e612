using Antq.FormEngine.Evaluation;

namespace Antq.FormEngine.Tests.Evaluation;

public sealed class CriteriaTreeTests
{
    private static CriterionResult Node(string id, params CriterionResult[] children) =>
        new(id, id, null, CriterionStatus.Met, 0, 0, "", children);

    [Fact]
    public void Flatten_NestedCriteria_ParentsBeforeChildrenInDocumentOrder()
    {
        IReadOnlyList<CriterionResult> criteria = [Node("A", Node("A1", Node("A1a")), Node("A2")), Node("B"), Node("C", Node("C1"))];

        Assert.Equal(["A", "A1", "A1a", "A2", "B", "C", "C1"], criteria.Flatten().Select(c => c.Id));
    }

    [Fact]
    public void Flatten_NoCriteria_Empty() => Assert.Empty(Array.Empty<CriterionResult>().Flatten());
}
