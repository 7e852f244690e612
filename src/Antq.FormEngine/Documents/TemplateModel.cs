using System.Text.Json;
using Antq.FormEngine.Evaluation;
using Scriban.Runtime;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Builds the template model of pack-format.md ("Template model") as plain Scriban data: strings,
/// numbers, booleans, <see cref="ScriptObject"/> and <see cref="ScriptArray"/>. Never a live .NET
/// object, whose members a template could read or write.
/// </summary>
public static class TemplateModel
{
    public static ScriptObject Build(TemplateModelInput input)
    {
        var unit = input.Unit;
        var pack = input.Pack;
        var document = input.Document;
        return new ScriptObject
        {
            ["unit"] = new ScriptObject
            {
                ["name"] = unit.Name, ["kind"] = unit.Kind, ["code"] = unit.Code,
                ["level"] = unit.Level, ["parent_name"] = unit.ParentName,
            },
            ["year"] = input.Year,
            ["pack"] = new ScriptObject
            {
                ["id"] = pack.Id, ["version"] = pack.Version, ["title"] = pack.Title,
                ["legal_basis"] = Strings(pack.LegalBasis),
            },
            ["form"] = FromJson(input.Form),
            ["evaluation"] = Evaluation(input.Evaluation),
            ["document"] = new ScriptObject
            {
                ["id"] = document.Id, ["title"] = document.Title, ["number"] = document.Number,
                ["date"] = VietnameseDates.Short(document.Date), ["date_long"] = VietnameseDates.Long(document.Date),
                ["place"] = document.Place, ["verification_code"] = document.VerificationCode,
                ["verify_url"] = document.VerifyUrl,
                ["issuer"] = document.Issuer, ["issuer_parent"] = document.IssuerParent,
            },
            ["signer"] = new ScriptObject { ["title"] = input.Signer.Title, ["name"] = input.Signer.Name },
            ["meeting"] = Meeting(input.Meeting),
            ["appraisal"] = Appraisal(input.Appraisal),
        };
    }

    /// <summary>A JSON value as plain data, object keys exactly as submitted.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromJsonObject(element),
        JsonValueKind.Array => new ScriptArray(element.EnumerateArray().Select(FromJson)),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => Number(element),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null, // null and an absent (default) element alike
    };

    private static ScriptObject FromJsonObject(JsonElement element)
    {
        var result = new ScriptObject();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = FromJson(property.Value);
        }
        return result;
    }

    // Integers stay integers so "412" prints as 412, not 412.0.
    private static object Number(JsonElement element) =>
        element.TryGetInt32(out var i) ? i : element.TryGetInt64(out var l) ? l : element.GetDouble();

    private static ScriptObject Evaluation(EvaluationResult evaluation)
    {
        var s = evaluation.Summary;
        return new ScriptObject
        {
            ["criteria"] = new ScriptArray(evaluation.Criteria.Select(Criterion)),
            ["summary"] = new ScriptObject
            {
                ["met"] = s.Met, ["not_met"] = s.NotMet, ["not_evaluable"] = s.NotEvaluable,
                ["total"] = s.Total, ["points"] = s.Points, ["max_points"] = s.MaxPoints,
            },
            // No outcome (no level held) prints as blanks rather than failing the whole document.
            ["outcome"] = new ScriptObject
            {
                ["id"] = evaluation.Outcome?.Id ?? "", ["title"] = evaluation.Outcome?.Title ?? "",
            },
        };
    }

    private static ScriptObject Criterion(CriterionResult c) => new()
    {
        ["id"] = c.Id, ["title"] = c.Title, ["group"] = c.Group ?? "",
        ["status"] = c.Status.ToWire(), ["status_text"] = c.Status.ToVietnamese(),
        ["explanation"] = c.Explanation, ["points"] = c.Points, ["max_points"] = c.MaxPoints,
        ["children"] = new ScriptArray(c.Children.Select(Criterion)),
    };

    // Without a meeting every member is blank, so the minutes still render as a form to fill by hand.
    private static ScriptObject Meeting(MeetingInfo? meeting) => new()
    {
        ["time"] = meeting is null ? "" : VietnameseDates.LongTime(meeting.Start),
        ["end_time"] = meeting?.End is { } end ? VietnameseDates.Clock(end) : "",
        ["place"] = meeting?.Place ?? "",
        ["chair"] = Person(meeting?.Chair),
        ["secretary"] = Person(meeting?.Secretary),
        ["attendees"] = new ScriptArray((meeting?.Attendees ?? []).Select(p => Person(p))),
        ["votes"] = new ScriptObject
        {
            ["agree"] = meeting?.Votes.Agree ?? 0, ["disagree"] = meeting?.Votes.Disagree ?? 0,
            ["abstain"] = meeting?.Votes.Abstain ?? 0,
        },
        ["conclusion"] = meeting?.Conclusion ?? "",
        ["held_by_unit"] = meeting?.HeldByUnit ?? false,
    };

    // Without an appraisal every member is blank, as the meeting's.
    private static ScriptObject Appraisal(AppraisalInfo? appraisal) => new()
    {
        ["appraiser"] = new ScriptObject { ["name"] = appraisal?.AppraiserName ?? "", ["title"] = appraisal?.AppraiserTitle ?? "" },
        ["opinions"] = new ScriptArray((appraisal?.Opinions ?? []).Select(o => new ScriptObject
        {
            ["criterion_id"] = o.CriterionId, ["title"] = o.Title, ["unit_status_text"] = o.UnitStatus, ["agrees"] = o.Agrees,
            ["agrees_text"] = o.Agrees ? "Nhất trí" : "Không nhất trí", ["opinion"] = o.Opinion,
        })),
        ["disagreements"] = (appraisal?.Opinions ?? []).Count(o => !o.Agrees),
        ["proposes"] = appraisal?.Proposes ?? false,
        ["conclusion"] = appraisal?.Conclusion ?? "",
    };

    private static ScriptObject Person(MeetingPerson? person) =>
        new() { ["name"] = person?.Name ?? "", ["title"] = person?.Title ?? "", ["role"] = person?.Role ?? "" };

    private static ScriptArray Strings(IEnumerable<string> values) => new(values.Cast<object>());
}
