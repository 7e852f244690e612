using System.Text.Json;

namespace Antq.Admin.Features.Dashboard;

/// <summary>Reads criterion verdicts out of a stored evaluation (pack-format.md's evaluation result, camelCase).</summary>
internal static class StoredVerdicts
{
    /// <summary>Criteria without sub-criteria whose status is <c>notMet</c>: the most specific thing to fix.</summary>
    public static List<(string Id, string Title)> UnmetLeaves(string evaluationJson)
    {
        var found = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(evaluationJson)) return found;
        try
        {
            using var document = JsonDocument.Parse(evaluationJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("criteria", out var criteria))
                Walk(criteria, found);
        }
        catch (JsonException)
        {
            // A record written by an older build: it simply adds nothing to the statistics.
        }
        return found;
    }

    private static void Walk(JsonElement criteria, List<(string, string)> found)
    {
        if (criteria.ValueKind != JsonValueKind.Array) return;
        foreach (var criterion in criteria.EnumerateArray())
        {
            if (criterion.ValueKind != JsonValueKind.Object) continue;
            if (criterion.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array && children.GetArrayLength() > 0)
            {
                Walk(children, found);
                continue;
            }
            if (Text(criterion, "status") == "notMet" && Text(criterion, "id") is { } id)
                found.Add((id, Text(criterion, "title") ?? id));
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
