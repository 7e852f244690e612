using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Antq.Cli;

namespace Antq.Cli.Tests;

/// <summary>
/// <c>antq render &lt;pack&gt; &lt;document-id&gt; &lt;data.json&gt; --format html|docx|pdf --out FILE</c> on the
/// repository's qd9745.xa pack and default templates: exit codes (0 ok, 1 failed, 2 usage) and the files written.
/// </summary>
public sealed class RenderCommandTests : IDisposable
{
    private static readonly string RepoRoot = RepoPaths.Root;
    private static readonly string Pack = Path.Combine(RepoRoot, "criteria-packs", "qd9745.xa");

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "antq-render-" + Guid.NewGuid().ToString("N"));
    private readonly string _data;

    public RenderCommandTests()
    {
        Directory.CreateDirectory(_scratch);
        var testCase = Directory.EnumerateFiles(Path.Combine(Pack, "tests"), "*.json").Order(StringComparer.Ordinal).First();
        _data = Path.Combine(_scratch, "du-lieu.json");
        File.WriteAllText(_data, JsonNode.Parse(File.ReadAllText(testCase))!["data"]!.ToJsonString());
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Html_WithoutOut_PrintsThePage()
    {
        var run = Run("render", Pack, "to-trinh", _data, "--year", "2025");

        Assert.Equal(CliApp.Ok, run.Exit);
        Assert.StartsWith("<!DOCTYPE html>", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4;", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Mã xác thực:", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("to-trinh")]
    [InlineData("bao-cao-ket-qua")]
    [InlineData("bien-ban-hop-xet")]
    public void Docx_WithOut_WritesAWordDocument(string document)
    {
        var output = Path.Combine(_scratch, document + ".docx");

        var run = Run("render", Pack, document, _data, "--format", "docx", "--out", output, "--year", "2025");

        Assert.Equal(CliApp.Ok, run.Exit);
        Assert.Contains("✓", run.Stdout, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(output);
        using var stream = zip.GetEntry("word/document.xml")!.Open();
        var xml = XDocument.Load(stream);
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        Assert.Contains(xml.Descendants(w + "t"), t => t.Value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        Assert.NotNull(xml.Descendants(w + "tblHeader").FirstOrDefault());
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("pdf")]
    public void BinaryFormat_WithoutOut_IsAUsageError(string format)
    {
        var run = Run("render", Pack, "to-trinh", _data, "--format", format);

        Assert.Equal(CliApp.Usage, run.Exit);
        Assert.Contains("--out", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Cách dùng:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void UnknownFormat_IsAUsageError()
    {
        var run = Run("render", Pack, "to-trinh", _data, "--format", "odt", "--out", Path.Combine(_scratch, "x.odt"));

        Assert.Equal(CliApp.Usage, run.Exit);
        Assert.Contains("odt", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDocument_IsAUsageError()
    {
        var run = Run("render", Pack, "khong-co", _data);

        Assert.Equal(CliApp.Usage, run.Exit);
        Assert.Contains("to-trinh", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataFile_ExitsOne()
    {
        var run = Run("render", Pack, "to-trinh", Path.Combine(_scratch, "khong-co.json"), "--format", "docx", "--out", Path.Combine(_scratch, "x.docx"));

        Assert.Equal(CliApp.Refused, run.Exit);
        Assert.Contains("JSON", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_scratch, "x.docx")));
    }

    // The two PDF cases share one class, so they never run at the same time (ANTQ_CHROMIUM is process-wide).
    [Fact]
    public void Pdf_WhenChromiumIsMissing_ExitsOneWithAClearMessage()
    {
        var before = Environment.GetEnvironmentVariable("ANTQ_CHROMIUM");
        Environment.SetEnvironmentVariable("ANTQ_CHROMIUM", Path.Combine(_scratch, "khong-co-chromium"));
        try
        {
            var output = Path.Combine(_scratch, "to-trinh.pdf");
            var run = Run("render", Pack, "to-trinh", _data, "--format", "pdf", "--out", output);

            Assert.Equal(CliApp.Refused, run.Exit);
            Assert.Contains("Không tìm thấy Chromium để xuất PDF; cài gói chromium hoặc dùng định dạng html/docx.", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("[pdf.unavailable]", run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANTQ_CHROMIUM", before);
        }
    }

    [Fact]
    public void Pdf_WhenChromiumIsInstalled_WritesAPdf()
    {
        if (Antq.Documents.Pdf.ChromiumPdf.Find() is null)
        {
            return; // Chromium is not installed here; the "missing" case above covers this machine
        }
        var output = Path.Combine(_scratch, "to-trinh.pdf");

        var run = Run("render", Pack, "to-trinh", _data, "--format", "pdf", "--out", output, "--year", "2025");

        Assert.True(run.Exit == CliApp.Ok, run.Stderr);
        Assert.True(File.ReadAllBytes(output).AsSpan().StartsWith("%PDF"u8));
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
