using System.Text.Json;

namespace Antq.Admin.Features.Submissions;

/// <summary>Criterion ids (sub-criteria included) of a stored evaluation, to check return reasons against.</summary>
public static class SubmissionCriteria
{
    public static HashSet<string> Ids(string evaluationJson)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var evaluation = SubmissionEvaluator.Parse(evaluationJson);
        if (evaluation.ValueKind == JsonValueKind.Object && evaluation.TryGetProperty("criteria", out var criteria)) Collect(criteria, ids);
        return ids;
    }

    private static void Collect(JsonElement list, HashSet<string> ids)
    {
        if (list.ValueKind != JsonValueKind.Array) return;
        foreach (var criterion in list.EnumerateArray())
        {
            if (criterion.TryGetProperty("id", out var id) && id.GetString() is { } text) ids.Add(text);
            if (criterion.TryGetProperty("children", out var children)) Collect(children, ids);
        }
    }
}
