using System.Globalization;
using System.Text.Json.Nodes;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Studio;

namespace Antq.Admin.Features.Studio;

/// <summary>A criterion as the studio lists it: its place in rules.json and its rule node.</summary>
public sealed record StudioCriterion(int Workflow, int Index, string Id, string Title, JsonObject Rule)
{
    public string Pointer => $"/{Workflow}/Rules/{Index}";
    public string ExpressionLocation => PackError.At(PackDocument.Rules, Pointer + "/Expression");
}

/// <summary>One deadline with the concrete dates it gives for a year.</summary>
public sealed record DeadlineDates(string Id, string Title, DateOnly Due, IReadOnlyList<DateOnly> Reminders, DateOnly? Escalation);

/// <summary>Reads of the draft the studio page needs (no rules of its own: the engine decides what is valid).</summary>
public static class StudioModel
{
    public static string Workflow(PackDocument doc) => doc.Json(PackDocument.Manifest)?["workflow"]?.ToString() ?? "";

    public static IReadOnlyList<StudioCriterion> Criteria(PackDocument doc)
    {
        var list = new List<StudioCriterion>();
        if (doc.Json(PackDocument.Rules) is not JsonArray workflows) return list;
        var name = Workflow(doc);
        for (var w = 0; w < workflows.Count; w++)
        {
            if (workflows[w]?["WorkflowName"]?.ToString() != name || workflows[w]?["Rules"] is not JsonArray rules) continue;
            for (var i = 0; i < rules.Count; i++)
                if (rules[i] is JsonObject rule)
                    list.Add(new StudioCriterion(w, i, rule["RuleName"]?.ToString() ?? "?", rule["Properties"]?["title"]?.ToString() ?? "", rule));
        }
        return list;
    }

    /// <summary>Replaces the rule at <paramref name="criterion"/>'s place (or appends when index is past the end).</summary>
    public static void SetRule(PackDocument doc, int workflow, int index, JsonObject? rule)
    {
        var workflows = (JsonArray)doc.Json(PackDocument.Rules)!;
        var rules = (JsonArray)workflows[workflow]!["Rules"]!;
        if (rule is null) rules.RemoveAt(index);
        else if (index >= rules.Count) rules.Add(rule);
        else rules[index] = rule;
        doc.SetJson(PackDocument.Rules, workflows);
    }

    public static int WorkflowIndex(PackDocument doc)
    {
        if (doc.Json(PackDocument.Rules) is not JsonArray workflows) return 0;
        var name = Workflow(doc);
        for (var w = 0; w < workflows.Count; w++) if (workflows[w]?["WorkflowName"]?.ToString() == name) return w;
        return 0;
    }

    public static IReadOnlyList<DeadlineDates> Deadlines(PackDocument doc, int year, out IReadOnlyList<PackError> errors)
    {
        errors = [];
        if (doc.Text(PackDocument.Deadlines) is not { } text) return [];
        var parsed = DeadlineParser.Parse(System.Text.Encoding.UTF8.GetBytes(text));
        errors = parsed.Errors;
        return parsed.Deadlines.Select(d =>
        {
            var due = VietnamTime.DateOf(d.DueAt(year));
            return new DeadlineDates(d.Id, d.Title, due,
                d.Remind.Select(r => VietnamTime.DateOf(d.DueAt(year) - r)).ToList(),
                d.EscalateAfter is { } e ? VietnamTime.DateOf(d.DueAt(year) + e) : null);
        }).ToList();
    }

    /// <summary>A test case of today's evaluation of the preview data: expected verdicts are today's (editable before saving).</summary>
    public static JsonObject TestCase(string name, UnitInfo unit, int year, JsonObject data, EvaluationResult result, IReadOnlyDictionary<string, string> expected)
    {
        var criteria = new JsonObject();
        foreach (var (id, status) in expected) criteria[id] = status;
        var expect = new JsonObject { ["valid"] = result.Valid };
        if (result.Outcome is not null) expect["outcome"] = result.Outcome.Id;
        expect["criteria"] = criteria;
        return new JsonObject
        {
            ["name"] = name,
            ["unit"] = new JsonObject { ["kind"] = unit.Kind },
            ["year"] = year,
            ["data"] = data.DeepClone(),
            ["expect"] = expect,
        };
    }

    /// <summary>Every criterion (nested ones too) with its status in <paramref name="result"/>, in order.</summary>
    public static IEnumerable<CriterionResult> Flatten(IEnumerable<CriterionResult> criteria) =>
        criteria.SelectMany(c => new[] { c }.Concat(Flatten(c.Children)));

    /// <summary>A free file name under tests/ for a new test case.</summary>
    public static string NewTestFile(PackDocument doc, string name)
    {
        var slug = new string(name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => c == 'đ' ? 'd' : char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length == 0) slug = "ca-kiem-thu";
        if (slug.Length > 40) slug = slug[..40].TrimEnd('-');
        var number = doc.Names.Count(n => n.StartsWith("tests/", StringComparison.Ordinal)) + 1;
        string file;
        do file = $"tests/{number++:00}-{slug}.json"; while (doc.Text(file) is not null);
        return file;
    }

    /// <summary>A value typed in a picker, as the field's type wants it.</summary>
    public static object? Value(string text, FieldKind kind) => kind switch
    {
        FieldKind.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        FieldKind.Number when double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        FieldKind.Boolean => text.Trim().ToLowerInvariant() is "true" or "có" or "co" or "1",
        _ => text,
    };

    /// <summary>The test cases whose data can hold the field at <paramref name="path"/> (its parent object is there), with its value there.</summary>
    public static IReadOnlyList<(string File, string Name, string Value)> TestValues(PackDocument doc, string path)
    {
        var list = new List<(string, string, string)>();
        foreach (var file in doc.Names.Where(n => n.StartsWith("tests/", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)).ToList())
        {
            if (doc.Json(file) is not JsonObject test || Parent(test["data"], path) is not JsonObject parent) continue;
            var name = path[(path.LastIndexOf('.') + 1)..];
            list.Add((file, test["name"]?.ToString() ?? file, parent[name] is { } v ? (v is JsonValue ? v.ToString() : v.ToJsonString()) : ""));
        }
        return list;
    }

    /// <summary>Sets (or, for an empty text, removes) the field's value in one test case's data, typed as the field is.</summary>
    public static void SetTestValue(PackDocument doc, string file, string path, string text, FieldKind kind)
    {
        if (doc.Json(file) is not JsonObject test || Parent(test["data"], path) is not JsonObject parent) return;
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (text.Trim().Length == 0) parent.Remove(name);
        else parent[name] = Value(text.Trim(), kind) switch
        {
            long l => JsonValue.Create(l),
            double d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            var other => JsonValue.Create(other?.ToString()),
        };
        doc.SetJson(file, test);
    }

    private static JsonNode? Parent(JsonNode? data, string path)
    {
        var parts = path.Split('.');
        var node = data;
        foreach (var part in parts[..^1]) node = node?[part];
        return node;
    }
}
