using Antq.Documents;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Tests.Documents;
using Antq.FormEngine.Tests.Support;
using Antq.Documents.Docx;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Antq.Documents.Tests.Docx;

/// <summary>The HTML subset of <see cref="HtmlToDocx"/>, and that any template output converts (a template is author content).</summary>
public sealed class HtmlToDocxTests
{
    private static readonly DocumentStamp Stamp = new("goi.thu", "2.1.0", "ABC-123", "to-trinh", "Tờ trình");

    [Fact]
    public void Paragraph_text_is_collapsed_like_html_and_entities_are_decoded()
    {
        var text = Text("<p>  Căn cứ\n   Quyết định &amp; Kế hoạch&nbsp;số&#32;91 &lt;x&gt; &#x1EA0;  </p><p></p><div> </div>");

        Assert.Equal("Căn cứ Quyết định & Kế hoạch\u00a0số 91 <x> Ạ\n", text);
    }

    [Fact]
    public void Inline_formatting_becomes_run_properties()
    {
        var body = Body("<p>a <b>đậm</b> <i>nghiêng</i> <u>gạch</u> <span style=\"font-weight: bold; font-style: italic\">cả hai</span></p>");

        var runs = body.Descendants<Run>().ToList();
        Assert.Equal(["a ", "đậm", " ", "nghiêng", " ", "gạch", " ", "cả hai"], runs.Select(r => r.InnerText));
        Assert.NotNull(runs[1].RunProperties?.Bold);
        Assert.NotNull(runs[3].RunProperties?.Italic);
        Assert.NotNull(runs[5].RunProperties?.Underline);
        Assert.NotNull(runs[7].RunProperties?.Bold);
        Assert.NotNull(runs[7].RunProperties?.Italic);
    }

    [Fact]
    public void Alignment_comes_from_classes_and_inline_text_align()
    {
        var paragraphs = Body("<p class=\"center\">a</p><p style=\"text-align:right\">b</p><div class=\"justify\"><p>c</p></div>")
            .Elements<Paragraph>().ToList();

        Assert.Equal(JustificationValues.Center, paragraphs[0].ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(JustificationValues.Right, paragraphs[1].ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal(JustificationValues.Both, paragraphs[2].ParagraphProperties!.Justification!.Val!.Value);
    }

    [Fact]
    public void Headings_and_line_breaks_map_to_word()
    {
        var body = Body("<h1>Tiêu đề</h1><h2>Mục</h2><p>dòng 1<br>dòng 2</p>");

        var paragraphs = body.Elements<Paragraph>().ToList();
        Assert.Equal("Heading1", paragraphs[0].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal("Heading2", paragraphs[1].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Single(paragraphs[2].Descendants<Break>());
    }

    [Fact]
    public void Table_without_thead_takes_a_first_row_of_th_as_header_and_pads_short_rows()
    {
        var body = Body("<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td colspan=\"2\">x</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>");

        var rows = body.Descendants<TableRow>().ToList();
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(2, rows[1].Elements<TableCell>().Count()); // the span of 2 and a padding cell
        Assert.Equal(2, rows[1].Elements<TableCell>().First().TableCellProperties!.GridSpan!.Val!.Value);
        Assert.Equal(3, body.Descendants<GridColumn>().Count());
    }

    [Fact]
    public void Two_adjacent_tables_are_kept_apart()
    {
        var body = Body("<table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>");

        var blocks = body.ChildElements.Where(e => e is Table or Paragraph).ToList();
        Assert.IsType<Table>(blocks[0]);
        Assert.IsType<Paragraph>(blocks[1]);
        Assert.IsType<Table>(blocks[2]);
        Assert.IsType<Paragraph>(blocks[^1]); // a body does not end with a table
    }

    [Fact]
    public void Page_margins_follow_the_template_page_rule()
    {
        var docx = HtmlToDocx.Convert("<html><head><style>@page { size: A4; margin: 25mm 20mm 22mm 35mm; }</style></head><body><p>x</p></body></html>", Stamp);

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var margin = document.MainDocumentPart!.Document.Body!.Descendants<PageMargin>().Single();
        Assert.Equal(1417, margin.Top!.Value);
        Assert.Equal(1134u, margin.Right!.Value);
        Assert.Equal(1247, margin.Bottom!.Value);
        Assert.Equal(1984u, margin.Left!.Value);
    }

    [Fact]
    public void Without_a_page_rule_the_margins_are_decree_30()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(HtmlToDocx.Convert("<p>x</p>", Stamp)), false);

        var margin = document.MainDocumentPart!.Document.Body!.Descendants<PageMargin>().Single();
        Assert.Equal((1134, 850u, 1134, 1701u), (margin.Top!.Value, margin.Right!.Value, margin.Bottom!.Value, margin.Left!.Value));
    }

    [Fact]
    public void The_title_of_the_html_is_the_document_title()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(HtmlToDocx.Convert("<title>Tờ trình &amp; hồ sơ</title><p>x</p>", Stamp)), false);

        Assert.Equal("Tờ trình & hồ sơ", document.PackageProperties.Title);
    }

    public static TheoryData<string> OddHtml => new()
    {
        "",
        "chỉ có chữ, không thẻ",
        "<p>không đóng <b>đậm <i>nghiêng",
        "</div></p></table></td>lạc</tr>",
        "<table><td>ô không có hàng</td><td>ô 2</td></table>",
        "<table></table><table><tr></tr></table>",
        "<table><tr><td><table><tr><td>lồng</td></tr></table></td></tr></table>",
        "<table><tr><td colspan=\"99999\">rộng</td><td colspan=\"-3\">âm</td><td colspan=\"x\">?</td></tr></table>",
        "<p>&bogus; &#0; &#xD800; &#99999999; &; &#; &amp</p>",
        "<unknown-tag data-x='1'>chữ trong thẻ lạ</unknown-tag><marquee>chạy</marquee>",
        "<script>alert(1)</script><style>p{}</style><!-- chú thích --><?xml bogus?><p>sau</p>",
        "<p a=\"1\" b='2' c=3 d>thuộc tính</p><p <<< >>>text",
        "<img src=\"x\"><input value=\"y\"><hr><br/><br>",
        "<ul><li>một<li>hai</ul><ol><li>a</li><li>b</li></ol>",
        "<div class=\"rule\"></div><div class=\"rule short\"></div><div class=\"sign-space\"></div><p class=\"motto\"><span>Độc lập</span></p>",
        "<p style=\"font-size: 999pt; text-align: middle; font-weight: 950\">cỡ chữ lạ</p>",
        "<" + string.Concat(Enumerable.Repeat("div><", 500)) + "p>sâu",
        string.Concat(Enumerable.Repeat("<table><tr><td>", 40)) + "bảng lồng sâu",
        "<html><head><style>@page { margin: -5mm 9999cm }</style></head><body><p>lề sai</p></body></html>",
        "<table><caption>Chú thích bảng</caption><tr><td>a</td></tr>chữ lạc trong bảng<div>khối lạc</div></table>",
    };

    [Theory]
    [MemberData(nameof(OddHtml))]
    public void Any_html_converts_to_a_valid_document(string html)
    {
        var docx = HtmlToDocx.Convert(html, Stamp);

        DocxKit.Parts(docx);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("a</x>")]           // stray end tags between text
    [InlineData("a<!---->")]        // comments between text
    [InlineData("<li>a")]           // a long list
    [InlineData("<td>a")]           // a wide row (columns capped)
    [InlineData("<div class=\"rule\"><b>a</b>")]
    public void Two_megabytes_of_repeated_markup_convert_in_linear_time(string unit)
    {
        var html = (unit.StartsWith("<li>", StringComparison.Ordinal) ? "<ol>" : unit.StartsWith("<td>", StringComparison.Ordinal) ? "<table><tr>" : "")
            + string.Concat(Enumerable.Repeat(unit, 2 * 1024 * 1024 / unit.Length));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var docx = HtmlToDocx.Convert(html, Stamp);

        Assert.True(docx.Length > 0);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{clock.Elapsed}"); // quadratic work would take hours
    }

    [Fact]
    public void Ordered_lists_are_numbered_and_nested_lists_are_bulleted()
    {
        Assert.Equal("1. một\n2. hai\n- con\n3. ba\n", Text("<ol><li>một<li>hai<ul><li>con</ul><li>ba</ol>"));
    }

    [Fact]
    public void Text_of_unknown_elements_is_kept()
    {
        var text = Text("<unknown-tag>chữ trong thẻ lạ</unknown-tag><section><article>bài</article></section>");

        Assert.Equal("chữ trong thẻ lạ\nbài\n", text);
    }

    [Fact]
    public void Control_characters_and_broken_surrogates_from_form_data_are_dropped()
    {
        Assert.Equal("ab c 😀 d\n", Text("<p>a\u0001\u0008\u000b\u001fb \ud800c\uffff \ud83d\ude00 d\udc00</p>"));
    }

    [Fact]
    public void Motto_rule_is_about_as_long_as_the_motto()
    {
        var body = Body("<table class=\"head\"><tr><td class=\"left\"></td><td><div class=\"motto\"><span>Độc lập - Tự do - Hạnh phúc</span></div></td></tr></table>");

        var rule = body.Descendants<Paragraph>().Single(p => p.ParagraphProperties?.ParagraphBorders is not null);
        var cell = rule.Ancestors<TableCell>().Single();
        var cellWidth = int.Parse(cell.TableCellProperties!.TableCellWidth!.Width!.Value!);
        var indent = rule.ParagraphProperties!.Indentation!;
        var length = cellWidth - int.Parse(indent.Left!.Value!) - int.Parse(indent.Right!.Value!);
        // 14 pt bold Times New Roman: "Độc lập - Tự do - Hạnh phúc" is about 60 mm.
        Assert.InRange(length * 25.4 / 1440, 50, 70);
    }

    private static Body Body(string html)
    {
        var docx = HtmlToDocx.Convert(html, Stamp);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return (Body)document.MainDocumentPart!.Document.Body!.CloneNode(deep: true);
    }

    /// <summary>The text of every paragraph with text, one a line (styles left out).</summary>
    private static string Text(string html)
    {
        var lines = DocxKit.DocumentText(HtmlToDocx.Convert(html, Stamp)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.StartsWith('[') ? line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..] : line);
        return string.Concat(lines.Select(l => l + "\n"));
    }
}
