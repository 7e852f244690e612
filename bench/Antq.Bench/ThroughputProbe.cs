using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using Antq.FormEngine;
using Json.Schema;

namespace Antq.Bench;

/// <summary>
/// A quick number without BenchmarkDotNet: single-thread loops over the 13 inputs for N seconds
/// (engine, raw libraries, and their parts), a per-input breakdown, then the engine on every core.
/// Usage: <c>dotnet run -c Release --project bench/Antq.Bench -- throughput [seconds]</c> (default 5).
/// </summary>
public static class ThroughputProbe
{
    public static int Run(string[] args)
    {
        var seconds = 5.0;
        if (args.Length > 0 && (!double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0))
        {
            Console.Error.WriteLine("usage: throughput [seconds]   (seconds > 0, default 5)");
            return 2;
        }
        var window = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"Throughput probe: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {seconds.ToString(CultureInfo.InvariantCulture)} s per measurement");
        Console.WriteLine($"Pack: {BenchData.PackPath}");

        // Verification (PackLoader.Load with the pack's tests), cold then warm.
        var clock = Stopwatch.StartNew();
        var pack = BenchData.LoadPack();
        var cold = clock.Elapsed;
        const int warmLoads = 5;
        clock.Restart();
        for (var i = 0; i < warmLoads; i++) BenchData.LoadPack();
        Console.WriteLine($"Verify (PackLoader.Load, 13 tests): cold {Ms(cold)}, warm mean {Ms(clock.Elapsed / warmLoads)}");

        var inputs = BenchData.Inputs(pack);
        var raw = RawStack.ForBenchPack();
        CheckAgreement(pack, inputs, raw);

        // Warm-up until tiered compilation has settled (RulesEngine also compiles lazily on first use).
        var cap = TimeSpan.FromSeconds(Math.Clamp(3 * seconds, 3, 15));
        var warmEngine = WarmUp(inputs, cap, i => pack.Evaluate(i.Unit, i.Year, i.Data));
        var warmRaw = WarmUp(inputs, cap, i => raw.WholeJob(i));
        Console.WriteLine($"Warm-up until a 0.5 s window JIT-compiles fewer than {SettledJitCount} methods (cap {cap.TotalSeconds:0} s): " +
            $"engine {warmEngine.TotalSeconds:0.0} s, raw {warmRaw.TotalSeconds:0.0} s");

        Console.WriteLine();
        Console.WriteLine("Single thread                          evals/s     µs/eval  CPU µs/eval  bytes/eval  methods JIT-compiled");
        var engine = Loop(inputs, window, i => pack.Evaluate(i.Unit, i.Year, i.Data));
        Report("Engine_WholeJob (pack.Evaluate)", engine);
        var rawWhole = Loop(inputs, window, i => raw.WholeJob(i));
        Report("Raw JsonSchema.Net + RulesEngine", rawWhole);
        Report("Raw RulesEngine only", Loop(inputs, window / 2, i => raw.Criteria(i)));
        Report("Raw JsonSchema.Net only", Loop(inputs, window / 2, i => raw.Validate(i.Data)));
        Console.WriteLine($"Engine time / raw time: {engine.MicrosPerEval / rawWhole.MicrosPerEval:0.00}× wall, " +
            $"{engine.CpuMicrosPerEval / rawWhole.CpuMicrosPerEval:0.00}× CPU (below 1 = engine faster)");
        Interleaved(inputs, window, i => pack.Evaluate(i.Unit, i.Year, i.Data), i => raw.WholeJob(i));

        PerInput(pack, inputs, raw, seconds);
        SchemaVariants(inputs, seconds);

        Console.WriteLine();
        var cores = Environment.ProcessorCount;
        var parallel = Parallel(pack, inputs, window, cores);
        Console.WriteLine($"All cores ({cores} threads in parallel): engine {parallel:N0} evals/s total, " +
            $"{parallel / cores:N0} per thread ({parallel / engine.EvalsPerSecond:0.00}× single thread)");
        return 0;
    }

    /// <summary>Wall-clock and process CPU time of a loop: on a shared, busy machine CPU time is the steadier figure.</summary>
    internal readonly record struct Measure(long Evals, TimeSpan Elapsed, TimeSpan Cpu, long Bytes, long Jitted)
    {
        public double EvalsPerSecond => Evals / Elapsed.TotalSeconds;
        public double MicrosPerEval => Elapsed.TotalMicroseconds / Evals;
        public double CpuMicrosPerEval => Cpu.TotalMicroseconds / Evals;
        public double BytesPerEval => (double)Bytes / Evals;
    }

    internal const int SettledJitCount = 5;

    /// <summary>
    /// Runs the work in 0.5 s windows until tiered JIT is done with it (at most <paramref name="cap"/>;
    /// on two busy cores the engine needed 5–15 s); returns the time spent.
    /// </summary>
    internal static TimeSpan WarmUp<T>(BenchInput[] inputs, TimeSpan cap, Func<BenchInput, T> work)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < cap && Loop(inputs, TimeSpan.FromSeconds(0.5), work).Jitted >= SettledJitCount) { }
        return clock.Elapsed;
    }

    /// <summary>Whole passes over the inputs until the window has elapsed.</summary>
    internal static Measure Loop<T>(BenchInput[] inputs, TimeSpan window, Func<BenchInput, T> work, bool collect = true)
    {
        if (collect)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        long evals = 0;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var input in inputs) GC.KeepAlive(work(input));
            evals += inputs.Length;
        } while (clock.Elapsed < window);
        var elapsed = clock.Elapsed;
        process.Refresh();
        return new Measure(evals, elapsed, process.TotalProcessorTime - cpu, GC.GetAllocatedBytesForCurrentThread() - bytes,
            System.Runtime.JitInfo.GetCompiledMethodCount() - jitted);
    }

    internal static void Report(string name, Measure m) =>
        Console.WriteLine($"{name,-36} {m.EvalsPerSecond,10:N0} {m.MicrosPerEval,10:N1} {m.CpuMicrosPerEval,11:N1} {m.BytesPerEval,11:N0} {m.Jitted,10:N0}");

    /// <summary>
    /// Engine and raw stack in alternating ~0.1 s slices for the whole window: on a shared machine
    /// whose load drifts, both sides then see the same conditions, so their ratio is the figure to trust.
    /// </summary>
    private static void Interleaved<TA, TB>(BenchInput[] inputs, TimeSpan window, Func<BenchInput, TA> a, Func<BenchInput, TB> b)
    {
        var slice = TimeSpan.FromMilliseconds(100);
        Measure sumA = default, sumB = default;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window * 2)
        {
            sumA = Add(sumA, Loop(inputs, slice, a, collect: false));
            sumB = Add(sumB, Loop(inputs, slice, b, collect: false));
        }
        Console.WriteLine($"Interleaved 0.1 s slices, {window.TotalSeconds * 2:0} s: engine {sumA.EvalsPerSecond:N0} evals/s ({sumA.MicrosPerEval:N1} µs, " +
            $"CPU {sumA.CpuMicrosPerEval:N1} µs), raw {sumB.EvalsPerSecond:N0} evals/s ({sumB.MicrosPerEval:N1} µs, CPU {sumB.CpuMicrosPerEval:N1} µs); " +
            $"engine/raw time {sumA.MicrosPerEval / sumB.MicrosPerEval:0.00}× wall, {sumA.CpuMicrosPerEval / sumB.CpuMicrosPerEval:0.00}× CPU");

        static Measure Add(Measure x, Measure y) =>
            new(x.Evals + y.Evals, x.Elapsed + y.Elapsed, x.Cpu + y.Cpu, x.Bytes + y.Bytes, x.Jitted + y.Jitted);
    }

    /// <summary>
    /// Where the engine's time goes, from the public API only: per input, the engine's whole
    /// evaluation beside JsonSchema.Net validating the same data with the same options (the engine's
    /// validation step calls exactly that, then maps errors); the rest is typed data + criteria +
    /// explanations + outcome. Process CPU time (10 ms resolution), steadier than wall-clock when the
    /// machine is shared; each input gets at least 0.1 s.
    /// </summary>
    private static void PerInput(CompiledPack pack, BenchInput[] inputs, RawStack raw, double seconds)
    {
        Console.WriteLine();
        Console.WriteLine("Per input (single thread, CPU µs)    engine µs  schema µs  rest µs  raw RE µs  valid  met/nm/ne  outcome");
        var share = TimeSpan.FromSeconds(Math.Max(0.1, seconds / inputs.Length / 2));
        double engineTotal = 0, schemaTotal = 0;
        foreach (var input in inputs)
        {
            var one = new[] { input };
            var engine = Loop(one, share, i => pack.Evaluate(i.Unit, i.Year, i.Data)).CpuMicrosPerEval;
            var schema = Loop(one, share, i => raw.Validate(i.Data)).CpuMicrosPerEval;
            var rules = Loop(one, share / 2, i => raw.Criteria(i)).CpuMicrosPerEval;
            var r = pack.Evaluate(input.Unit, input.Year, input.Data);
            engineTotal += engine;
            schemaTotal += schema;
            Console.WriteLine($"{Trim(input.Name, 36),-36} {engine,9:N1} {schema,10:N1} {engine - schema,8:N1} {rules,10:N1}  {(r.Valid ? "yes" : "no "),5}  " +
                $"{r.Summary.Met,3}/{r.Summary.NotMet}/{r.Summary.NotEvaluable,-2}  {r.Outcome?.Id ?? "-"}");
        }
        Console.WriteLine($"{"mean",-36} {engineTotal / inputs.Length,9:N1} {schemaTotal / inputs.Length,10:N1} " +
            $"{(engineTotal - schemaTotal) / inputs.Length,8:N1}   (schema validation = {schemaTotal / engineTotal:P0} of the engine's time)");
    }

    /// <summary>
    /// What JsonSchema.Net's validation costs by output format and by annotation-only keywords
    /// (title/description/x-ui*: List output records them as annotations), on the same inputs.
    /// </summary>
    private static void SchemaVariants(BenchInput[] inputs, double seconds)
    {
        Console.WriteLine();
        Console.WriteLine("JsonSchema.Net validation variants     evals/s     µs/eval  CPU µs/eval  bytes/eval  methods JIT-compiled");
        var text = BenchData.ReadPackFile("form.schema.json");
        var stripped = JsonNode.Parse(text)!;
        StripAnnotations(stripped);
        var window = TimeSpan.FromSeconds(Math.Max(0.5, seconds / 2));
        foreach (var (name, schemaText) in new[] { ("as shipped", text), ("annotations stripped", stripped.ToJsonString()) })
        {
            var schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            foreach (var format in new[] { OutputFormat.List, OutputFormat.Flag })
            {
                var options = new EvaluationOptions { OutputFormat = format, RequireFormatValidation = true };
                Loop(inputs, TimeSpan.FromMilliseconds(300), i => schema.Evaluate(i.Data, options));
                Report($"{name}, {format}", Loop(inputs, window, i => schema.Evaluate(i.Data, options)));
            }
        }
    }

    private static void StripAnnotations(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    // Inside "properties" every key is a field name, never a keyword.
                    if (key is "title" or "description" or "examples" || key.StartsWith("x-", StringComparison.Ordinal))
                    {
                        if (o.Parent is not JsonObject parent || !ReferenceEquals(parent["properties"], o)) { o.Remove(key); continue; }
                    }
                    StripAnnotations(o[key]);
                }
                break;
            case JsonArray a:
                foreach (var item in a) StripAnnotations(item);
                break;
        }
    }

    /// <summary>One dedicated thread per core, started together, each looping over the inputs for the window.</summary>
    private static double Parallel(CompiledPack pack, BenchInput[] inputs, TimeSpan window, int threads)
    {
        long total = 0;
        using var ready = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            foreach (var input in inputs) pack.Evaluate(input.Unit, input.Year, input.Data);
            ready.SignalAndWait();
            long evals = 0;
            var local = Stopwatch.StartNew();
            do
            {
                foreach (var input in inputs) pack.Evaluate(input.Unit, input.Year, input.Data);
                evals += inputs.Length;
            } while (local.Elapsed < window);
            Interlocked.Add(ref total, evals);
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        ready.SignalAndWait();
        var clock = Stopwatch.StartNew();
        workers.ForEach(w => w.Join());
        return total / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Sanity: the engine reproduces each test's expected outcome; how often the raw stack agrees (it has no three-valued statuses).</summary>
    private static void CheckAgreement(CompiledPack pack, BenchInput[] inputs, RawStack raw)
    {
        int engineOk = 0, rawOk = 0, rawFailedRules = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = pack.Tests[i].Expect.Outcome;
            if (pack.Evaluate(inputs[i].Unit, inputs[i].Year, inputs[i].Data).Outcome?.Id == expected) engineOk++;
            var r = raw.WholeJob(inputs[i]);
            if (r.Outcome == expected) rawOk++;
            rawFailedRules += r.Failed;
        }
        Console.WriteLine($"Outcome as expected by the tests: engine {engineOk}/{inputs.Length}, raw {rawOk}/{inputs.Length} " +
            $"(raw: {rawFailedRules} rule executions reported exceptions, counted as failed)");
    }

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:N0} ms";

    internal static string Trim(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
