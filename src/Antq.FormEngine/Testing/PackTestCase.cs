using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Evaluation;

namespace Antq.FormEngine.Testing;

/// <summary>One tests/*.json case of a pack.</summary>
public sealed record PackTestCase(string File, string Name, UnitInfo Unit, int Year, JsonElement Data, TestExpectation Expect)
{
    /// <summary>Additive: the hierarchy facts supplied to this case (docs/packs.md, "Facts"); null when none.</summary>
    public PackFacts? Facts { get; init; }
}

/// <summary>What a test case expects; every part is optional.</summary>
public sealed record TestExpectation(
    bool? Valid,
    IReadOnlyList<string>? Errors,
    string? Outcome,
    IReadOnlyDictionary<string, CriterionStatus>? Criteria,
    IReadOnlyDictionary<string, double>? Summary);

internal static class PackTestCaseReader
{
    private static readonly string[] SummaryKeys = ["met", "notMet", "notEvaluable", "total", "points", "maxPoints"];
    private static readonly string[] CaseKeys = ["name", "description", "unit", "year", "data", "facts", "expect"];
    private static readonly string[] ExpectKeys = ["valid", "errors", "outcome", "criteria", "summary"];

    public static (PackTestCase? Case, List<PackError> Errors) Read(string file, JsonNode? node)
    {
        var errors = new List<PackError>();
        void Error(string pointer, string message) => errors.Add(new PackError(PackError.At(file, pointer), "test.invalid", message));
        if (node is not JsonObject o) { Error("", "Ca kiểm thử phải là một đối tượng JSON."); return (null, errors); }
        foreach (var (key, _) in o) if (!CaseKeys.Contains(key)) Error($"/{key}", $"Thuộc tính \"{key}\" không có trong định dạng ca kiểm thử.");
        var name = o["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) && n.Length > 0 ? n : null;
        if (name is null) Error("/name", "Ca kiểm thử thiếu \"name\".");
        var unitNode = o["unit"] as JsonObject;
        var kind = unitNode?["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
        if (kind is null) Error("/unit", "Ca kiểm thử thiếu \"unit\": { \"kind\": ... }.");
        var year = 0;
        if (o["year"] is not JsonValue yv || !yv.TryGetValue(out year) || year is < 1900 or > 2200) Error("/year", "Ca kiểm thử cần \"year\" là năm đánh giá (số nguyên).");
        if (!o.ContainsKey("data")) Error("/data", "Ca kiểm thử thiếu \"data\".");
        if (o["expect"] is not JsonObject expect) { Error("/expect", "Ca kiểm thử thiếu \"expect\"."); return (null, errors); }
        foreach (var (key, _) in expect) if (!ExpectKeys.Contains(key)) Error($"/expect/{key}", $"Thuộc tính \"{key}\" không có trong \"expect\".");

        bool? valid = expect["valid"] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
        if (expect.ContainsKey("valid") && valid is null) Error("/expect/valid", "\"valid\" phải là true hoặc false.");
        List<string>? expectedErrors = null;
        if (expect["errors"] is JsonArray ea)
        {
            expectedErrors = [];
            foreach (var item in ea)
                if (item is JsonValue ev && ev.TryGetValue<string>(out var p) && (p.Length == 0 || p.StartsWith('/'))) expectedErrors.Add(p);
                else Error("/expect/errors", "\"errors\" là mảng JSON Pointer (\"/truong/con\", hoặc \"\" cho gốc).");
        }
        var outcome = expect["outcome"] is JsonValue ov && ov.TryGetValue<string>(out var oc) ? oc : null;
        Dictionary<string, CriterionStatus>? criteria = null;
        if (expect["criteria"] is JsonObject co)
        {
            criteria = [];
            foreach (var (id, value) in co)
                if (value is JsonValue sv && sv.TryGetValue<string>(out var s) && CriterionStatusText.TryParse(s, out var status)) criteria[id] = status;
                else Error($"/expect/criteria/{id}", $"Trạng thái của \"{id}\" phải là \"met\", \"notMet\" hoặc \"notEvaluable\".");
        }
        Dictionary<string, double>? summary = null;
        if (expect["summary"] is JsonObject so)
        {
            summary = [];
            foreach (var (key, value) in so)
                if (SummaryKeys.Contains(key) && value is JsonValue nvv && nvv.TryGetValue<double>(out var d)) summary[key] = d;
                else Error($"/expect/summary/{key}", $"\"summary\" chỉ có các số {string.Join(", ", SummaryKeys)}.");
        }
        PackFacts? facts = null;
        if (o.ContainsKey("facts"))
        {
            facts = PackFacts.Parse(o["facts"], out var factsError);
            if (factsError is not null) Error("/facts", factsError);
        }
        if (errors.Count > 0) return (null, errors);
        var unit = new UnitInfo(kind!, Str(unitNode!, "code"), Str(unitNode!, "name"), Str(unitNode!, "level"), Str(unitNode!, "parentName"));
        var data = JsonSerializer.SerializeToElement(o["data"]);
        return (new PackTestCase(file, name!, unit, year, data, new TestExpectation(valid, expectedErrors, outcome, criteria, summary)) { Facts = facts }, errors);
    }

    private static string Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
