using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Antq.FormEngine.Rules;

namespace Antq.FormEngine.Packs.Diff;

/// <summary>
/// rules.json: the criteria (top-level rules of the criteria workflow) and their sub-criteria by
/// name path (<c>DK01/DK01.a</c>), then any other workflow (<c>workflow:x/R1</c>). For each rule:
/// expression (a change of numbers only is described as a threshold change), operator, enabled,
/// messages, local parameters, properties (title, group, points, source, wording…), actions.
/// </summary>
internal static partial class RuleDiff
{
    private static readonly Dictionary<string, string> PropertyLabels = new(StringComparer.Ordinal)
    {
        ["title"] = "tên", ["group"] = "nhóm", ["points"] = "điểm", ["source"] = "nguồn", ["wording"] = "cách diễn đạt",
    };

    [GeneratedRegex(@"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLiteral();

    public static IEnumerable<PackDiffEntry> Compare(byte[] fromRules, byte[] toRules, string fromWorkflow, string toWorkflow)
    {
        var w = new DiffWriter(DiffArea.Criteria);
        var before = Read(fromRules);
        var after = Read(toRules);
        // The criteria workflow is compared with the criteria workflow even if it was renamed (the manifest says so).
        var pairs = new List<(WorkflowDefinition? Old, WorkflowDefinition? New, string Prefix)>
        {
            (before.GetValueOrDefault(fromWorkflow), after.GetValueOrDefault(toWorkflow), ""),
        };
        foreach (var name in before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase)
                     .Where(n => !n.Equals(fromWorkflow, StringComparison.OrdinalIgnoreCase) && !n.Equals(toWorkflow, StringComparison.OrdinalIgnoreCase))
                     .Order(StringComparer.Ordinal))
            pairs.Add((before.GetValueOrDefault(name), after.GetValueOrDefault(name), $"workflow:{name}/"));

        foreach (var (old, now, prefix) in pairs)
        {
            if (old is null && now is null) continue;
            if (old is null || now is null)
            {
                var wf = (old ?? now)!;
                var text = $"workflow “{wf.Name}” ({wf.Rules.Count} luật)";
                if (old is null) w.Added(prefix.TrimEnd('/'), text, $"Thêm {text}");
                else w.Removed(prefix.TrimEnd('/'), text, $"Bỏ {text}");
                continue;
            }
            Params(w, prefix.Length == 0 ? "workflow" : prefix.TrimEnd('/'), "tham số chung", old.GlobalParams, now.GlobalParams);
            w.Compare($"{prefix}#WorkflowsToInject", DiffWriter.List(old.WorkflowsToInject), DiffWriter.List(now.WorkflowsToInject),
                $"Workflow “{now.Name}”: workflow được gọi");
            Rules(w, prefix, old.Rules, now.Rules, topLevel: prefix.Length == 0);
        }
        return w.Entries;
    }

    private static Dictionary<string, WorkflowDefinition> Read(byte[] rules)
    {
        var (workflows, _) = RulesJsonReader.Read(JsonNode.Parse(rules));
        return workflows.GroupBy(wf => wf.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    private static void Rules(DiffWriter w, string prefix, IReadOnlyList<RuleDefinition> from, IReadOnlyList<RuleDefinition> to, bool topLevel)
    {
        var before = from.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var after = to.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var rule in from.Where(r => !after.ContainsKey(r.Name)))
            w.Removed(prefix + rule.Name, Summary(rule), $"Bỏ {Name(rule, topLevel)}{Children(rule)}");
        foreach (var rule in to)
        {
            if (!before.TryGetValue(rule.Name, out var old))
            {
                w.Added(prefix + rule.Name, Summary(rule), $"Thêm {Name(rule, topLevel)}: {DiffWriter.Shorten(Summary(rule))}{Children(rule)}");
                continue;
            }
            Rule(w, prefix + rule.Name, old, rule, DiffWriter.Capitalise(Name(rule, topLevel)));
            Rules(w, prefix + rule.Name + "/", old.Rules, rule.Rules, topLevel: false);
        }
    }

    private static void Rule(DiffWriter w, string key, RuleDefinition old, RuleDefinition now, string name)
    {
        if (old.Expression != now.Expression)
            w.Changed($"{key}#expression", old.Expression, now.Expression, $"{name}: {ExpressionChange(old.Expression, now.Expression)}");
        w.Compare($"{key}#operator", old.Operator, now.Operator, $"{name}: phép kết hợp tiêu chí con");
        if (old.Enabled != now.Enabled)
            w.Changed($"{key}#enabled", old.Enabled ? "bật" : "tắt", now.Enabled ? "bật" : "tắt", $"{name}: {(now.Enabled ? "được bật lại" : "bị tắt (không còn được xét)")}");
        w.Compare($"{key}#errorMessage", old.ErrorMessage, now.ErrorMessage, $"{name}: thông báo khi chưa đạt");
        w.Compare($"{key}#successEvent", old.SuccessEvent, now.SuccessEvent, $"{name}: thông báo khi đạt");
        foreach (var property in Keys(old.Properties).Union(Keys(now.Properties)).Order(StringComparer.Ordinal))
            w.Compare($"{key}#properties.{property}", DiffWriter.Text(old.Properties[property]), DiffWriter.Text(now.Properties[property]),
                $"{name}: {PropertyLabels.GetValueOrDefault(property, property)}");
        Params(w, key, "tham số cục bộ", old.LocalParams, now.LocalParams);
        w.Compare($"{key}#actions", Actions(old), Actions(now), $"{name}: hành động");
        w.Compare($"{key}#WorkflowsToInject", DiffWriter.List(old.WorkflowsToInject), DiffWriter.List(now.WorkflowsToInject), $"{name}: workflow được gọi");
    }

    private static IEnumerable<string> Keys(JsonObject o) => o.Select(p => p.Key);

    private static void Params(DiffWriter w, string key, string what, IReadOnlyList<ParamDefinition> from, IReadOnlyList<ParamDefinition> to)
    {
        var before = from.ToDictionary(p => p.Name, p => p.Expression, StringComparer.Ordinal);
        var after = to.ToDictionary(p => p.Name, p => p.Expression, StringComparer.Ordinal);
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (old, now) = (before.GetValueOrDefault(name), after.GetValueOrDefault(name));
            if (old == now) continue;
            var k = $"{key}#param:{name}";
            if (old is null) w.Added(k, now, $"Thêm {what} {name} = {now}");
            else if (now is null) w.Removed(k, old, $"Bỏ {what} {name}");
            else w.Changed(k, old, now, $"{DiffWriter.Capitalise(what)} {name}: {ExpressionChange(old, now)}");
        }
    }

    /// <summary>"ngưỡng 70 → 75" when only numbers moved, else "biểu thức thay đổi".</summary>
    public static string ExpressionChange(string? old, string? now)
    {
        if (old is null || now is null) return "biểu thức thay đổi";
        var (a, b) = (NumberLiteral().Matches(old), NumberLiteral().Matches(now));
        if (a.Count == b.Count && a.Count > 0 && NumberLiteral().Replace(old, "#") == NumberLiteral().Replace(now, "#"))
        {
            var moved = a.Zip(b).Where(p => p.First.Value != p.Second.Value).Select(p => $"{Number(p.First.Value)} → {Number(p.Second.Value)}").ToList();
            if (moved.Count > 0) return $"ngưỡng thay đổi {string.Join(", ", moved)}";
        }
        return "biểu thức thay đổi";
    }

    private static string Number(string literal) =>
        double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("#,##0.##", CultureInfo.GetCultureInfo("vi-VN")) : literal;

    private static string Name(RuleDefinition rule, bool topLevel) =>
        (topLevel ? "tiêu chí " : "tiêu chí con ") + rule.Name + (rule.Title != rule.Name ? $" “{DiffWriter.Shorten(rule.Title, 120)}”" : "");

    private static string Children(RuleDefinition rule) => rule.Rules.Count == 0 ? "" : $" (gồm {rule.Rules.Count} tiêu chí con)";

    private static string Summary(RuleDefinition rule)
    {
        var parts = new List<string>();
        if (rule.Expression is not null) parts.Add(rule.Expression);
        else parts.Add($"{rule.Operator ?? "And"} của {string.Join(", ", rule.Rules.Select(r => r.Name))}");
        if (rule.Points != 0) parts.Add($"{rule.Points.ToString(CultureInfo.InvariantCulture)} điểm");
        if (!rule.Enabled) parts.Add("đang tắt");
        return string.Join("; ", parts);
    }

    private static string? Actions(RuleDefinition rule) =>
        rule.Actions.Count == 0 ? null : string.Join("; ", rule.Actions.Select(a => $"{a.Name} {DiffWriter.Text(a.Context)}"));
}
