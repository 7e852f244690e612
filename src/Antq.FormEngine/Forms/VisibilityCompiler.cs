using System.Text.Json.Nodes;
using Antq.FormEngine.Rules;

namespace Antq.FormEngine.Forms;

/// <summary>Compiles every <c>x-ui.visibleWhen</c> of the form through the expression sandbox.</summary>
internal static class VisibilityCompiler
{
    public static IReadOnlyList<VisibilityRule> Compile(FormModel form, ExpressionCompiler compiler, List<PackError> errors)
    {
        var rules = new List<VisibilityRule>();
        foreach (var field in form.Fields)
        {
            if (field.Schema["x-ui"] is not JsonObject ui || ui["visibleWhen"] is not { } node) continue;
            var location = PackError.At("form.schema.json", SchemaPointer(field) + "/x-ui/visibleWhen");
            if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                errors.Add(new PackError(location, "schema.visible-when", "\"visibleWhen\" phải là một biểu thức (chuỗi)."));
                continue;
            }
            var (predicate, error) = compiler.CompilePredicate(text, location, []);
            if (error is not null) errors.Add(error);
            else rules.Add(new VisibilityRule(field, text, predicate!));
        }
        return rules;
    }

    private static string SchemaPointer(FormField field)
    {
        var parts = new List<string>();
        for (var f = field; f.Parent is not null; f = f.Parent)
            parts.Add(f.Name == "*" ? "items" : $"properties/{f.Name}");
        parts.Reverse();
        return parts.Count == 0 ? "" : "/" + string.Join('/', parts);
    }
}
