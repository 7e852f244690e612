using System.Xml.Linq;
using Antq.Documents;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Tests.Documents;
using Antq.FormEngine.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Antq.Documents.Tests.Docx;

/// <summary>
/// The three default templates as DOCX for the sample commune: the text of word/document.xml is
/// pinned by golden files (ANTQ_UPDATE_GOLDEN=1 rewrites them), the package opens and validates,
/// and the Decree 30 layout is there (A4, margins, header block, repeated table header, page
/// numbers from page 2, signing block) with the pack and verification code.
/// </summary>
public sealed class DocxOutputTests
{
    public static TheoryData<string> Templates => DocxKit.Templates;

    private static readonly XNamespace W = DocxKit.W;

    [Theory]
    [MemberData(nameof(Templates))]
    public void Document_text_matches_the_golden_file(string id)
    {
        var docx = DocxKit.RenderDocx(id);

        DocxKit.AssertGolden($"{id}.document.golden.txt", DocxKit.DocumentText(docx));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Opens_with_the_sdk_and_every_part_is_xml_and_schema_valid(string id)
    {
        var docx = DocxKit.RenderDocx(id);

        var parts = DocxKit.Parts(docx); // throws if a part is not well-formed XML
        Assert.Contains("word/document.xml", parts.Keys);
        Assert.Contains("word/styles.xml", parts.Keys);
        Assert.Contains("docProps/core.xml", parts.Keys);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        Assert.NotNull(document.MainDocumentPart?.Document.Body);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Page_is_a4_portrait_with_decree_30_margins(string id)
    {
        using var document = Open(DocxKit.RenderDocx(id));
        var section = document.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();

        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);  // 210 mm
        Assert.Equal(16838u, size.Height!.Value); // 297 mm
        var margin = section.GetFirstChild<PageMargin>()!;
        Assert.InRange(Mm(margin.Top!.Value), 20, 25);
        Assert.InRange(Mm(margin.Bottom!.Value), 20, 25);
        Assert.InRange(Mm(margin.Left!.Value), 30, 35);
        Assert.InRange(Mm(margin.Right!.Value), 15, 20);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Normal_text_is_times_new_roman_14_pt(string id)
    {
        var styles = DocxKit.Part(DocxKit.RenderDocx(id), "word/styles.xml");
        var defaults = styles.Descendants(W + "rPrDefault").Single();

        Assert.Equal("Times New Roman", defaults.Descendants(W + "rFonts").Single().Attribute(W + "ascii")?.Value);
        Assert.Equal("28", defaults.Descendants(W + "sz").Single().Attribute(W + "val")?.Value);
        var bodyStyle = styles.Descendants(W + "style").Single(s => s.Attribute(W + "styleId")?.Value == "BodyText");
        Assert.Equal("both", bodyStyle.Descendants(W + "jc").Single().Attribute(W + "val")?.Value);
        Assert.Equal("567", bodyStyle.Descendants(W + "ind").Single().Attribute(W + "firstLine")?.Value);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Header_block_is_a_borderless_two_column_table(string id)
    {
        using var document = Open(DocxKit.RenderDocx(id));
        var head = document.MainDocumentPart!.Document.Body!.Elements<Table>().First();

        Assert.Equal("LayoutTable", head.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value);
        var cells = head.Elements<TableRow>().Single().Elements<TableCell>().ToList();
        Assert.Equal(2, cells.Count);
        Assert.Equal(["AgencyParent", "AgencyIssuer", "Rule", "DocNumber"], Styles(cells[0]));
        Assert.Equal(["Nation", "Motto", "Rule", "PlaceDate"], Styles(cells[1]));
        Assert.Equal("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", cells[1].Elements<Paragraph>().First().InnerText);
        Assert.Equal("Độc lập - Tự do - Hạnh phúc", cells[1].Elements<Paragraph>().ElementAt(1).InnerText);
        var layoutStyle = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "LayoutTable");
        Assert.All(layoutStyle.Descendants<TableBorders>().Single().ChildElements.Cast<BorderType>(), b => Assert.Equal(BorderValues.None, b.Val!.Value));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Title_and_summary_are_centred_bold_styles_after_the_header(string id)
    {
        using var document = Open(DocxKit.RenderDocx(id));
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();

        var kind = paragraphs.First(p => StyleOf(p) == "DocKind");
        Assert.Equal(id switch { "to-trinh" => "TỜ TRÌNH", "bao-cao-ket-qua" => "BÁO CÁO", _ => "BIÊN BẢN" }, kind.InnerText);
        Assert.Equal("DocSummary", StyleOf(paragraphs[paragraphs.IndexOf(kind) + 1]));
        Assert.Equal("Rule", StyleOf(paragraphs[paragraphs.IndexOf(kind) + 2]));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Criteria_table_has_borders_and_a_header_row_repeated_on_each_page(string id)
    {
        using var document = Open(DocxKit.RenderDocx(id));
        var criteria = document.MainDocumentPart!.Document.Body!.Elements<Table>()
            .Single(t => t.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value == "TableGrid");

        var rows = criteria.Elements<TableRow>().ToList();
        var header = rows[0];
        Assert.NotNull(header.TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(["STT", "Tiêu chí", "Kết quả", "Giải thích", "Điểm"], header.Elements<TableCell>().Select(c => c.InnerText));
        Assert.All(rows.Skip(1), row => Assert.Null(row.TableRowProperties?.GetFirstChild<TableHeader>()));
        // The group row spans the five columns; the sample has 4 criteria, 2 sub-criteria, 2 groups.
        Assert.Equal(5, rows[1].Elements<TableCell>().Single().TableCellProperties!.GridSpan!.Val!.Value);
        Assert.Equal(1 + 2 + 4 + 2, rows.Count);
        var gridStyle = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "TableGrid");
        Assert.All(gridStyle.Descendants<TableBorders>().Single().ChildElements.Cast<BorderType>(), b => Assert.Equal(BorderValues.Single, b.Val!.Value));
        var widths = criteria.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!)).ToList();
        Assert.Equal(11906 - 1701 - 850, widths.Sum());
        Assert.True(widths[1] > widths[0] * 3 && widths[3] > widths[2], string.Join(", ", widths));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Page_numbers_are_centred_at_the_top_from_page_two(string id)
    {
        using var document = Open(DocxKit.RenderDocx(id));
        var main = document.MainDocumentPart!;
        var section = main.Document.Body!.Elements<SectionProperties>().Single();

        Assert.NotNull(section.GetFirstChild<TitlePage>());
        var references = section.Elements<HeaderReference>().ToDictionary(r => r.Type!.Value, r => (HeaderPart)main.GetPartById(r.Id!.Value!));
        Assert.Contains("PAGE", references[HeaderFooterValues.Default].Header!.InnerText);
        Assert.Contains(references[HeaderFooterValues.Default].Header!.Descendants<FieldCode>(), f => f.Text.Trim() == "PAGE");
        Assert.Empty(references[HeaderFooterValues.First].Header!.Descendants<FieldCode>());
        var headerStyle = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Header");
        Assert.Equal(JustificationValues.Center, headerStyle.StyleParagraphProperties!.Justification!.Val!.Value);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_page_carries_the_verification_code_and_pack(string id)
    {
        using var document = Open(DocxKit.RenderDocx(id));
        var main = document.MainDocumentPart!;

        var section = main.Document.Body!.Elements<SectionProperties>().Single();
        var footers = section.Elements<FooterReference>().Select(r => ((FooterPart)main.GetPartById(r.Id!.Value!)).Footer!.InnerText).ToList();
        Assert.Equal(2, footers.Count); // first page and the others
        Assert.All(footers, f => Assert.Equal("Mã xác thực: MAU-2025-000001 · Gói qd9745.xa 1.0.0", f));
        Assert.Equal("MAU-2025-000001", document.PackageProperties.Identifier);
        Assert.Equal("1.0.0", document.PackageProperties.Version);
        Assert.Equal("qd9745.xa", document.PackageProperties.Category);
        Assert.Contains("Xã An Phước", document.PackageProperties.Title);
        var custom = document.CustomFilePropertiesPart!.Properties!.Elements<CustomDocumentProperty>().ToDictionary(p => p.Name!.Value!, p => p.InnerText);
        Assert.Equal("qd9745.xa", custom["AntqPackId"]);
        Assert.Equal("1.0.0", custom["AntqPackVersion"]);
        Assert.Equal("MAU-2025-000001", custom["AntqVerificationCode"]);
        Assert.Equal(id, custom["AntqDocumentId"]);
        // The template's own stamp line is kept in the body too.
        Assert.Contains(main.Document.Body.Elements<Paragraph>(), p => StyleOf(p) == "Stamp" && p.InnerText.Contains("MAU-2025-000001"));
    }

    [Fact]
    public void Signing_block_is_right_and_recipients_left_in_a_borderless_table()
    {
        using var document = Open(DocxKit.RenderDocx("to-trinh"));
        var foot = document.MainDocumentPart!.Document.Body!.Elements<Table>().Last();

        Assert.Equal("LayoutTable", foot.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value);
        var cells = foot.Elements<TableRow>().Single().Elements<TableCell>().ToList();
        Assert.Equal(["RecipientsLabel", "Recipients", "Recipients"], Styles(cells[0]));
        Assert.Equal("Nơi nhận:", cells[0].Elements<Paragraph>().First().InnerText);
        Assert.Equal(["SignTitle", "SignTitle", "SignText", "SignerName"], Styles(cells[1]));
        Assert.Equal(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn An"], cells[1].Elements<Paragraph>().Select(p => p.InnerText));
        Assert.NotNull(foot.Elements<TableRow>().Single().TableRowProperties?.GetFirstChild<CantSplit>());
    }

    [Fact]
    public void A_draft_keeps_the_blank_number()
    {
        var text = DocxKit.DocumentText(DocxKit.RenderDocx("to-trinh", draft: true));

        Assert.Contains("[DocNumber] Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TTr-UBND\n", text);
    }

    [Fact]
    public void A_template_error_comes_back_as_errors_not_bytes()
    {
        var parsed = TemplateSandbox.Parse("<p>{{ unit.nam }}</p>", "t.scriban");

        var result = DocumentOutput.RenderDocx(parsed.Template!, DocumentSamples.Model());

        Assert.False(result.Ok);
        Assert.Null(result.Content);
        Assert.Equal("template.render", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Html_output_is_the_template_output_as_utf8()
    {
        var result = DocumentOutput.RenderHtml(DocxKit.Template("to-trinh"), DocumentSamples.Model());

        Assert.True(result.Ok);
        Assert.Equal(DocumentFileFormat.Html, result.Format);
        var html = System.Text.Encoding.UTF8.GetString(result.Content);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Mã xác thực: MAU-2025-000001", html);
    }

    [Fact]
    public void ConvertWithLibreOffice_WhenInstalled_ProducesPdf()
    {
        var soffice = DocxKit.OnPath("soffice") ?? DocxKit.OnPath("libreoffice");
        if (soffice is null)
        {
            return; // LibreOffice is not installed here: nothing to check
        }
        var folder = Path.Combine(Path.GetTempPath(), "antq-docx-lo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var files = new List<string>();
            foreach (var id in DocxKit.Templates)
            {
                var path = Path.Combine(folder, id + ".docx");
                File.WriteAllBytes(path, DocxKit.RenderDocx(id));
                files.Add(path);
            }
            var profile = new Uri(Path.Combine(folder, "profile")).AbsoluteUri;
            var (exit, output) = DocxKit.Run(soffice,
                ["-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, .. files],
                TimeSpan.FromMinutes(3));

            Assert.True(exit == 0, output);
            foreach (var id in DocxKit.Templates)
            {
                var pdf = Path.Combine(folder, id + ".pdf");
                Assert.True(File.Exists(pdf), $"{id}.pdf missing: {output}");
                var bytes = File.ReadAllBytes(pdf);
                Assert.True(bytes.Length > 1000, $"{id}.pdf is {bytes.Length} bytes");
                Assert.True(bytes.AsSpan().StartsWith("%PDF"u8));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);

    private static double Mm(double twips) => Math.Round(twips * 25.4 / 1440, 1);

    private static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static List<string?> Styles(TableCell cell) => cell.Elements<Paragraph>().Select(StyleOf).ToList();
}
