using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Rules;
using Json.Schema;

namespace Antq.FormEngine.Packs;

/// <summary>
/// What a verification can reuse from an earlier one of nearly the same pack — the studio verifies
/// the whole draft after every edit, and one edit changes one file. Every entry is keyed by the
/// content it was computed from (SHA-256), so a hit gives exactly what recomputing would: the form
/// schema's checks and its generated type (meta-schema validation and type emission are the dear
/// part), each expression compiled against that form, each template's parse and each render check
/// of a template against a test case's model. Uploads verify without one. Thread-safe; each part
/// is bounded (cleared when full), so an edit loop cannot grow it without end.
/// </summary>
public sealed class PackCheckCache
{
    private const int MaxForms = 16;
    private const int MaxExpressionsPerForm = 4096;
    private const int MaxTemplates = 64;
    private const int MaxRenders = 4096;

    private readonly ConcurrentDictionary<string, FormEntry> _forms = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<FormModel, ConcurrentDictionary<string, Func<EvalContext, object, UnitInfo, int, bool>>> _predicates = new();
    private readonly ConcurrentDictionary<string, TemplateParseResult> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<PackError>> _renders = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ParsedTemplate, string> _sources = new();

    private sealed record FormEntry(JsonSchema? Schema, FormModel? Model, IReadOnlyList<PackError> Errors);

    /// <summary>How many form schemas were checked, expressions compiled and templates rendered through this cache (the rest were reused).</summary>
    public int FormBuilds => _formBuilds;

    /// <inheritdoc cref="FormBuilds"/>
    public int Compilations => _compilations;

    /// <inheritdoc cref="FormBuilds"/>
    public int Renders => _renderCount;

    private int _formBuilds, _compilations, _renderCount;

    internal (JsonSchema? Schema, FormModel? Model) Form(byte[] schemaBytes, JsonNode schemaNode, List<PackError> errors)
    {
        var key = Hash(schemaBytes);
        if (!_forms.TryGetValue(key, out var entry))
        {
            Interlocked.Increment(ref _formBuilds);
            var found = new List<PackError>();
            var (schema, model) = FormSchemaCheck.Build(schemaNode, found);
            entry = new FormEntry(schema, model, found);
            Bounded(_forms, MaxForms)[key] = entry;
        }
        errors.AddRange(entry.Errors);
        return (entry.Schema, entry.Model);
    }

    /// <summary>A predicate compiled earlier against the same form from the same text and params.</summary>
    internal bool TryGetPredicate(FormModel form, string key, out Func<EvalContext, object, UnitInfo, int, bool> predicate)
    {
        predicate = null!;
        return _predicates.TryGetValue(form, out var table) && table.TryGetValue(key, out predicate!);
    }

    /// <summary>Keeps a compiled predicate (failures are not kept: their message names their place).</summary>
    internal void KeepPredicate(FormModel form, string key, Func<EvalContext, object, UnitInfo, int, bool> predicate)
    {
        Interlocked.Increment(ref _compilations);
        var table = _predicates.GetValue(form, _ => new ConcurrentDictionary<string, Func<EvalContext, object, UnitInfo, int, bool>>(StringComparer.Ordinal));
        Bounded(table, MaxExpressionsPerForm)[key] = predicate;
    }

    internal TemplateParseResult Parse(string source, string file)
    {
        var hash = Hash(Encoding.UTF8.GetBytes(source));
        var key = file + "\n" + hash;
        if (_templates.TryGetValue(key, out var hit)) return hit;
        var parsed = TemplateSandbox.Parse(source, file);
        if (parsed.Template is { } template) _sources.AddOrUpdate(template, hash);
        Bounded(_templates, MaxTemplates)[key] = parsed;
        return parsed;
    }

    /// <summary>The errors of rendering <paramref name="template"/> against the model of <paramref name="input"/>, as <see cref="TemplateSandbox.Render"/> gives them.</summary>
    internal IReadOnlyList<PackError> RenderErrors(ParsedTemplate template, TemplateModelInput input)
    {
        // Only templates parsed here have a known content; the model is keyed by its serialised input.
        if (!_sources.TryGetValue(template, out var source)) return Render(template, input);
        string key;
        try { key = template.File + "\n" + source + Hash(JsonSerializer.SerializeToUtf8Bytes(input)); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException) { return Render(template, input); }
        if (_renders.TryGetValue(key, out var hit)) return hit;
        var errors = Render(template, input);
        Bounded(_renders, MaxRenders)[key] = errors;
        return errors;
    }

    private IReadOnlyList<PackError> Render(ParsedTemplate template, TemplateModelInput input)
    {
        Interlocked.Increment(ref _renderCount);
        return TemplateSandbox.Render(template, TemplateModel.Build(input), RenderOptions.Default).Errors;
    }

    private static ConcurrentDictionary<string, T> Bounded<T>(ConcurrentDictionary<string, T> map, int max)
    {
        if (map.Count >= max) map.Clear();
        return map;
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
