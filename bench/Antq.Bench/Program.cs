using Antq.Bench;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// `throughput [seconds]`: the quick, plain probe. Anything else goes to BenchmarkDotNet's switcher
// (--filter '*', --filter '*Evaluate*', --list flat, …).
if (args.Length > 0 && string.Equals(args[0], "throughput", StringComparison.OrdinalIgnoreCase))
    return ThroughputProbe.Run(args[1..]);
// `throughput-pack <folder> [seconds]`: the engine's per-evaluation cost on a real pack (its tests and a draft), and the answer's JSON.
if (args.Length > 0 && string.Equals(args[0], "throughput-pack", StringComparison.OrdinalIgnoreCase))
    return PackProbe.Run(args[1..]);
// `pdf [seconds] [concurrency] [four|full] [tabs]`: PDF throughput of the warm, locked-down printer.
if (args.Length > 0 && string.Equals(args[0], "pdf", StringComparison.OrdinalIgnoreCase))
    return PdfProbe.Run(args[1..]);
// `exports [count]`: the dossier export of count (10,000) dossiers, time and working set.
if (args.Length > 0 && string.Equals(args[0], "exports", StringComparison.OrdinalIgnoreCase))
    return await ExportProbe.Run(args[1..]);
// `studio [edits]`: the studio's verification time after an edit on qd9745.xa (warm).
if (args.Length > 0 && string.Equals(args[0], "studio", StringComparison.OrdinalIgnoreCase))
    return StudioProbe.Run(args[1..]);

// `http-alloc [requests] [pack] [types]`: bytes allocated per HTTP evaluate request, whole process, by stage, and the top types.
if (args.Length > 0 && string.Equals(args[0], "http-alloc", StringComparison.OrdinalIgnoreCase))
    return await HttpAllocProbe.Run(args[1..]);

// Artifacts (logs, results tables) under bench/, not the working directory.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(BenchData.RepoRoot, "bench", "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(EvaluateBenchmarks).Assembly).Run(args, config);
return 0;
