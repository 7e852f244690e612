using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.FormEngine.Evaluation;
using Json.Schema;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Validates submitted data against the pack's JSON Schema and reports Vietnamese messages per
/// field. A pattern that runs past the process-wide regex timeout is reported, not thrown.
/// </summary>
internal sealed partial class FormValidator(JsonSchema schema, FormModel model)
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    /// <summary>A yes/no pass first: it allocates far less, and most saved data that is valid needs no detail.</summary>
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };

    /// <summary>Keywords that judge a container as a whole: they do not make the container's own value unusable.</summary>
    private static readonly HashSet<string> ContainerKeywords =
    [
        "required", "dependentRequired", "dependentSchemas", "minItems", "maxItems", "uniqueItems", "contains", "minContains",
        "maxContains", "minProperties", "maxProperties", "additionalProperties", "unevaluatedProperties", "propertyNames",
        "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
    ];

    [GeneratedRegex(@"\[(.*?)\]")]
    private static partial Regex BracketList();

    /// <summary>The errors, and the instance locations whose value must not reach rules.</summary>
    public (List<FieldError> Errors, List<string> Unusable) Validate(JsonElement data)
    {
        var errors = new List<FieldError>();
        var unusable = new List<string>();
        EvaluationResults results;
        try
        {
            if (schema.Evaluate(data, FlagOptions).IsValid) return (errors, unusable);
            results = schema.Evaluate(data, Options);
        }
        catch (RegexMatchTimeoutException)
        {
            errors.Add(new FieldError("", "Không kiểm tra được dữ liệu: một mẫu định dạng (pattern) chạy quá lâu.", Keyword: "pattern"));
            return (errors, unusable);
        }
        if (results.IsValid) return (errors, unusable);
        var seen = new HashSet<(string, string?, string)>();
        Collect(results, errors, unusable, seen);
        return (errors, unusable);
    }

    private void Collect(EvaluationResults results, List<FieldError> errors, List<string> unusable, HashSet<(string, string?, string)> seen)
    {
        foreach (var node in SchemaResults.FailingNodes(results))
        {
            var path = node.InstanceLocation.ToString();
            var field = model.FieldAt(path);
            foreach (var (keyword, english) in node.Errors!)
            {
                if (keyword == "required")
                {
                    foreach (var name in MissingNames(english))
                    {
                        var fieldPointer = $"{path}/{name.Replace("~", "~0").Replace("/", "~1")}";
                        if (seen.Add((path, fieldPointer, keyword)))
                            errors.Add(new FieldError(path, ValidationMessages.Required(model.FieldAt(fieldPointer), name), fieldPointer, keyword));
                    }
                    continue;
                }
                // Alternatives (const in oneOf branches, say) all failing at one place read as one error.
                var reported = keyword is "const" or "enum" ? "enum" : keyword;
                if (!seen.Add((path, null, reported))) continue;
                errors.Add(new FieldError(path, ValidationMessages.For(keyword, field, english), Keyword: keyword));
                var scalar = field is not null && !field.IsContainer;
                if (path.Length > 0 && (scalar || !ContainerKeywords.Contains(keyword))) unusable.Add(path);
            }
        }
    }

    private static IEnumerable<string> MissingNames(string message)
    {
        var match = BracketList().Match(message);
        if (!match.Success) yield break;
        string[]? names;
        try { names = JsonSerializer.Deserialize<string[]>($"[{match.Groups[1].Value}]"); }
        catch (JsonException) { yield break; }
        foreach (var name in names ?? []) yield return name;
    }
}
