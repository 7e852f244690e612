using Antq.FormEngine;
using BenchmarkDotNet.Attributes;

namespace Antq.Bench;

/// <summary>
/// The engine's whole job beside the raw libraries doing the same work, on bench/data/synthetic-34.
/// One operation = one evaluation: each invocation runs all 13 test inputs once (OperationsPerInvoke
/// = 13), so Mean is per evaluation and Op/s is evaluations per second.
/// </summary>
[Config(typeof(EvaluateConfig))]
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    private const int Ops = BenchData.InputCount;

    private CompiledPack pack = null!;
    private BenchInput[] inputs = [];
    private RawStack raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        pack = BenchData.LoadPack();
        inputs = BenchData.Inputs(pack);
        raw = RawStack.ForBenchPack();
        // RulesEngine compiles lazily on first execution: do it here, not in the pilot.
        foreach (var input in inputs) raw.WholeJob(input);
    }

    /// <summary>pack.Evaluate: schema validation with Vietnamese messages, typed data, 34 three-valued criteria with explanations, summary, outcome.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int Engine_WholeJob()
    {
        var sum = 0;
        foreach (var input in inputs)
        {
            var result = pack.Evaluate(input.Unit, input.Year, input.Data);
            sum += result.Summary.Met + (result.Outcome is null ? 0 : 1);
        }
        return sum;
    }

    /// <summary>JsonSchema.Net (List output, formats required) + RulesEngine over an ExpandoObject; counts and outcome in plain C#.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Ops)]
    public int Raw_JsonSchemaNet_Plus_RulesEngine()
    {
        var sum = 0;
        foreach (var input in inputs)
        {
            var result = raw.WholeJob(input);
            sum += result.Met + result.Outcome.Length + (result.Valid ? 1 : 0);
        }
        return sum;
    }

    /// <summary>RulesEngine only, including building the ExpandoObject from the JSON.</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int Raw_RulesEngine_Only()
    {
        var sum = 0;
        foreach (var input in inputs) sum += raw.Criteria(input).Met;
        return sum;
    }

    /// <summary>JsonSchema.Net validation only (List output, errors counted).</summary>
    [Benchmark(OperationsPerInvoke = Ops)]
    public int Raw_JsonSchema_Only()
    {
        var sum = 0;
        foreach (var input in inputs) sum += raw.Validate(input.Data);
        return sum;
    }
}
