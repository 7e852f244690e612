using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.HostilePacks;

/// <summary>
/// Every pack of the hostile corpus (TestData/HostilePacks) must be refused as a whole, with the
/// expected error codes at the expected place, with clear Vietnamese messages and within a bounded
/// time; and the process must still load and evaluate a valid pack afterwards. A load that runs past
/// the bound fails its case and is left to finish on a background thread.
/// </summary>
[TestCaseOrderer(ValidPackLastOrderer.TypeName, ValidPackLastOrderer.AssemblyName)]
public sealed partial class HostilePackTests
{
    /// <summary>A generous safety bound, not a performance target.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static PackLoadOptions Options => new() { TemplateDirectory = HostileCorpus.TemplatesDirectory };

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var name in HostileCorpus.Names)
        {
            data.Add(name);
        }
        return data;
    }

    [Fact]
    public void Corpus_Folders_CoverAtLeastFortyFiveCases()
    {
        Assert.True(HostileCorpus.Names.Count >= 45, $"only {HostileCorpus.Names.Count} hostile packs");
        Assert.All(HostileCorpus.Names, name =>
        {
            Assert.True(File.Exists(Path.Combine(HostileCorpus.Folder(name), "pack.json")), $"{name} has no pack.json");
            var expected = HostileCorpus.Expectation(name);
            Assert.True(expected.Codes.Count > 0 || expected.PathContains.Length > 0, $"{name}: expected.json names neither codes nor a path");
        });
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Load_HostilePack_RefusedWithClearErrors(string pack)
    {
        var expected = HostileCorpus.Expectation(pack);

        var (result, elapsed) = LoadCorpusPack(pack);

        Assert.True(result is not null, $"{pack}: verification did not finish within {Bound.TotalSeconds:0} s");
        Assert.True(elapsed < Bound, $"{pack}: verification took {elapsed.TotalSeconds:0.0} s");
        Assert.False(result.Ok, $"{pack} was accepted");
        Assert.Null(result.Pack);
        var codes = result.Errors.Select(e => e.Code).ToList();
        var listing = string.Join(Environment.NewLine, result.Errors);
        foreach (var code in expected.Codes)
        {
            Assert.True(codes.Contains(code), $"{pack}: no error {code}; got:{Environment.NewLine}{listing}");
        }
        Assert.True(result.Errors.Any(e => (expected.Codes.Count == 0 || expected.Codes.Contains(e.Code)) && e.Path.Contains(expected.PathContains, StringComparison.Ordinal)),
            $"{pack}: no {string.Join("/", expected.Codes.DefaultIfEmpty("(any)"))} error at a path containing \"{expected.PathContains}\"; got:{Environment.NewLine}{listing}");
        if (expected.MinErrors is { } min)
        {
            Assert.True(result.Errors.Count(e => expected.Codes.Count == 0 || expected.Codes.Contains(e.Code)) >= min, $"{pack}: fewer than {min} errors; got:{Environment.NewLine}{listing}");
        }
        if (expected.MaxErrors is { } max)
        {
            Assert.True(result.Errors.Count <= max, $"{pack}: one defect, but {result.Errors.Count} errors (at most {max} expected):{Environment.NewLine}{listing}");
        }
        foreach (var error in result.Errors)
        {
            AssertClearMessage(pack, error);
        }
        var repeated = result.Errors.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => $"{g.Count()}× {g.Key}").ToList();
        Assert.True(repeated.Count == 0, $"{pack}: the same error is reported more than once:{Environment.NewLine}{string.Join(Environment.NewLine, repeated)}");
    }

    /// <summary>Runs after every hostile pack (<see cref="ValidPackLastOrderer"/>): the process is alive and still works.</summary>
    [Fact]
    public void Load_ValidPackAfterEveryHostilePack_StillLoadsAndEvaluates()
    {
        var result = PackLoader.Load(HostileCorpus.Folder(HostileCorpus.ValidPack), Options);

        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        Assert.NotEmpty(result.TestResults);
        Assert.All(result.TestResults, t => Assert.True(t.Passed, t.Name));
        using var data = JsonDocument.Parse("""{ "f01": 100, "f02": 75, "f03": true, "f04": "kha", "hoat_dong": [ { "ten": "Tuần tra", "hieu_qua": true } ] }""");
        var evaluation = result.Pack.Evaluate(new UnitInfo("xa"), 2025, data.RootElement);
        Assert.True(evaluation.Valid);
        Assert.Equal("dat", evaluation.Outcome?.Id);
        Assert.All(evaluation.Criteria, c => Assert.Equal(CriterionStatus.Met, c.Status));
    }

    private static (PackLoadResult? Result, TimeSpan Elapsed) LoadCorpusPack(string name)
    {
        var expected = HostileCorpus.Expectation(name);
        if (expected.Build is null)
        {
            return Timed(() => PackLoader.Load(HostileCorpus.Folder(name), Options));
        }
        var scratch = Path.Combine(Path.GetTempPath(), "antq-hostile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var upload = HostileArchives.Build(expected.Build, HostileCorpus.PackFiles(name), scratch);
            return Timed(() => PackLoader.Load(upload, Options));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// Loads on a worker and stops waiting at <see cref="Bound"/>: a pack that hangs verification fails its
    /// test instead of the whole run (the stray worker is a background thread and dies with the test host).
    /// </summary>
    private static (PackLoadResult? Result, TimeSpan Elapsed) Timed(Func<PackLoadResult> load)
    {
        var stopwatch = Stopwatch.StartNew();
        var task = Task.Factory.StartNew(load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var finished = task.Wait(Bound);
        return (finished ? task.Result : null, stopwatch.Elapsed);
    }

    /// <summary>Non-empty, written for a Vietnamese pack author, and not an exception dump or .NET internals.</summary>
    private static void AssertClearMessage(string pack, PackError error)
    {
        Assert.False(string.IsNullOrWhiteSpace(error.Message), $"{pack}: empty message for {error.Code} at {error.Path}");
        Assert.False(string.IsNullOrWhiteSpace(error.Code), $"{pack}: empty code at {error.Path}");
        Assert.True(VietnameseLetter().IsMatch(error.Message), $"{pack}: message is not Vietnamese: {error}");
        Assert.True(!StackFrame().IsMatch(error.Message) && !error.Message.Contains("Exception", StringComparison.Ordinal),
            $"{pack}: message is an exception dump: {error}");
        Assert.False(DotNetInternals().IsMatch(error.Message), $"{pack}: message exposes .NET internals: {error}");
    }

    [GeneratedRegex("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();

    [GeneratedRegex(@"(^|\n)\s+at \S+\(|   at ")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"System\.(Linq|Private|Runtime|Reflection|Collections|Text\.Json|Threading)\b|Json\.Schema\.|Scriban\.|RulesEngine\.")]
    private static partial Regex DotNetInternals();
}
