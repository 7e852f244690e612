using System.Text.Json.Nodes;

namespace Antq.FormEngine.Rules;

/// <summary>A RulesEngine workflow as read from rules.json, with the JSON Pointer of each part.</summary>
internal sealed record WorkflowDefinition(
    string Name,
    string Pointer,
    IReadOnlyList<string> WorkflowsToInject,
    IReadOnlyList<ParamDefinition> GlobalParams,
    IReadOnlyList<RuleDefinition> Rules);

/// <summary>A LocalParam or GlobalParam (RulesEngine's ScopedParam).</summary>
internal sealed record ParamDefinition(string Name, string Expression, string Pointer);

internal sealed record ActionDefinition(string Name, JsonObject Context, string Pointer);

/// <summary>A RulesEngine rule (a criterion when top-level in the criteria workflow).</summary>
internal sealed record RuleDefinition(
    string Name,
    string Pointer,
    string? Expression,
    string? Operator,
    IReadOnlyList<RuleDefinition> Rules,
    IReadOnlyList<ParamDefinition> LocalParams,
    string? ErrorMessage,
    string? SuccessEvent,
    bool Enabled,
    JsonObject Properties,
    IReadOnlyList<ActionDefinition> Actions,
    IReadOnlyList<string> WorkflowsToInject)
{
    public string Title => Properties["title"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : Name;

    public string? Group => Properties["group"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public double Points => Properties["points"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}
