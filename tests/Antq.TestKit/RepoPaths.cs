namespace Antq.TestKit;

/// <summary>
/// Paths in the repository, found by walking up to the folder holding <c>Antq.Forms.sln</c>: from the
/// binaries and, failing that, from the working directory (BenchmarkDotNet runs from a generated
/// project under bin/; the load tool from wherever it is started). The benchmarks link this file.
/// </summary>
public static class RepoPaths
{
    public const string SolutionFile = "Antq.Forms.sln";

    private static readonly Lazy<string> LazyRoot = new(() => TryFindRoot()
        ?? throw new InvalidOperationException($"{SolutionFile} not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run from inside the repository."));

    public static string Root => LazyRoot.Value;

    public static string Templates => Path.Combine(Root, "templates");

    public static string CriteriaPacks => Path.Combine(Root, "criteria-packs");

    /// <summary>A shipped pack's folder, <c>criteria-packs/{id}</c>.</summary>
    public static string Pack(string id) => Path.Combine(CriteriaPacks, id);

    /// <summary>The synthetic 34-criterion pack of the benchmarks and the engine and CLI tests: one copy, <c>bench/data/synthetic-34</c>.</summary>
    public static string Synthetic34 => Path.Combine(Root, "bench", "data", "synthetic-34");

    public static string? TryFindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        return null;
    }
}
