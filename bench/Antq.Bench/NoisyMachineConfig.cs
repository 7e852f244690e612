using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Antq.Bench;

/// <summary>
/// A fixed job for a noisy, shared 2-core machine, so the whole suite stays near three minutes:
/// <list type="bullet">
/// <item>15 warm-up and 10 measured iterations. The whole job touches a few thousand methods
/// (JsonSchema.Net, System.Text.Json, RulesEngine); on two busy cores tiered JIT took 4–6 s to
/// promote them (with 6 warm-ups the engine's iterations still fell from 0.9 to 0.4 ms).</item>
/// <item>For the evaluation and verification benchmarks, a fixed invocation count instead of the
/// pilot stage: a pilot run during a burst of other work picked iterations of ~50 ms, too short to
/// measure.</item>
/// <item>Op/s (with OperationsPerInvoke = 13 it is evaluations per second) and Min: on a shared
/// machine the fastest iteration is the figure least disturbed by other work.</item>
/// </list>
/// </summary>
public class NoisyMachineConfig : ManualConfig
{
    /// <summary>Invocation count chosen by BenchmarkDotNet's pilot stage (for benchmarks of unknown length).</summary>
    public NoisyMachineConfig() : this("noisy-2core", invocationsPerIteration: null) { }

    /// <param name="id">
    /// Job id, distinct per configuration: BenchmarkDotNet builds one launcher per job id, and two
    /// configurations sharing an id ran each other's benchmarks.
    /// </param>
    /// <param name="invocationsPerIteration">Fixed invocation count, or null for the pilot stage.</param>
    protected NoisyMachineConfig(string id, int? invocationsPerIteration)
    {
        var job = Job.Default.WithWarmupCount(15).WithIterationCount(10).WithId(id);
        if (invocationsPerIteration is { } invocations) job = job.WithInvocationCount(invocations).WithUnrollFactor(1);
        AddJob(job);
        AddColumn(StatisticColumn.OperationsPerSecond, StatisticColumn.Median, StatisticColumn.Min);
    }
}

/// <summary>96 invocations × 13 evaluations = 1,248 evaluations per iteration (~0.1 s for RulesEngine alone, ~0.4 s for the whole job).</summary>
public sealed class EvaluateConfig() : NoisyMachineConfig("noisy-2core-evaluate", 96);

/// <summary>Two pack loads per iteration (~0.3–0.6 s).</summary>
public sealed class VerifyConfig() : NoisyMachineConfig("noisy-2core-verify", 2);
