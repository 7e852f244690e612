using System.Text.Json.Nodes;
using Antq.FormEngine.Evaluation;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Compiles every workflow of rules.json (so no expression escapes the sandbox, even in a workflow
/// that is never run), refuses injection and EvaluateRule cycles and unknown actions, and returns
/// the criteria: the enabled top-level rules of the criteria workflow, then those of the workflows
/// it injects.
/// </summary>
internal static class CriteriaCompiler
{
    private const string File = "rules.json";
    public static readonly string[] AllowedActions = ["OutputExpression", "EvaluateRule"];

    /// <summary>Rules (all workflows, nested ones included) one pack may hold: far above the 34 + 14 criteria
    /// sets, low enough that verifying a pack stays a matter of seconds.</summary>
    public const int MaxRules = 1000;

    /// <summary>Local and global params one rule may compute before its expression.</summary>
    public const int MaxScopedParams = 32;

    public static (IReadOnlyList<Criterion> Criteria, IReadOnlyList<PackError> Errors) Compile(
        IReadOnlyList<WorkflowDefinition> workflows, string criteriaWorkflow, ExpressionCompiler compiler)
    {
        var errors = new List<PackError>();
        var ruleCount = workflows.Sum(w => AllRules(w.Rules).Count());
        if (ruleCount > MaxRules)
        {
            errors.Add(new PackError(File, "rules.too-many", $"rules.json có {ruleCount} luật, vượt giới hạn {MaxRules} luật mỗi gói."));
            return ([], errors);
        }
        var byName = workflows.Where(w => w.Name.Length > 0).GroupBy(w => w.Name).ToDictionary(g => g.Key, g => g.First());
        CheckInjections(workflows, byName, errors);
        CheckActions(workflows, byName, compiler, errors);

        var compiled = new Dictionary<RuleDefinition, Criterion>();
        foreach (var workflow in workflows)
            foreach (var rule in workflow.Rules.Where(r => r.Enabled))
                compiled[rule] = CompileRule(rule, workflow, compiler, errors);

        if (!byName.TryGetValue(criteriaWorkflow, out var main))
        {
            errors.Add(new PackError(PackError.At("pack.json", "/workflow"), "pack.workflow-missing",
                $"rules.json không có workflow \"{criteriaWorkflow}\" mà pack.json khai báo trong \"workflow\"."));
            return ([], errors);
        }
        if (errors.Count > 0) return ([], errors);
        var criteria = new List<Criterion>();
        var seen = new HashSet<string>();
        Collect(main, byName, compiled, criteria, seen, []);
        if (criteria.Count == 0)
            errors.Add(new PackError(PackError.At(File, main.Pointer), "rules.no-criteria", $"Workflow \"{main.Name}\" không có tiêu chí nào (luật cấp cao nhất đang bật)."));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in criteria.Flatten().Select(c => c.Id))
            if (!ids.Add(id)) errors.Add(new PackError(File, "rules.duplicate-criterion", $"Mã tiêu chí \"{id}\" xuất hiện nhiều lần (kể cả tiêu chí con và workflow được chèn)."));
        return (criteria, errors);
    }

    private static void Collect(WorkflowDefinition workflow, Dictionary<string, WorkflowDefinition> byName,
        Dictionary<RuleDefinition, Criterion> compiled, List<Criterion> criteria, HashSet<string> seenRules, HashSet<string> visiting)
    {
        if (!visiting.Add(workflow.Name)) return;
        foreach (var rule in workflow.Rules.Where(r => r.Enabled))
            if (seenRules.Add(rule.Name)) criteria.Add(compiled[rule]);
        foreach (var injected in workflow.WorkflowsToInject)
            if (byName.TryGetValue(injected, out var target)) Collect(target, byName, compiled, criteria, seenRules, visiting);
    }

    private static Criterion CompileRule(RuleDefinition rule, WorkflowDefinition workflow, ExpressionCompiler compiler, List<PackError> errors)
    {
        var children = rule.Rules.Where(r => r.Enabled).Select(r => CompileRule(r, workflow, compiler, errors)).ToList();
        if (rule.Rules.Count > 0) return new Criterion { Definition = rule, Children = children };
        if (rule.Expression is null) return new Criterion { Definition = rule };
        if (workflow.GlobalParams.Count + rule.LocalParams.Count > MaxScopedParams)
        {
            errors.Add(new PackError(PackError.At(File, rule.Pointer + "/LocalParams"), "rules.too-many-params",
                $"Luật \"{rule.Name}\" có quá {MaxScopedParams} tham số (LocalParams và GlobalParams)."));
            return new Criterion { Definition = rule };
        }
        var scoped = workflow.GlobalParams.Concat(rule.LocalParams)
            .Select(p => new NamedExpression(p.Name, p.Expression, PackError.At(File, p.Pointer))).ToList();
        var (predicate, error) = compiler.CompilePredicate(rule.Expression, PackError.At(File, rule.Pointer + "/Expression"), scoped);
        if (error is not null) errors.Add(error);
        return new Criterion { Definition = rule, Predicate = predicate };
    }

    private static void CheckInjections(IReadOnlyList<WorkflowDefinition> workflows, Dictionary<string, WorkflowDefinition> byName, List<PackError> errors)
    {
        var edges = workflows.ToDictionary(w => w, w => w.WorkflowsToInject.Concat(AllRules(w.Rules).SelectMany(r => r.WorkflowsToInject)).ToList());
        foreach (var workflow in workflows)
            foreach (var target in edges[workflow].Where(t => !byName.ContainsKey(t)))
                errors.Add(new PackError(PackError.At(File, workflow.Pointer + "/WorkflowsToInject"), "rules.inject-missing",
                    $"Workflow \"{workflow.Name}\" chèn workflow \"{target}\" không tồn tại."));
        var state = new Dictionary<string, int>();
        foreach (var workflow in workflows)
            if (FindCycle(workflow.Name, n => byName.TryGetValue(n, out var w) ? edges[w] : [], state, []) is { } cycle)
            {
                errors.Add(new PackError(PackError.At(File, workflow.Pointer + "/WorkflowsToInject"), "rules.inject-cycle",
                    $"WorkflowsToInject tạo vòng lặp: {string.Join(" → ", cycle)}."));
                return;
            }
    }

    private static void CheckActions(IReadOnlyList<WorkflowDefinition> workflows, Dictionary<string, WorkflowDefinition> byName,
        ExpressionCompiler compiler, List<PackError> errors)
    {
        var calls = new Dictionary<string, List<string>>();
        foreach (var workflow in workflows)
            foreach (var rule in AllRules(workflow.Rules))
                foreach (var action in rule.Actions)
                {
                    var key = $"{workflow.Name}/{rule.Name}";
                    if (!AllowedActions.Contains(action.Name))
                    {
                        errors.Add(new PackError(PackError.At(File, action.Pointer + "/Name"), "rules.action-forbidden",
                            $"Hành động \"{action.Name}\" không được phép (chỉ {string.Join(", ", AllowedActions)})."));
                        continue;
                    }
                    if (action.Name == "OutputExpression")
                    {
                        var text = ContextString(action.Context, "expression");
                        var location = PackError.At(File, action.Pointer + "/Context/expression");
                        if (text is null) errors.Add(new PackError(location, "rules.action-context", "OutputExpression cần Context.expression."));
                        else if (compiler.CompilePredicate($"({text}) != null || true", location, []).Error is { } e) errors.Add(e);
                        continue;
                    }
                    var wf = ContextString(action.Context, "workflowName");
                    var target = ContextString(action.Context, "ruleName");
                    if (wf is null || target is null || !byName.TryGetValue(wf, out var targetWorkflow) || !AllRules(targetWorkflow.Rules).Any(r => r.Name == target))
                    {
                        errors.Add(new PackError(PackError.At(File, action.Pointer + "/Context"), "rules.action-target",
                            $"EvaluateRule phải trỏ tới một luật có thật (workflowName \"{wf}\", ruleName \"{target}\")."));
                        continue;
                    }
                    (calls.TryGetValue(key, out var list) ? list : calls[key] = []).Add($"{wf}/{target}");
                }
        var state = new Dictionary<string, int>();
        foreach (var start in calls.Keys)
            if (FindCycle(start, n => calls.GetValueOrDefault(n) ?? [], state, []) is { } cycle)
            {
                errors.Add(new PackError(File, "rules.action-cycle", $"Hành động EvaluateRule tạo vòng lặp: {string.Join(" → ", cycle)}."));
                return;
            }
    }

    private static string? ContextString(JsonObject context, string key)
    {
        foreach (var (k, v) in context)
            if (k.Equals(key, StringComparison.OrdinalIgnoreCase) && v is JsonValue value && value.TryGetValue<string>(out var s)) return s;
        return null;
    }

    private static IEnumerable<RuleDefinition> AllRules(IEnumerable<RuleDefinition> rules) =>
        rules.SelectMany(r => new[] { r }.Concat(AllRules(r.Rules)));

    /// <summary>Depth-first search; returns the cycle's path when one is reachable from <paramref name="node"/>.</summary>
    private static List<string>? FindCycle(string node, Func<string, IEnumerable<string>> next, Dictionary<string, int> state, List<string> path)
    {
        if (state.GetValueOrDefault(node) == 2) return null;
        path.Add(node);
        if (state.GetValueOrDefault(node) == 1) return path.SkipWhile(n => n != node).ToList();
        state[node] = 1;
        foreach (var target in next(node))
            if (FindCycle(target, next, state, path) is { } cycle) return cycle;
        state[node] = 2;
        path.RemoveAt(path.Count - 1);
        return null;
    }
}
