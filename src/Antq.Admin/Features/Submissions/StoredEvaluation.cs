using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// The one writer and reader of a submission's stored evaluation (<c>SubmissionRecord.EvaluationJson</c>):
/// the engine's <see cref="EvaluationResult"/> as pack-format.md's evaluation result, camelCase, non-ASCII
/// letters unescaped. Every reader of that column goes through here, so a change of the stored format
/// shows in this file's tests rather than in silent readers.
/// </summary>
public static class StoredEvaluation
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        // Reading: a stored evaluation has every member the writer writes; one that lacks them is unreadable, not half-read.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The text stored for <paramref name="result"/>.</summary>
    public static string Write(EvaluationResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>The stored evaluation; null when there is none or it cannot be read (empty, not an evaluation).</summary>
    public static EvaluationResult? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<EvaluationResult>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The leaf criteria (without sub-criteria) <paramref name="result"/> did not meet: the most specific things to fix.</summary>
    public static IEnumerable<CriterionResult> UnmetLeaves(EvaluationResult result) =>
        result.Criteria.Flatten().Where(c => c.Children.Count == 0 && c.Status == CriterionStatus.NotMet);

    /// <summary>The text of <see cref="Data.Entities.SubmissionRecord.UnmetCriteria"/>: the unmet leaves, one per line as id, tab, title.</summary>
    public static string WriteUnmet(EvaluationResult result) =>
        string.Join('\n', UnmetLeaves(result).Select(c => c.Id + '\t' + c.Title.ReplaceLineEndings(" ")));

    /// <summary>The (id, title) pairs of <see cref="WriteUnmet"/>.</summary>
    public static IEnumerable<(string Id, string Title)> ReadUnmet(string unmet) =>
        unmet.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : p[0]));

    /// <summary>The stored evaluation as the JSON value the API returns (as stored, not re-serialised).</summary>
    public static JsonElement ToElement(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}
