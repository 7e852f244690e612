using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Antq.Bench;

/// <summary>
/// The engine's per-evaluation cost on a real pack folder (a shipped one: <c>criteria-packs/tt124.xa</c>), single
/// thread: the pack's own test cases as inputs, plus a partly filled draft (what the form's live check sees while
/// an official types), then the JSON of the answer written with the server's HTTP options and the stored-evaluation
/// writer. Bytes per evaluation are exact (this thread's allocations); CPU µs is process CPU time, noisy on a
/// shared machine. Usage: <c>dotnet run -c Release --project bench/Antq.Bench -- throughput-pack criteria-packs/tt124.xa [seconds]</c>.
/// </summary>
public static class PackProbe
{
    public static int Run(string[] args)
    {
        var seconds = 5.0;
        if (args.Length is 0 or > 2 || (args.Length == 2 &&
            (!double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0)))
        {
            Console.Error.WriteLine("usage: throughput-pack <pack folder> [seconds]   (seconds > 0, default 5)");
            return 2;
        }
        var folder = Path.GetFullPath(args[0], Directory.Exists(args[0]) ? Environment.CurrentDirectory : BenchData.RepoRoot);
        // Shared document templates from the repository's templates/ folder, as the server loads shipped packs.
        var loaded = PackLoader.Load(folder, new PackLoadOptions { TemplateDirectory = Path.Combine(BenchData.RepoRoot, "templates") });
        if (!loaded.Ok)
        {
            Console.Error.WriteLine($"The pack at {folder} was refused: {string.Join("; ", loaded.Errors)}");
            return 1;
        }
        var pack = loaded.Pack;
        var inputs = Inputs(pack);
        var http = HttpOptions();
        Console.WriteLine($"Pack {pack.Manifest.Id} {pack.Manifest.Version} ({folder}): {inputs.Length} inputs, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {seconds.ToString(CultureInfo.InvariantCulture)} s per measurement");

        EvaluationResult Evaluate(BenchInput i) => pack.Evaluate(i.Unit, i.Year, i.Data, i.Facts);
        var results = inputs.Select(Evaluate).ToArray();
        var cap = TimeSpan.FromSeconds(Math.Clamp(3 * seconds, 3, 15));
        var warm = ThroughputProbe.WarmUp(inputs, cap, Evaluate);
        Console.WriteLine($"Warm-up {warm.TotalSeconds:0.0} s (until a 0.5 s window JIT-compiles fewer than {ThroughputProbe.SettledJitCount} methods)");

        Console.WriteLine();
        Console.WriteLine("All inputs, single thread                evals/s     µs/eval  CPU µs/eval  bytes/eval  methods JIT-compiled");
        var window = TimeSpan.FromSeconds(seconds);
        ThroughputProbe.Report("Evaluate", ThroughputProbe.Loop(inputs, window, Evaluate));
        var byInput = inputs.Zip(results).ToDictionary(p => p.First, p => p.Second);
        ThroughputProbe.WarmUp(inputs, cap, i => JsonSerializer.SerializeToUtf8Bytes(byInput[i], http));
        ThroughputProbe.Report("JSON of the answer (HTTP options)", ThroughputProbe.Loop(inputs, window / 2, i => JsonSerializer.SerializeToUtf8Bytes(byInput[i], http)));
        ThroughputProbe.Report("StoredEvaluation.Write", ThroughputProbe.Loop(inputs, window / 2, i => StoredEvaluation.Write(byInput[i])));

        Console.WriteLine();
        Console.WriteLine("Per input, single thread                  CPU µs    bytes  JSON CPU µs  JSON bytes  answer bytes  valid  met/nm/ne");
        var share = TimeSpan.FromSeconds(Math.Max(0.2, seconds / inputs.Length));
        double cpu = 0, bytes = 0;
        foreach (var (input, result) in inputs.Zip(results))
        {
            var one = new[] { input };
            var engine = ThroughputProbe.Loop(one, share, Evaluate);
            var json = ThroughputProbe.Loop(one, share / 2, i => JsonSerializer.SerializeToUtf8Bytes(result, http));
            cpu += engine.CpuMicrosPerEval;
            bytes += engine.BytesPerEval;
            Console.WriteLine($"{ThroughputProbe.Trim(input.Name, 40),-40} {engine.CpuMicrosPerEval,8:N1} {engine.BytesPerEval,8:N0} {json.CpuMicrosPerEval,12:N1} " +
                $"{json.BytesPerEval,11:N0} {JsonSerializer.SerializeToUtf8Bytes(result, http).Length,13:N0}  {(result.Valid ? "yes" : "no "),5}  " +
                $"{result.Summary.Met,3}/{result.Summary.NotMet}/{result.Summary.NotEvaluable}");
        }
        Console.WriteLine($"{"mean",-40} {cpu / inputs.Length,8:N1} {bytes / inputs.Length,8:N0}");
        return 0;
    }

    /// <summary>The pack's test cases in file order, then a draft: the first half of the first valid case's top-level fields.</summary>
    private static BenchInput[] Inputs(CompiledPack pack)
    {
        var inputs = pack.Tests.Select(t => new BenchInput(t.Name, t.Unit, t.Year, t.Data) { Facts = t.Facts }).ToList();
        var full = pack.Tests.FirstOrDefault(t => t.Expect.Valid == true && t.Data.ValueKind == JsonValueKind.Object);
        if (full is not null)
        {
            var fields = JsonNode.Parse(full.Data.GetRawText())!.AsObject();
            var keep = (fields.Count + 1) / 2;
            var draft = new JsonObject();
            foreach (var (name, value) in fields.Take(keep)) draft[name] = value?.DeepClone();
            inputs.Add(new BenchInput($"draft: {keep} of {fields.Count} fields of “{full.Name}”", full.Unit, full.Year,
                JsonSerializer.SerializeToElement(draft)) { Facts = full.Facts });
        }
        return [.. inputs];
    }

    /// <summary>The HTTP JSON options the server writes the evaluate answer with (its resolver chain included).</summary>
    private static JsonSerializerOptions HttpOptions()
    {
        var services = new ServiceCollection();
        services.AddPacksFeature();
        return services.BuildServiceProvider().GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
    }
}
