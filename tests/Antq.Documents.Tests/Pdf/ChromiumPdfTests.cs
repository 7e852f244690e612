using Antq.Documents;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Tests.Documents;
using Antq.FormEngine.Tests.Support;
using Antq.Documents.Pdf;

using Antq.Documents.Tests.Docx;

namespace Antq.Documents.Tests.Pdf;

/// <summary>PDF through headless Chromium where it is installed; a clear Vietnamese error where it is not.</summary>
public sealed class ChromiumPdfTests
{
    [Theory]
    [MemberData(nameof(DocxKit.Templates), MemberType = typeof(DocxKit))]
    public async Task PrintWithChromium_WhenInstalled_ProducesPdf(string id)
    {
        if (!ChromiumPdf.IsAvailable)
        {
            return; // Chromium is not installed here: the "missing" test below covers this machine
        }

        var result = await DocumentOutput.RenderPdfAsync(DocxKit.Template(id), DocumentSamples.Model(id));

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(DocumentFileFormat.Pdf, result.Format);
        Assert.True(result.Content.AsSpan().StartsWith("%PDF"u8));
        Assert.True(result.Content.Length > 5000, $"{result.Content.Length} bytes");
    }

    [Fact]
    public async Task Print_WhenChromiumIsMissing_ReturnsVietnameseError()
    {
        var result = await ChromiumPdf.ConvertAsync(null, "<p>x</p>", null, CancellationToken.None);

        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Equal("pdf.unavailable", error.Code);
        Assert.Equal("Không tìm thấy Chromium để xuất PDF; cài gói chromium hoặc dùng định dạng html/docx.", error.Message);
    }

    [Fact]
    public async Task Print_WhenTheBrowserHangs_StopsAtTheTimeout()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/sh"))
        {
            return;
        }
        var folder = Path.Combine(Path.GetTempPath(), "antq-hang-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, "chromium");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 30\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var started = DateTime.UtcNow;
            var result = await ChromiumPdf.ConvertAsync(script, "<p>x</p>", TimeSpan.FromSeconds(1), CancellationToken.None);

            Assert.Equal("pdf.timeout", Assert.Single(result.Errors).Code);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Print_WhenTheProgramIsNotABrowser_ReportsFailure()
    {
        if (!File.Exists("/bin/false"))
        {
            return;
        }

        var result = await ChromiumPdf.ConvertAsync("/bin/false", "<p>x</p>", TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("pdf.failed", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void The_page_may_load_nothing()
    {
        var html = ChromiumPdf.WithPolicy("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><header>x</header>");

        Assert.StartsWith("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html);
        Assert.Contains("<head><meta http-equiv", ChromiumPdf.WithPolicy("<!DOCTYPE html><p>no head</p>"));
    }
}
