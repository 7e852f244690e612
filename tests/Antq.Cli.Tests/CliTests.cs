using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Cli;

namespace Antq.Cli.Tests;

/// <summary>
/// The <c>antq</c> command line, run in-process through <see cref="CliApp.Run"/>: exit codes (0 ok,
/// 1 refused, 2 usage), where messages go, and the <c>--json</c> evaluation result of pack-format.md.
/// </summary>
public sealed class CliTests : IDisposable
{
    private static readonly string Synthetic34 = Path.Combine(AppContext.BaseDirectory, "TestData", "synthetic-34");

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "antq-cli-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_scratch);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void PackValidate_ValidPack_ExitsZero()
    {
        var run = Run("pack", "validate", Synthetic34);

        Assert.Equal(CliApp.Ok, run.Exit);
        Assert.Contains("bench.synthetic-34", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("34 tiêu chí", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void PackValidate_HostileExpression_ExitsOneWithMessagesOnStdout()
    {
        var pack = HostileCopy("\"\".GetType().Assembly.Location != null");

        var run = Run("pack", "validate", pack);

        Assert.Equal(CliApp.Refused, run.Exit);
        Assert.Contains("rules.json#/0/Rules/0/Expression", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("GetType", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[expression.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PackValidate_HostileExpressionJson_ListsErrorsWithCodes()
    {
        var pack = HostileCopy("System.IO.File.ReadAllText(\"/etc/passwd\").Length > 0");

        var run = Run("pack", "validate", pack, "--json");

        Assert.Equal(CliApp.Refused, run.Exit);
        var json = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.False(json["valid"]!.GetValue<bool>());
        var error = Assert.Single(json["errors"]!.AsArray());
        Assert.Equal("rules.json#/0/Rules/0/Expression", error!["path"]!.GetValue<string>());
        Assert.StartsWith("expression.", error["code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public void PackValidate_ZipWithTraversalEntry_ExitsOne()
    {
        var zipPath = Path.Combine(_scratch, "upload.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(Synthetic34, "*", SearchOption.AllDirectories))
            {
                zip.CreateEntryFromFile(file, Path.GetRelativePath(Synthetic34, file).Replace('\\', '/'));
            }
            using var writer = new StreamWriter(zip.CreateEntry("../../evil.json").Open());
            writer.Write("{}");
        }

        var run = Run("pack", "validate", zipPath);

        Assert.Equal(CliApp.Refused, run.Exit);
        Assert.Contains("[zip.traversal]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PackValidate_MissingPack_ExitsOne()
    {
        var run = Run("pack", "validate", Path.Combine(_scratch, "khong-co"));

        Assert.Equal(CliApp.Refused, run.Exit);
        Assert.Contains("pack.not-found", run.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> UsageErrors() => new()
    {
        Array.Empty<string>(),
        new[] { "frobnicate", "x" },
        new[] { "pack", "publish", "x" },
        new[] { "pack", "validate", "x", "--bogus" },
        new[] { "pack", "validate" },
        new[] { "evaluate", "x" },
        new[] { "pack", "validate", "x", "--templates" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void Run_UsageError_ExitsTwoWithUsageOnStderr(string[] args)
    {
        var run = Run(args);

        Assert.Equal(CliApp.Usage, run.Exit);
        Assert.Contains("Cách dùng:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void PackTest_Synthetic34_ExitsZeroWithAllThirteenPassing()
    {
        var run = Run("pack", "test", Synthetic34);

        Assert.Equal(CliApp.Ok, run.Exit);
        Assert.Contains("13/13", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("✗", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DataFileWithJson_PrintsContractResult()
    {
        var data = DataOf("11-several-notmet.json");

        var run = Run("evaluate", Synthetic34, data, "--unit-kind", "xa", "--year", "2025", "--json");

        Assert.Equal(CliApp.Ok, run.Exit);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal(["pack", "valid", "errors", "criteria", "summary", "outcome"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("bench.synthetic-34", root.GetProperty("pack").GetProperty("id").GetString());
        Assert.Equal("1.0.0", root.GetProperty("pack").GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.True, root.GetProperty("valid").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("errors").ValueKind);
        var criteria = root.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(34, criteria.Count);
        foreach (var criterion in criteria)
        {
            foreach (var name in new[] { "id", "title", "group", "status", "points", "maxPoints", "explanation", "children" })
            {
                Assert.True(criterion.TryGetProperty(name, out _), $"criterion without \"{name}\": {criterion}");
            }
            Assert.Contains(criterion.GetProperty("status").GetString(), new[] { "met", "notMet", "notEvaluable" });
        }
        var summary = root.GetProperty("summary");
        foreach (var name in new[] { "met", "notMet", "notEvaluable", "total", "points", "maxPoints" })
        {
            Assert.Equal(JsonValueKind.Number, summary.GetProperty(name).ValueKind);
        }
        Assert.Equal(34, summary.GetProperty("total").GetInt32());
        Assert.Equal(criteria.Count(c => c.GetProperty("status").GetString() == "notMet"), summary.GetProperty("notMet").GetInt32());
        Assert.True(summary.GetProperty("notMet").GetInt32() > 1);
        Assert.Equal("chua-dat", root.GetProperty("outcome").GetProperty("id").GetString());
        Assert.Equal("Chưa đạt", root.GetProperty("outcome").GetProperty("title").GetString());
    }

    [Fact]
    public void Evaluate_AllMetData_OutcomeDat()
    {
        var data = DataOf("00-all-met.json");

        var run = Run("evaluate", Synthetic34, data, "--json");

        Assert.Equal(CliApp.Ok, run.Exit);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal("dat", document.RootElement.GetProperty("outcome").GetProperty("id").GetString());
        Assert.Equal(34, document.RootElement.GetProperty("summary").GetProperty("met").GetInt32());
    }

    [Fact]
    public void Evaluate_NonJsonDataFile_ExitsOne()
    {
        var data = Path.Combine(_scratch, "du-lieu.json");
        File.WriteAllText(data, "đây không phải JSON { f01: ");

        var run = Run("evaluate", Synthetic34, data, "--json");

        Assert.Equal(CliApp.Refused, run.Exit);
        Assert.Contains("JSON", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Evaluate_WithFactsFile_FactsFillTheirFieldsAndAreNamed()
    {
        var pack = RepoPaths.Pack("tt124.xa");
        var facts = Path.Combine(_scratch, "facts.json");
        File.WriteAllText(facts, """
            { "children.khu-dan-cu.total": 9, "children.khu-dan-cu.registered": 9,
              "children.khu-dan-cu.recognised": { "value": 5, "source": "5/9 khu dân cư đã được công nhận" } }
            """);

        var typed = Run("evaluate", pack, Path.Combine(pack, "tests", "01-dat-tat-ca.json"), "--json");
        var run = Run("evaluate", pack, Path.Combine(pack, "tests", "01-dat-tat-ca.json"), "--facts", facts, "--json");

        Assert.Equal(CliApp.Ok, run.Exit);
        Assert.Equal("dat", JsonDocument.Parse(typed.Stdout).RootElement.GetProperty("outcome").GetProperty("id").GetString());
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal("chua-dat", document.RootElement.GetProperty("outcome").GetProperty("id").GetString());
        Assert.Equal(3, document.RootElement.GetProperty("facts").GetArrayLength());
        Assert.Contains("theo dữ liệu hệ thống: 5/9 khu dân cư đã được công nhận", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UndeclaredFact_UsageError()
    {
        var pack = RepoPaths.Pack("tt124.xa");
        var facts = Path.Combine(_scratch, "facts.json");
        File.WriteAllText(facts, """{ "children.lang.total": 1 }""");

        var run = Run("evaluate", pack, Path.Combine(pack, "tests", "01-dat-tat-ca.json"), "--facts", facts);

        Assert.Equal(CliApp.Usage, run.Exit);
    }

    [Fact]
    public void Evaluate_MissingDataFile_ExitsOne()
    {
        var run = Run("evaluate", Synthetic34, Path.Combine(_scratch, "khong-co.json"));

        Assert.Equal(CliApp.Refused, run.Exit);
        Assert.NotEqual("", run.Stderr);
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A copy of synthetic-34 whose first criterion has <paramref name="expression"/>.</summary>
    private string HostileCopy(string expression)
    {
        var folder = Path.Combine(_scratch, "hostile");
        foreach (var file in Directory.EnumerateFiles(Synthetic34, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Synthetic34, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var rules = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "rules.json")))!;
        rules[0]!["Rules"]![0]!["Expression"] = expression;
        File.WriteAllText(Path.Combine(folder, "rules.json"), rules.ToJsonString());
        return folder;
    }

    /// <summary>The <c>data</c> of one of synthetic-34's test cases, as a plain data file.</summary>
    private string DataOf(string testCase)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(Synthetic34, "tests", testCase)))!;
        var path = Path.Combine(_scratch, "data-" + testCase);
        File.WriteAllText(path, node["data"]!.ToJsonString());
        return path;
    }
}
