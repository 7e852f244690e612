using System.Text.Json.Serialization;

namespace Antq.FormEngine.Evaluation;

/// <summary>Status of one criterion: three-valued, never a silent false for missing data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriterionStatus>))]
public enum CriterionStatus
{
    [JsonStringEnumMemberName("met")] Met,
    [JsonStringEnumMemberName("notMet")] NotMet,
    [JsonStringEnumMemberName("notEvaluable")] NotEvaluable,
}

public static class CriterionStatusText
{
    public static string ToWire(this CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "met",
        CriterionStatus.NotMet => "notMet",
        _ => "notEvaluable",
    };

    public static bool TryParse(string? text, out CriterionStatus status)
    {
        switch (text)
        {
            case "met": status = CriterionStatus.Met; return true;
            case "notMet": status = CriterionStatus.NotMet; return true;
            case "notEvaluable": status = CriterionStatus.NotEvaluable; return true;
            default: status = default; return false;
        }
    }

    /// <summary>Vietnamese label for people.</summary>
    public static string ToVietnamese(this CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "Đạt",
        CriterionStatus.NotMet => "Chưa đạt",
        _ => "Chưa đánh giá được",
    };
}

/// <summary>The evaluation result of pack-format.md ("Evaluation result").</summary>
public sealed record EvaluationResult(
    PackRef Pack,
    bool Valid,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<CriterionResult> Criteria,
    EvaluationSummary Summary,
    OutcomeRef? Outcome)
{
    /// <summary>Hierarchy facts this evaluation used in place of typed values (docs/packs.md, "Facts"); null when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SuppliedFact>? Facts { get; init; }
}

public sealed record PackRef(string Id, string Version);

/// <summary>
/// A field error: <see cref="Path"/> is the JSON Pointer of the instance the schema keyword failed
/// at (for <c>required</c>, the object that lacks the property). <see cref="Field"/> is the pointer
/// of the field concerned when it differs (the missing property itself), so a form can show the
/// message beside the right input.
/// </summary>
public sealed record FieldError(
    string Path,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Keyword = null);

public sealed record CriterionResult(
    string Id,
    string Title,
    string? Group,
    CriterionStatus Status,
    double Points,
    double MaxPoints,
    string Explanation,
    IReadOnlyList<CriterionResult> Children);

public sealed record EvaluationSummary(int Met, int NotMet, int NotEvaluable, int Total, double Points, double MaxPoints);

public sealed record OutcomeRef(string Id, string Title);
