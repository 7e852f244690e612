using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Rules;
using Antq.FormEngine.Testing;
using Json.Schema;

namespace Antq.FormEngine;

/// <summary>
/// A verified pack version, compiled once: immutable and safe to evaluate from many threads at
/// once. Obtain one from <see cref="PackLoader"/>.
/// </summary>
public sealed class CompiledPack
{
    internal CompiledPack(PackManifest manifest, PackFiles files, JsonNode formSchema, JsonSchema schema, FormModel form,
        IReadOnlyList<Criterion> criteria, IReadOnlyList<CompiledOutcome> outcomes, IReadOnlyList<VisibilityRule> visibility,
        IReadOnlyList<DeadlineDefinition> deadlines, IReadOnlyList<PackTestCase> tests)
    {
        Manifest = manifest;
        Files = files;
        FormSchema = formSchema;
        Form = form;
        Criteria = criteria;
        Outcomes = outcomes;
        Visibility = visibility;
        Deadlines = deadlines;
        Tests = tests;
        Validator = new FormValidator(schema, form, JsonSerializer.SerializeToElement(formSchema));
        CriterionCount = criteria.Flatten().Count();
        ContentHash = files.ContentHash();
    }

    public PackManifest Manifest { get; }
    public PackFiles Files { get; }

    /// <summary>form.schema.json as shipped (JSON Schema plus x-ui hints), for form renderers.</summary>
    public JsonNode FormSchema { get; }

    public FormModel Form { get; }
    public IReadOnlyList<DeadlineDefinition> Deadlines { get; }
    public IReadOnlyList<PackTestCase> Tests { get; }

    /// <summary>SHA-256 of the pack's files (order-independent).</summary>
    public string ContentHash { get; }

    /// <summary>Document templates by template id, parsed (pack's own first, then the caller's folder).</summary>
    public IReadOnlyDictionary<string, ParsedTemplate> Templates { get; internal set; } = new Dictionary<string, ParsedTemplate>();

    /// <summary>Ids and titles of the criteria (top level, in order).</summary>
    public IReadOnlyList<(string Id, string Title, string? Group)> CriteriaList =>
        Criteria.Select(c => (c.Id, c.Title, c.Group)).ToList();

    internal IReadOnlyList<Criterion> Criteria { get; }
    internal IReadOnlyList<CompiledOutcome> Outcomes { get; }
    internal IReadOnlyList<VisibilityRule> Visibility { get; }
    internal FormValidator Validator { get; }

    /// <summary>Criteria and sub-criteria: the size of the status table outcomes read.</summary>
    internal int CriterionCount { get; }

    /// <summary>Validates and evaluates one submission. Never throws for bad data.</summary>
    public EvaluationResult Evaluate(UnitInfo unit, int year, JsonElement data) => PackEvaluator.Evaluate(this, unit, year, data);

    /// <summary>
    /// Validates and evaluates one submission with the hierarchy facts the host supplies: each declared
    /// fact that is supplied fills its form field instead of the typed value (docs/packs.md, "Facts").
    /// </summary>
    public EvaluationResult Evaluate(UnitInfo unit, int year, JsonElement data, PackFacts? facts) =>
        PackEvaluator.Evaluate(this, unit, year, data, withVisibility: false, facts).Result;

    /// <inheritdoc cref="Evaluate(UnitInfo, int, JsonElement, PackFacts?)"/>
    public EvaluationResult Evaluate(UnitInfo unit, int year, JsonElement data, PackFacts? facts, out FieldVisibility visibility)
    {
        (var result, visibility) = PackEvaluator.Evaluate(this, unit, year, data, withVisibility: true, facts);
        return result;
    }

    /// <summary>
    /// Validates and evaluates one submission and tells which fields are shown (<see cref="PackVisibility.VisibleFields"/>),
    /// validating the data once for both: what a form needs after every change. Never throws for bad data.
    /// </summary>
    public EvaluationResult Evaluate(UnitInfo unit, int year, JsonElement data, out FieldVisibility visibility)
    {
        (var result, visibility) = PackEvaluator.Evaluate(this, unit, year, data, withVisibility: true);
        return result;
    }
}

internal sealed record CompiledOutcome(OutcomeLevel Level, Func<EvalContext, object?[], bool> Predicate);

internal sealed record VisibilityRule(FormField Field, string Expression, Func<EvalContext, object, UnitInfo, int, bool> Predicate);
