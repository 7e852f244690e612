using Antq.Documents.Pdf;

namespace Antq.Documents.Tests.Pdf;

/// <summary>
/// Whatever the HTML contains, printing reads no file and reaches no address. Each vector points at
/// (a) a local file holding a unique marker and (b) a listener on 127.0.0.1 that counts connections
/// and would answer a second marker; the listener must see nothing and the PDF text must hold
/// neither marker (but must hold the document's own text: the document itself was printed).
/// </summary>
public sealed class PdfIsolationTests(PrinterFixture fixture) : IClassFixture<PrinterFixture>, IDisposable
{
    private const string Visible = "VAN-BAN-CHINH";

    private readonly string folder = Directory.CreateTempSubdirectory("antq-isolation-").FullName;
    private readonly ConnectionRecorder listener = new();

    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        string[] vectors =
        [
            // the reported attack: the old printer put its policy after the first "<head" (here in a comment)
            "<!--<head>--><!DOCTYPE html><html><head></head><body><p>" + Visible + "</p><iframe src=\"{U}\" width=\"600\" height=\"200\"></iframe></body></html>",
            // elements before <head>
            "<iframe src=\"{U}\" width=\"600\" height=\"200\"></iframe><img src=\"{U}\"><html><head><meta charset=\"utf-8\"></head><body><p>" + Visible + "</p></body></html>",
            "<p>" + Visible + "</p><iframe src=\"{U}\" width=\"600\" height=\"200\"></iframe>",
            "<p>" + Visible + "</p><iframe srcdoc=\"&lt;iframe src='{U}' width=500 height=150&gt;&lt;/iframe&gt;\" width=\"600\" height=\"200\"></iframe>",
            "<p>" + Visible + "</p><img src=\"{U}\" alt=\"\">",
            "<link rel=\"stylesheet\" href=\"{U}\"><p>" + Visible + "</p>",
            "<link rel=\"preload\" as=\"fetch\" href=\"{U}\"><link rel=\"prefetch\" href=\"{U}\"><p>" + Visible + "</p>",
            "<script src=\"{U}\"></script><p>" + Visible + "</p>",
            "<style>@import url(\"{U}\");</style><p>" + Visible + "</p>",
            "<p style=\"background:url('{U}');height:50px\">" + Visible + "</p>",
            "<style>@font-face{font-family:Leak;src:url(\"{U}\")}p{font-family:Leak,serif}</style><p>" + Visible + "</p>",
            "<meta http-equiv=\"refresh\" content=\"0;url={U}\"><p>" + Visible + "</p>",
            "<p>" + Visible + "</p><object data=\"{U}\" type=\"text/plain\" width=\"600\" height=\"200\"></object>",
            "<p>" + Visible + "</p><embed src=\"{U}\" type=\"text/plain\" width=\"600\" height=\"200\">",
            "<p>" + Visible + "</p><svg width=\"100\" height=\"100\"><image href=\"{U}\" width=\"100\" height=\"100\"/><use href=\"{U}#x\"/></svg>",
            "<p>" + Visible + "</p><video poster=\"{U}\" src=\"{U}\"></video><audio src=\"{U}\"></audio>",
            "<base href=\"{U}\"><p>" + Visible + "</p><img src=\"anh.png\">",
            "<p>" + Visible + "</p><form action=\"{U}\"><input type=\"image\" src=\"{U}\"></form>",
            "<link rel=\"icon\" href=\"{U}\"><link rel=\"preconnect\" href=\"{U}\"><link rel=\"dns-prefetch\" href=\"{U}\"><p>" + Visible + "</p>",
            "<p>" + Visible + "</p><img srcset=\"{U} 2x\"><picture><source srcset=\"{U}\"><img alt=\"\"></picture>",
            "<p>" + Visible + "</p><a href=\"{U}\" download>tải</a><a href=\"{U}\" ping=\"{U}\">liên kết</a>",
            "<p style=\"list-style-image:url('{U}');border-image:url('{U}') 30\">" + Visible + "</p><div style=\"mask-image:url('{U}');cursor:url('{U}'),auto;height:20px\"></div>",
        ];
        foreach (var vector in vectors)
        {
            data.Add(vector, "file");
            data.Add(vector, "http");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Printing_reads_no_file_and_reaches_no_address(string vector, string target)
    {
        Assert.True(ChromiumPdf.IsAvailable, "Chromium is needed for this test (scripts/ensure-chromium.sh)");
        var secret = "ANTQ-SECRET-" + Guid.NewGuid().ToString("N")[..12];
        var file = Path.Combine(folder, "bi-mat.txt");
        File.WriteAllText(file, secret);
        var url = target == "file" ? new Uri(file).AbsoluteUri : $"http://127.0.0.1:{listener.Port}/openapi/v1.json";

        var result = await fixture.Printer.ConvertAsync(vector.Replace("{U}", url, StringComparison.Ordinal));
        await Task.Delay(100); // a late prefetch would have connected by now

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var text = PdfTools.Text(result.Content);
        Assert.Contains(Visible, text);
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain("LEAKED-OVER-HTTP", text);
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task The_etc_hostname_file_behind_a_comment_hidden_head_is_not_printed()
    {
        Assert.True(ChromiumPdf.IsAvailable, "Chromium is needed for this test (scripts/ensure-chromium.sh)");
        if (!File.Exists("/etc/hostname") || File.ReadAllText("/etc/hostname").Trim() is not { Length: >= 4 } hostname)
        {
            return;
        }

        var result = await fixture.Printer.ConvertAsync(
            "<!--<head>--><p>" + Visible + "</p><iframe src=\"file:///etc/hostname\" width=\"600\" height=\"200\"></iframe>");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var text = PdfTools.Text(result.Content);
        Assert.Contains(Visible, text);
        Assert.DoesNotContain(hostname, text);
    }

    public void Dispose()
    {
        listener.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
