using System.Diagnostics;
using System.Text.Json.Nodes;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Rules;
using Antq.FormEngine.Testing;

namespace Antq.FormEngine.Studio;

/// <summary>A field the expressions may read, for completion and the shape pickers.</summary>
public sealed record StudioField(string Path, string Label, FieldKind Kind, bool InTable, string? Widget);

/// <summary>The verdict on a whole draft: the same verification as an upload (and <c>antq pack validate</c>), with its time.</summary>
public sealed record DraftVerdict(IReadOnlyList<PackError> Errors, IReadOnlyList<PackTestResult> Tests, TimeSpan Elapsed)
{
    /// <summary>The compiled draft, for a live preview: also when only its tests fail.</summary>
    public CompiledPack? Preview { get; init; }

    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// The studio's calls into the engine. The studio keeps no rules of its own: a draft is checked by
/// <see cref="PackLoader"/> (same errors, codes and JSON pointers as the CLI and an upload), one
/// expression by the same sandbox compiler the loader uses.
/// </summary>
public static class StudioCheck
{
    /// <summary>The full verification of a draft, tests included.</summary>
    public static DraftVerdict Verify(PackDocument draft, PackLoadOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        options ??= PackLoadOptions.Default;
        var files = draft.ToPackFiles();
        var result = PackLoader.Load(files, options);
        var elapsed = clock.Elapsed;
        var preview = result.Pack;
        if (preview is null && result.Errors.Count > 0 && result.Errors.All(e => e.Code == "test.failed"))
            preview = PackLoader.Load(files, options with { RunTests = false }).Pack;
        return new DraftVerdict(result.Errors, result.TestResults, elapsed) { Preview = preview };
    }

    /// <summary>The loader's own checks of a draft's <c>pack.json</c> alone (the manifest schema, dates, duplicates), with its messages and pointers.</summary>
    public static IReadOnlyList<PackError> CheckManifest(PackDocument draft)
    {
        var node = draft.Json(PackDocument.Manifest);
        if (node is null) return [new PackError(PackDocument.Manifest, "json.invalid", "pack.json không phải JSON hợp lệ.")];
        return ManifestReader.Read(node, System.Text.Json.JsonSerializer.SerializeToElement(node)).Errors;
    }

    /// <summary>
    /// The sandbox's verdict on one criterion expression over the draft's form, as the loader would
    /// give it at <paramref name="location"/> (e.g. <c>rules.json#/0/Rules/3/Expression</c>): null when it compiles.
    /// </summary>
    public static PackError? CheckExpression(string schemaJson, string expression, string location, PackCheckCache? cache = null)
    {
        var form = Form(schemaJson, cache, out var schemaError);
        if (form is null) return schemaError;
        PackError? error = null;
        // The parser recurses; give it the loader's stack.
        var thread = new Thread(() =>
        {
            try { error = new ExpressionCompiler(form, cache).CompilePredicate(expression, location, []).Error; }
            catch (Exception e) { error = new PackError(location, "expression.invalid", e.Message); }
        }, 16 * 1024 * 1024) { IsBackground = true, Name = "antq-studio-check" };
        thread.Start();
        thread.Join();
        return error;
    }

    /// <summary>Every field of the form an expression can name (<c>form.</c> + path), tables' columns included.</summary>
    public static IReadOnlyList<StudioField> Fields(string schemaJson, PackCheckCache? cache = null)
    {
        var form = Form(schemaJson, cache, out _);
        if (form is null) return [];
        var list = new List<StudioField>();
        void Walk(FormField field, string prefix, bool inTable)
        {
            foreach (var child in field.Children)
            {
                var path = prefix.Length == 0 ? child.Name : prefix + "." + child.Name;
                var widget = child.Schema["x-ui"]?["widget"] is JsonValue w && w.TryGetValue<string>(out var s) ? s : null;
                list.Add(new StudioField(path, child.Label, child.Kind, inTable, widget));
                if (child.Kind == FieldKind.Object) Walk(child, path, inTable);
                if (child.Kind == FieldKind.Array && child.Item is { Kind: FieldKind.Object } item) Walk(item, path, true);
            }
        }
        Walk(form.Root, "", false);
        return list;
    }

    private static FormModel? Form(string schemaJson, PackCheckCache? cache, out PackError? error)
    {
        error = null;
        JsonNode? node;
        try { node = JsonNode.Parse(schemaJson); }
        catch (System.Text.Json.JsonException e)
        {
            error = new PackError(PackDocument.Schema, "json.invalid", $"JSON không hợp lệ: {e.Message}");
            return null;
        }
        var errors = new List<PackError>();
        var (_, model) = cache is null ? FormSchemaCheck.Build(node!, errors) : cache.Form(System.Text.Encoding.UTF8.GetBytes(schemaJson), node!, errors);
        if (model is null) error = errors.FirstOrDefault() ?? new PackError(PackDocument.Schema, "schema.invalid", "Lược đồ biểu mẫu không hợp lệ.");
        return model;
    }

    /// <summary>
    /// The criteria (rule ids, nested ones too) and field conditions whose expressions read the field at
    /// <paramref name="path"/>: removing that field is refused while this list is not empty.
    /// </summary>
    public static IReadOnlyList<string> ReadersOf(PackDocument draft, string path)
    {
        var readers = new List<string>();
        if (draft.Json(PackDocument.Rules) is JsonArray workflows)
            foreach (var workflow in workflows.OfType<JsonObject>())
                if (workflow["Rules"] is JsonArray rules) CollectRules(rules, path, readers);
        if (draft.Json(PackDocument.Schema) is JsonObject schema) CollectVisibility(schema, "", path, readers);
        return readers;
    }

    private static void CollectRules(JsonArray rules, string path, List<string> readers)
    {
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var name = rule["RuleName"]?.ToString() ?? "?";
            var texts = new List<string?> { rule["Expression"]?.ToString() };
            if (rule["LocalParams"] is JsonArray locals) texts.AddRange(locals.Select(p => p?["Expression"]?.ToString()));
            if (texts.Any(t => t is not null && CriterionShapes.Reads(t, path))) readers.Add(name);
            if (rule["Rules"] is JsonArray children) CollectRules(children, path, readers);
        }
    }

    private static void CollectVisibility(JsonObject schema, string prefix, string path, List<string> readers)
    {
        if (schema["properties"] is not JsonObject properties) return;
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject field) continue;
            var fieldPath = prefix.Length == 0 ? name : prefix + "." + name;
            if (fieldPath != path && field["x-ui"]?["visibleWhen"]?.ToString() is { } when && CriterionShapes.Reads(when, path))
                readers.Add($"điều kiện hiển thị của trường {fieldPath}");
            CollectVisibility(field, fieldPath, path, readers);
        }
    }
}
