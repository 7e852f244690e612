using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Reads rules.json (RulesEngine's own JSON, property names case-insensitive as RulesEngine reads
/// them) into <see cref="WorkflowDefinition"/>s, reporting every problem with its JSON Pointer.
/// Unknown properties are refused so that a misspelt "Expresion" is not silently ignored.
/// </summary>
internal static class RulesJsonReader
{
    private const string File = "rules.json";

    private static readonly string[] WorkflowKeys = ["WorkflowName", "WorkflowsToInject", "GlobalParams", "Rules", "RuleExpressionType"];
    private static readonly string[] RuleKeys =
    [
        "RuleName", "Properties", "Operator", "ErrorMessage", "ErrorType", "Enabled", "RuleExpressionType",
        "WorkflowsToInject", "Rules", "LocalParams", "Expression", "Actions", "SuccessEvent",
    ];
    private static readonly string[] ParamKeys = ["Name", "Expression"];
    private static readonly string[] ActionKeys = ["Name", "Context"];

    public static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<PackError> Errors) Read(JsonNode? root)
    {
        var errors = new List<PackError>();
        var workflows = new List<WorkflowDefinition>();
        if (root is not JsonArray array)
        {
            errors.Add(new PackError(File, "rules.not-array", "rules.json phải là một mảng các workflow của RulesEngine."));
            return (workflows, errors);
        }
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = $"/{i}";
            if (array[i] is not JsonObject wf) { errors.Add(Error(pointer, "rules.workflow", "Mỗi phần tử phải là một workflow (đối tượng JSON).")); continue; }
            CheckKeys(wf, WorkflowKeys, pointer, errors);
            var name = String(wf, "WorkflowName");
            if (string.IsNullOrWhiteSpace(name)) errors.Add(Error(pointer, "rules.workflow-name", "Workflow thiếu \"WorkflowName\"."));
            CheckExpressionType(wf, pointer, errors);
            var rules = ReadRules(Get(wf, "Rules"), $"{pointer}/Rules", errors, nested: false);
            workflows.Add(new WorkflowDefinition(name ?? "", pointer, Strings(wf, "WorkflowsToInject", pointer, errors),
                ReadParams(Get(wf, "GlobalParams"), $"{pointer}/GlobalParams", errors), rules));
        }
        var duplicate = workflows.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null)
            errors.Add(Error(duplicate.Last().Pointer + "/WorkflowName", "rules.duplicate-workflow", $"Workflow \"{duplicate.Key}\" được khai báo nhiều lần."));
        return (workflows, errors);
    }

    private static List<RuleDefinition> ReadRules(JsonNode? node, string pointer, List<PackError> errors, bool nested)
    {
        var rules = new List<RuleDefinition>();
        if (node is null) { if (!nested) errors.Add(Error(pointer, "rules.rules", "Workflow thiếu danh sách \"Rules\".")); return rules; }
        if (node is not JsonArray array) { errors.Add(Error(pointer, "rules.rules", "\"Rules\" phải là một mảng.")); return rules; }
        for (var i = 0; i < array.Count; i++)
        {
            var rulePointer = $"{pointer}/{i}";
            if (array[i] is not JsonObject rule) { errors.Add(Error(rulePointer, "rules.rule", "Mỗi luật phải là một đối tượng JSON.")); continue; }
            CheckKeys(rule, RuleKeys, rulePointer, errors);
            CheckExpressionType(rule, rulePointer, errors);
            var name = String(rule, "RuleName");
            if (string.IsNullOrWhiteSpace(name)) errors.Add(Error(rulePointer, "rules.rule-name", "Luật thiếu \"RuleName\"."));
            var children = ReadRules(Get(rule, "Rules"), $"{rulePointer}/Rules", errors, nested: true);
            var expression = String(rule, "Expression");
            var op = String(rule, "Operator");
            if (children.Count > 0 && expression is not null)
                errors.Add(Error(rulePointer, "rules.expression-and-rules", "Một luật chỉ dùng một trong hai: \"Expression\" hoặc \"Operator\" + \"Rules\"."));
            if (children.Count == 0 && string.IsNullOrWhiteSpace(expression))
                errors.Add(Error(rulePointer, "rules.no-expression", $"Luật \"{name}\" không có \"Expression\" (hoặc \"Operator\" + \"Rules\")."));
            if (children.Count > 0 && op is not null && op is not ("And" or "AndAlso" or "Or" or "OrElse"))
                errors.Add(Error(rulePointer + "/Operator", "rules.operator", $"\"Operator\" phải là And, AndAlso, Or hoặc OrElse (không phải \"{op}\")."));
            var properties = Get(rule, "Properties") as JsonObject ?? [];
            if (Get(rule, "Properties") is { } p && p is not JsonObject)
                errors.Add(Error(rulePointer + "/Properties", "rules.properties", "\"Properties\" phải là một đối tượng."));
            if (properties["points"] is { } points && (points.GetValueKind() != JsonValueKind.Number || points.GetValue<double>() < 0))
                errors.Add(Error(rulePointer + "/Properties/points", "rules.points", "\"points\" phải là một số không âm."));
            var enabled = Get(rule, "Enabled") is not JsonValue ev || !ev.TryGetValue<bool>(out var b) || b;
            rules.Add(new RuleDefinition(name ?? "", rulePointer, expression, op, children,
                ReadParams(Get(rule, "LocalParams"), $"{rulePointer}/LocalParams", errors),
                String(rule, "ErrorMessage"), String(rule, "SuccessEvent"), enabled, properties,
                ReadActions(Get(rule, "Actions"), $"{rulePointer}/Actions", errors),
                Strings(rule, "WorkflowsToInject", rulePointer, errors)));
        }
        var duplicate = rules.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null)
            errors.Add(Error(duplicate.Last().Pointer + "/RuleName", "rules.duplicate-rule", $"Tên luật \"{duplicate.Key}\" bị trùng."));
        return rules;
    }

    private static List<ParamDefinition> ReadParams(JsonNode? node, string pointer, List<PackError> errors)
    {
        var result = new List<ParamDefinition>();
        if (node is null) return result;
        if (node is not JsonArray array) { errors.Add(Error(pointer, "rules.params", "Danh sách tham số phải là một mảng.")); return result; }
        for (var i = 0; i < array.Count; i++)
        {
            var p = $"{pointer}/{i}";
            if (array[i] is not JsonObject param) { errors.Add(Error(p, "rules.param", "Tham số phải là đối tượng { Name, Expression }.")); continue; }
            CheckKeys(param, ParamKeys, p, errors);
            var name = String(param, "Name");
            var expression = String(param, "Expression");
            if (name is null || !Forms.FormModelBuilder.IsIdentifier(name) || name is "form" or "unit" or "year")
                errors.Add(Error(p + "/Name", "rules.param-name", $"Tên tham số \"{name}\" không hợp lệ (chữ, số, gạch dưới; không trùng form, unit, year)."));
            else if (result.Any(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                errors.Add(Error(p + "/Name", "rules.param-duplicate", $"Tham số \"{name}\" bị khai báo hai lần."));
            if (string.IsNullOrWhiteSpace(expression)) errors.Add(Error(p, "rules.param-expression", "Tham số thiếu \"Expression\"."));
            else if (name is not null) result.Add(new ParamDefinition(name, expression, p + "/Expression"));
        }
        return result;
    }

    private static List<ActionDefinition> ReadActions(JsonNode? node, string pointer, List<PackError> errors)
    {
        var result = new List<ActionDefinition>();
        if (node is null) return result;
        if (node is not JsonObject actions) { errors.Add(Error(pointer, "rules.actions", "\"Actions\" phải là đối tượng { OnSuccess, OnFailure }.")); return result; }
        foreach (var (key, value) in actions)
        {
            var p = $"{pointer}/{key}";
            if (key is not ("OnSuccess" or "OnFailure")) { errors.Add(Error(p, "rules.unknown-property", $"Thuộc tính \"{key}\" không có trong Actions (chỉ OnSuccess, OnFailure).")); continue; }
            if (value is null) continue;
            if (value is not JsonObject action) { errors.Add(Error(p, "rules.action", "Hành động phải là đối tượng { Name, Context }.")); continue; }
            CheckKeys(action, ActionKeys, p, errors);
            result.Add(new ActionDefinition(String(action, "Name") ?? "", Get(action, "Context") as JsonObject ?? [], p));
        }
        return result;
    }

    private static void CheckExpressionType(JsonObject node, string pointer, List<PackError> errors)
    {
        var type = Get(node, "RuleExpressionType");
        if (type is null) return;
        var ok = type.GetValueKind() switch
        {
            JsonValueKind.String => type.GetValue<string>() == "LambdaExpression",
            JsonValueKind.Number => type.GetValue<int>() == 0,
            _ => false,
        };
        if (!ok) errors.Add(Error(pointer + "/RuleExpressionType", "rules.expression-type", "Chỉ hỗ trợ \"RuleExpressionType\": \"LambdaExpression\"."));
    }

    private static void CheckKeys(JsonObject node, string[] known, string pointer, List<PackError> errors)
    {
        foreach (var (key, _) in node)
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                errors.Add(Error($"{pointer}/{key}", "rules.unknown-property",
                    $"Thuộc tính \"{key}\" không có trong định dạng RulesEngine (có: {string.Join(", ", known)})."));
    }

    private static JsonNode? Get(JsonObject node, string key)
    {
        foreach (var (k, v) in node)
            if (k.Equals(key, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }

    private static string? String(JsonObject node, string key) =>
        Get(node, key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static List<string> Strings(JsonObject node, string key, string pointer, List<PackError> errors)
    {
        var value = Get(node, key);
        if (value is null) return [];
        if (value is JsonArray a && a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)))
            return a.Select(x => x!.GetValue<string>()).ToList();
        errors.Add(Error($"{pointer}/{key}", "rules.inject", $"\"{key}\" phải là mảng tên workflow."));
        return [];
    }

    private static PackError Error(string pointer, string code, string message) => new(PackError.At(File, pointer), code, message);
}
