using System.Text.Json;
using Json.Schema;
using RulesEngine.Models;

namespace Antq.Bench;

/// <summary>Outcome of one raw run, reduced to counts so nothing can be optimised away.</summary>
public readonly record struct RawResult(bool Valid, int Met, int NotMet, int Failed, string Outcome);

/// <summary>
/// The raw libraries doing the engine's work the usual way: JsonSchema.Net validation (List output,
/// format required) and Microsoft RulesEngine over an ExpandoObject built from the JSON, with the
/// summary counted and the outcome picked in plain C#. One RulesEngine instance (it caches compiled
/// rules); safe to share for the single-threaded benchmarks.
/// </summary>
public sealed class RawStack
{
    public const string Workflow = "tieu-chi";

    private static readonly EvaluationOptions ValidationOptions = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonSchema schema;
    private readonly RulesEngine.RulesEngine rules;

    public RawStack(string schemaText, string rulesText)
    {
        schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var workflows = JsonSerializer.Deserialize<Workflow[]>(rulesText)
            ?? throw new InvalidOperationException("rules.json holds no workflows.");
        rules = new RulesEngine.RulesEngine(workflows);
    }

    public static RawStack ForBenchPack() => new(BenchData.ReadPackFile("form.schema.json"), BenchData.ReadPackFile("rules.json"));

    /// <summary>Validation only: the number of errors (List output walked as a caller reporting them would); 0 when valid.</summary>
    public int Validate(JsonElement data)
    {
        var results = schema.Evaluate(data, ValidationOptions);
        if (results.IsValid) return 0;
        var errors = 0;
        foreach (var detail in results.Details ?? [])
            if (!detail.IsValid && detail.Errors is { Count: > 0 } messages) errors += messages.Count;
        return errors;
    }

    /// <summary>Criteria only: ExpandoObject from the JSON, every rule of the workflow, met / not met / failed counted.</summary>
    public (int Met, int NotMet, int Failed) Criteria(BenchInput input)
    {
        var parameters = new[]
        {
            new RuleParameter("form", Expando.FromObject(input.Data)),
            new RuleParameter("unit", input.Unit),
            new RuleParameter("year", input.Year),
        };
        var pending = rules.ExecuteAllRulesAsync(Workflow, parameters);
        var results = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        int met = 0, notMet = 0, failed = 0;
        foreach (var result in results)
        {
            if (result.IsSuccess) met++;
            else if (string.IsNullOrEmpty(result.ExceptionMessage)) notMet++;
            else failed++; // the rule threw (missing field, null, wrong type, empty array…)
        }
        return (met, notMet, failed);
    }

    /// <summary>The whole job: validation, criteria, summary and outcome (the pack's three levels, in plain C#).</summary>
    public RawResult WholeJob(BenchInput input)
    {
        var valid = Validate(input.Data) == 0;
        var (met, notMet, failed) = Criteria(input);
        var outcome = notMet == 0 && failed == 0 ? "dat" : notMet == 0 ? "can-bo-sung" : "chua-dat";
        return new RawResult(valid, met, notMet, failed, outcome);
    }
}
