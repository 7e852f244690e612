using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.FormEngine.Evaluation;
using Json.Schema;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Validates submitted data against the pack's JSON Schema and reports Vietnamese messages per
/// field. A pattern that runs past the process-wide regex timeout is reported, not thrown.
/// <para>
/// Valid data is recognised by the <see cref="CompiledSchema"/> built from the same schema, without
/// JsonSchema.Net, and so are failures in plain positions (<see cref="CompiledSchema.Explain"/>);
/// other invalid data goes through JsonSchema.Net's hierarchical pass. Both lists of failures
/// become messages through the same code. A schema the compiled validator does not cover uses
/// JsonSchema.Net alone (a yes/no pass, then the detailed one for invalid data).
/// </para>
/// </summary>
internal sealed partial class FormValidator
{
    private readonly JsonSchema schema;
    private readonly FormModel model;
    private readonly CompiledSchema? compiled;

    /// <param name="schemaElement">The form schema the <paramref name="schema"/> was built from.</param>
    public FormValidator(JsonSchema schema, FormModel model, JsonElement schemaElement)
    {
        this.schema = schema;
        this.model = model;
        compiled = CompiledSchema.TryCompile(schemaElement, out var unsupported);
        NotCompiledBecause = unsupported;
    }

    private FormValidator(JsonSchema schema, FormModel model)
    {
        this.schema = schema;
        this.model = model;
        NotCompiledBecause = "JsonSchema.Net only (reference)";
    }

    /// <summary>The same validator on JsonSchema.Net alone: the reference the compiled one is tested against.</summary>
    internal FormValidator ReferenceOnly() => new(schema, model);

    /// <summary>The compiled validator's yes/no (true only when sure), for differential tests.</summary>
    internal bool CompiledVerdict(JsonElement data) =>
        (compiled ?? throw new InvalidOperationException(NotCompiledBecause)).IsValid(data);

    /// <summary>
    /// The validation the compiled validator produces itself, or null when it leaves the data to
    /// JsonSchema.Net (for differential tests).
    /// </summary>
    internal (List<FieldError> Errors, List<string> Unusable)? CompiledValidation(JsonElement data)
    {
        var failures = (compiled ?? throw new InvalidOperationException(NotCompiledBecause)).Explain(data);
        if (failures is null) return null;
        var errors = new List<FieldError>();
        var unusable = new List<string>();
        var seen = new HashSet<(string, string?, string)>();
        foreach (var failure in failures) Add(failure.Path, failure.Keyword, failure.Missing, "", errors, unusable, seen);
        AddInexactIntegers(data, errors, unusable);
        return (errors, unusable);
    }

    /// <summary>JsonSchema.Net's yes/no with the options the detailed pass uses.</summary>
    internal bool ReferenceVerdict(JsonElement data) => schema.Evaluate(data, FlagOptions).IsValid;

    /// <summary>True when valid data is recognised without JsonSchema.Net.</summary>
    public bool IsCompiled => compiled is not null;

    /// <summary>Why the schema is validated by JsonSchema.Net alone (a keyword or construct the compiled validator does not cover).</summary>
    public string? NotCompiledBecause { get; }

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
        var (errors, unusable) = ValidateSchema(data);
        AddInexactIntegers(data, errors, unusable);
        return (errors, unusable);
    }

    /// <summary>
    /// Numbers in <c>integer</c> fields that are not exactly safe integers (<see cref="ExactIntegers"/>):
    /// an error of keyword <c>type</c> at each, after the schema's own (none twice). The same on both
    /// paths, whatever JsonSchema.Net or the compiled validator make of <c>1E-400</c>.
    /// </summary>
    private void AddInexactIntegers(JsonElement data, List<FieldError> errors, List<string> unusable)
    {
        // Valid data has none: look without building a pointer per value first.
        if (!HasInexactInteger(data, model.Root, 0)) return;
        List<string>? found = null;
        Walk(data, "", model.Root, ref found, 0);
        if (found is null) return;
        var seen = new HashSet<(string, string?, string)>();
        foreach (var e in errors) if (e.Keyword == "type") seen.Add((e.Path, null, "type"));
        foreach (var path in found) Add(path, "type", null, "", errors, unusable, seen);
    }

    /// <summary>Whether <see cref="Walk"/> would find anything (the same descent, no pointers).</summary>
    private static bool HasInexactInteger(JsonElement element, FormField? field, int depth)
    {
        if (field is null || depth > 64) return false;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when field.Kind == FieldKind.Integer:
                return !ExactIntegers.TryGet(element, out _);
            case JsonValueKind.Object when field.Kind == FieldKind.Object:
                foreach (var property in element.EnumerateObject())
                    if (HasInexactInteger(property.Value, ChildNamed(field, property), depth + 1)) return true;
                return false;
            case JsonValueKind.Array when field.Kind == FieldKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (HasInexactInteger(item, field.Item, depth + 1)) return true;
                return false;
            default:
                return false;
        }
    }

    /// <summary>The child field a property fills (the first of that name), without a lambda per property.</summary>
    private static FormField? ChildNamed(FormField field, JsonProperty property)
    {
        foreach (var child in field.Children)
            if (property.NameEquals(child.Name)) return child;
        return null;
    }

    private static void Walk(JsonElement element, string path, FormField? field, ref List<string>? found, int depth)
    {
        if (field is null || depth > 64) return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when field.Kind == FieldKind.Integer:
                if (!ExactIntegers.TryGet(element, out _)) (found ??= []).Add(path);
                break;
            case JsonValueKind.Object when field.Kind == FieldKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, $"{path}/{property.Name.Replace("~", "~0").Replace("/", "~1")}",
                        ChildNamed(field, property), ref found, depth + 1);
                break;
            case JsonValueKind.Array when field.Kind == FieldKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, $"{path}/{index++}", field.Item, ref found, depth + 1);
                break;
        }
    }

    private (List<FieldError> Errors, List<string> Unusable) ValidateSchema(JsonElement data)
    {
        var errors = new List<FieldError>();
        var unusable = new List<string>();
        EvaluationResults results;
        try
        {
            if (compiled is not null)
            {
                // Valid data, and failures in plain positions, are answered without JsonSchema.Net.
                if (CompiledValidation(data) is { } answer) return answer;
            }
            else if (schema.Evaluate(data, FlagOptions).IsValid)
            {
                return (errors, unusable);
            }
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
                Add(path, keyword, keyword == "required" ? [.. MissingNames(english)] : null, english, errors, unusable, seen, field);
        }
    }

    /// <summary>One failing keyword at one instance location, from either JsonSchema.Net's output or the compiled validator's.</summary>
    private void Add(string path, string keyword, string[]? missing, string english, List<FieldError> errors, List<string> unusable,
        HashSet<(string, string?, string)> seen, FormField? field = null)
    {
        if (keyword == "required")
        {
            foreach (var name in missing ?? [])
            {
                var fieldPointer = $"{path}/{name.Replace("~", "~0").Replace("/", "~1")}";
                if (seen.Add((path, fieldPointer, keyword)))
                    errors.Add(new FieldError(path, ValidationMessages.Required(model.FieldAt(fieldPointer), name), fieldPointer, keyword));
            }
            return;
        }
        // Alternatives (const in oneOf branches, say) all failing at one place read as one error.
        var reported = keyword is "const" or "enum" ? "enum" : keyword;
        if (!seen.Add((path, null, reported))) return;
        field ??= model.FieldAt(path);
        errors.Add(new FieldError(path, ValidationMessages.For(keyword, field, english), Keyword: keyword));
        var scalar = field is not null && !field.IsContainer;
        if (path.Length > 0 && (scalar || !ContainerKeywords.Contains(keyword))) unusable.Add(path);
    }

    internal static IEnumerable<string> MissingNames(string message)
    {
        var match = BracketList().Match(message);
        if (!match.Success) yield break;
        string[]? names;
        try { names = JsonSerializer.Deserialize<string[]>($"[{match.Groups[1].Value}]"); }
        catch (JsonException) { yield break; }
        foreach (var name in names ?? []) yield return name;
    }
}
