using Antq.FormEngine;
using BenchmarkDotNet.Attributes;

namespace Antq.Bench;

/// <summary>
/// Pack verification: PackLoader.Load of bench/data/synthetic-34 from disk — manifest, schema,
/// every rule compiled through the sandbox, outcomes, then the pack's 13 tests. The second benchmark
/// skips the tests, to show what they cost.
/// </summary>
[Config(typeof(VerifyConfig))]
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    [Benchmark(Baseline = true)]
    public CompiledPack Load_FullVerification() => BenchData.LoadPack(runTests: true);

    [Benchmark]
    public CompiledPack Load_WithoutRunningTests() => BenchData.LoadPack(runTests: false);
}
