using System.Diagnostics;
using Antq.Documents.Pdf;
using Antq.Documents.Tests.Docx;
using Antq.FormEngine.Tests.Documents;

namespace Antq.Documents.Tests.Pdf;

/// <summary>PDF through the warm Chromium where it is installed; a clear Vietnamese error where it is not.</summary>
public sealed class ChromiumPdfTests(PrinterFixture fixture) : IClassFixture<PrinterFixture>
{
    [Theory]
    [MemberData(nameof(DocxKit.Templates), MemberType = typeof(DocxKit))]
    public async Task PrintWithChromium_WhenInstalled_ProducesPdf(string id)
    {
        if (!ChromiumPdf.IsAvailable)
        {
            return; // Chromium is not installed here: the "missing" test below covers this machine
        }

        var result = await DocumentOutput.RenderPdfAsync(DocxKit.Template(id), DocumentSamples.Model(id), fixture.Printer);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(DocumentFileFormat.Pdf, result.Format);
        Assert.True(result.Content.AsSpan().StartsWith("%PDF"u8));
        Assert.True(result.Content.Length > 5000, $"{result.Content.Length} bytes");
    }

    [Fact]
    public async Task The_to_trinh_is_printed_in_one_typeface()
    {
        Assert.True(ChromiumPdf.IsAvailable, "Chromium is needed for this test (scripts/ensure-chromium.sh)");

        var result = await DocumentOutput.RenderPdfAsync(DocxKit.Template("to-trinh"), DocumentSamples.Model("to-trinh"), fixture.Printer);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var fonts = PdfTools.Fonts(result.Content);
        Assert.NotEmpty(fonts);
        Assert.All(fonts, name => Assert.StartsWith(PdfFonts.Family, name)); // Tinos, Tinos-Bold, Tinos-Italic… and nothing else
        var text = PdfTools.Text(result.Content);
        Assert.Contains("TỜ TRÌNH", text);
        Assert.Contains("ộ", text); // stacked accents, once drawn in DejaVu Sans
        Assert.Contains("ế", text);
    }

    [Fact]
    public async Task Prints_in_parallel_on_one_browser()
    {
        Assert.True(ChromiumPdf.IsAvailable, "Chromium is needed for this test (scripts/ensure-chromium.sh)");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            fixture.Printer.ConvertAsync($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>Trang số {i}</p></body></html>")));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].Ok, string.Join("\n", results[i].Errors));
            Assert.Contains($"Trang số {i}", PdfTools.Text(results[i].Content!));
        }
    }

    [Fact]
    public async Task A_crashed_browser_is_replaced_for_the_next_print()
    {
        Assert.True(ChromiumPdf.IsAvailable, "Chromium is needed for this test (scripts/ensure-chromium.sh)");
        await using var printer = new ChromiumPdf(new ChromiumPdfOptions { Concurrency = 2 });
        Assert.True((await printer.ConvertAsync("<p>trước</p>")).Ok);
        var first = printer.BrowserProcess;
        Assert.NotNull(first);

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        var after = await printer.ConvertAsync("<p>sau khi hỏng</p>");

        Assert.True(after.Ok, string.Join("\n", after.Errors));
        Assert.Contains("sau khi hỏng", PdfTools.Text(after.Content));
        Assert.NotEqual(first.Id, printer.BrowserProcess!.Id);
    }

    [Fact]
    public async Task A_print_past_its_timeout_fails_alone()
    {
        Assert.True(ChromiumPdf.IsAvailable, "Chromium is needed for this test (scripts/ensure-chromium.sh)");
        await using var printer = new ChromiumPdf(new ChromiumPdfOptions { Concurrency = 4, Timeout = TimeSpan.FromSeconds(5) });
        var warm = false;
        for (var attempt = 0; attempt < 3 && !warm; attempt++)
        {
            warm = (await printer.ConvertAsync("<p>khởi động</p>")).Ok; // a busy machine may start the browser slower than the timeout
        }
        Assert.True(warm);
        var heavy = "<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat("<p>Một đoạn văn rất dài để in thật lâu.</p>", 300_000)) + "</body></html>";

        var hung = printer.ConvertAsync(heavy);
        var others = Enumerable.Range(0, 3).Select(i => printer.ConvertAsync($"<p>Văn bản {i}</p>")).ToList();

        Assert.Equal("pdf.timeout", Assert.Single((await hung).Errors).Code);
        foreach (var other in others)
        {
            var result = await other;
            Assert.True(result.Ok, string.Join("\n", result.Errors));
        }
        var after = await printer.ConvertAsync("<p>sau khi quá giờ</p>");
        Assert.True(after.Ok, string.Join("\n", after.Errors));
        Assert.Contains("sau khi quá giờ", PdfTools.Text(after.Content));
    }

    [Theory]
    [InlineData("https://phong-chu.antq.invalid/tinos-latin-400-normal.woff2", true)]
    [InlineData("https://phong-chu.antq.invalid/tinos-vietnamese-700-italic.woff2", true)]
    [InlineData("https://phong-chu.antq.invalid/../etc/hostname", false)]
    [InlineData("https://phong-chu.antq.invalid/", false)]
    [InlineData("http://phong-chu.antq.invalid/tinos-latin-400-normal.woff2", false)]
    [InlineData("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", false)]
    public void Only_the_embedded_faces_are_answered(string url, bool answered)
    {
        Assert.Equal(answered, PdfFonts.TryGet(url, out var font));
        Assert.Equal(answered, font.Length > 1000);
    }

    [Fact]
    public async Task Print_WhenChromiumIsMissing_ReturnsVietnameseError()
    {
        await using var printer = new ChromiumPdf(new ChromiumPdfOptions { ExecutablePath = "/nonexistent/chromium" });

        var result = await printer.ConvertAsync("<p>x</p>");

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
            await using var printer = new ChromiumPdf(new ChromiumPdfOptions { ExecutablePath = script, Timeout = TimeSpan.FromSeconds(1) });
            var started = Stopwatch.StartNew();
            var result = await printer.ConvertAsync("<p>x</p>");

            Assert.Equal("pdf.timeout", Assert.Single(result.Errors).Code);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(15));
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
        await using var printer = new ChromiumPdf(new ChromiumPdfOptions { ExecutablePath = "/bin/false", Timeout = TimeSpan.FromSeconds(10) });

        var result = await printer.ConvertAsync("<p>x</p>");

        Assert.Equal("pdf.failed", Assert.Single(result.Errors).Code);
    }
}
