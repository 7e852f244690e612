using System.Net;
using System.Text.RegularExpressions;
using Antq.FormEngine.Documents;

namespace Antq.FormEngine.Tests.Documents;

/// <summary>
/// The repository's default templates render strictly for a sample commune, and their text is
/// pinned by golden files. Run with ANTQ_UPDATE_GOLDEN=1 to rewrite the golden files after an
/// intended change, then review the diff.
/// </summary>
public partial class DefaultTemplatesTests
{
    public static TheoryData<string> Templates => new() { "to-trinh", "bao-cao-ket-qua", "bien-ban-hop-xet", "bao-cao-tham-dinh" };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Renders_to_the_golden_text(string id)
    {
        var output = RenderDefault(id, draft: false);

        AssertGolden($"{id}.golden.txt", Normalise(output));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Validates_against_final_and_draft_samples(string id)
    {
        var errors = TemplateSandbox.Validate(File.ReadAllText(TemplatePath(id)), $"templates/{id}.scriban",
            [DocumentSamples.Model(id), DocumentSamples.Model(id, draft: true)]);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Is_a_print_ready_decree_30_page(string id)
    {
        var output = RenderDefault(id, draft: false);

        Assert.StartsWith("<!DOCTYPE html>", output);
        Assert.Contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm;", output);
        Assert.Contains("Times New Roman", output);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", output);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", output);
        Assert.Contains("Đồng Nai, ngày 05 tháng 10 năm 2025", output);
        Assert.Contains("Nơi nhận:", output);
    }

    [Fact]
    public void A_draft_prints_a_blank_number()
    {
        var text = Normalise(RenderDefault("to-trinh", draft: true));

        Assert.Contains("Số: /TTr-UBND", text);
    }

    [Fact]
    public void Minutes_without_a_meeting_print_blanks_to_fill_by_hand()
    {
        var model = TemplateModel.Build(DocumentSamples.Input("bien-ban-hop-xet") with { Meeting = null });
        var parsed = TemplateSandbox.Parse(File.ReadAllText(TemplatePath("bien-ban-hop-xet")), "bien-ban-hop-xet.scriban");

        var result = TemplateSandbox.Render(parsed.Template!, model, RenderOptions.Default);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Contains("Địa điểm: ....", Normalise(result.Output));
    }

    private static string RenderDefault(string id, bool draft)
    {
        var parsed = TemplateSandbox.Parse(File.ReadAllText(TemplatePath(id)), $"templates/{id}.scriban");
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        var result = TemplateSandbox.Render(parsed.Template, DocumentSamples.Model(id, draft), RenderOptions.Default);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Output;
    }

    /// <summary>
    /// The document's text: no style, no tags, entities decoded, one line per block, table cells
    /// separated by " | ", spaces collapsed.
    /// </summary>
    internal static string Normalise(string html)
    {
        var text = StyleBlock().Replace(html, "");
        text = BlockEnd().Replace(text, "\n");
        text = CellEnd().Replace(text, " | ");
        text = WebUtility.HtmlDecode(Tag().Replace(text, ""));
        var lines = text.Split('\n')
            .Select(line => Spaces().Replace(line, " ").Trim().TrimEnd('|').TrimEnd())
            .Where(line => line.Length > 0);
        return string.Join("\n", lines) + "\n";
    }

    private static void AssertGolden(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("ANTQ_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(RepoPaths.Root, "tests", "Antq.FormEngine.Tests", "TestData", "Documents", name), actual);
            return;
        }
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Documents", name));
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual);
    }

    private static string TemplatePath(string id) => Path.Combine(RepoPaths.Templates, $"{id}.scriban");

    [GeneratedRegex(@"<(style|head)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleBlock();

    [GeneratedRegex(@"</(p|div|tr|h\d|li|table|thead|tbody)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"</t[dh]>", RegexOptions.IgnoreCase)]
    private static partial Regex CellEnd();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\u00a0]+")]
    private static partial Regex Spaces();
}
