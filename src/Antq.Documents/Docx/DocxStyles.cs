using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// The Word styles of a dossier document (style ids are English, the names people see in Word's
/// style gallery are Vietnamese). Sizes follow Nghị định 30/2020/NĐ-CP Phụ lục I and the default
/// templates: Times New Roman, body 14 pt, header block 13 pt, criteria table 12 pt.
/// </summary>
internal static class DocxStyles
{
    public const string Font = "Times New Roman";

    // Paragraph styles.
    public const string Normal = "Normal";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string HeadText = "HeadText";
    public const string AgencyParent = "AgencyParent";
    public const string AgencyIssuer = "AgencyIssuer";
    public const string DocNumber = "DocNumber";
    public const string Nation = "Nation";
    public const string Motto = "Motto";
    public const string PlaceDate = "PlaceDate";
    public const string DocKind = "DocKind";
    public const string DocSummary = "DocSummary";
    public const string Addressee = "Addressee";
    public const string BodyText = "BodyText";
    public const string SectionHeading = "SectionHeading";
    public const string TableText = "TableText";
    public const string TableHeading = "TableHeading";
    public const string Recipients = "Recipients";
    public const string RecipientsLabel = "RecipientsLabel";
    public const string SignText = "SignText";
    public const string SignTitle = "SignTitle";
    public const string SignerName = "SignerName";
    public const string Stamp = "Stamp";
    public const string Rule = "Rule";
    public const string Header = "Header";
    public const string Footer = "Footer";

    // Table styles.
    public const string GridTable = "TableGrid";
    public const string LayoutTable = "LayoutTable";

    /// <summary>Cell padding of the bordered table: 3 pt above and below, 4 pt left and right (the templates' CSS).</summary>
    public const int GridCellVertical = 60;
    public const int GridCellHorizontal = 80;

    /// <summary>Line spacing of running text: 1.15 lines (Decree 30 allows single to 1.5).</summary>
    private const string BodyLine = "276";

    public static Styles Build()
    {
        var styles = new Styles();
        styles.Append(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new Color { Val = "000000" },
                new FontSize { Val = "28" },
                new FontSizeComplexScript { Val = "28" },
                new Languages { Val = "vi-VN", EastAsia = "vi-VN", Bidi = "ar-SA" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(
            Paragraph(Normal, "Normal", null, isDefault: true, primary: true),
            Paragraph(Heading1, "heading 1", Normal, primary: true,
                p: new() { KeepNext = true, Before = 240, After = 120, Justification = JustificationValues.Center, OutlineLevel = 0 },
                r: new() { Bold = true }),
            Paragraph(Heading2, "heading 2", Normal, primary: true,
                p: new() { KeepNext = true, Before = 120, After = 120, OutlineLevel = 1 },
                r: new() { Bold = true }),
            Paragraph(Heading3, "heading 3", Normal, primary: true,
                p: new() { KeepNext = true, Before = 120, After = 120, OutlineLevel = 2 },
                r: new() { Bold = true, Italic = true }),

            // The header block: two columns, single-spaced, centred, 13 pt.
            Paragraph(HeadText, "Khối tiêu đề", Normal,
                p: new() { Justification = JustificationValues.Center },
                r: new() { HalfPoints = 26 }),
            Paragraph(AgencyParent, "Tên cơ quan chủ quản", HeadText, primary: true),
            Paragraph(AgencyIssuer, "Tên cơ quan ban hành", HeadText, primary: true, r: new() { Bold = true }),
            Paragraph(DocNumber, "Số và ký hiệu", HeadText, primary: true, p: new() { Before = 120 }),
            Paragraph(Nation, "Quốc hiệu", HeadText, primary: true, r: new() { Bold = true }),
            Paragraph(Motto, "Tiêu ngữ", HeadText, primary: true, r: new() { Bold = true, HalfPoints = 28 }),
            Paragraph(PlaceDate, "Địa danh và ngày tháng", HeadText, primary: true, p: new() { Before = 120 }, r: new() { Italic = true }),

            // Tên loại và trích yếu, kính gửi.
            Paragraph(DocKind, "Tên loại văn bản", Normal, primary: true,
                p: new() { KeepNext = true, Before = 360, Justification = JustificationValues.Center },
                r: new() { Bold = true }),
            Paragraph(DocSummary, "Trích yếu nội dung", Normal, primary: true,
                p: new() { KeepNext = true, Justification = JustificationValues.Center },
                r: new() { Bold = true }),
            Paragraph(Addressee, "Kính gửi", Normal, primary: true,
                p: new() { Before = 240, After = 240, Justification = JustificationValues.Center }),

            // Nội dung: justified, first-line indent 1 cm, 6 pt after each paragraph.
            Paragraph(BodyText, "Nội dung", Normal, primary: true,
                p: new() { After = 120, Line = BodyLine, Justification = JustificationValues.Both, FirstLine = 567 }),
            Paragraph(SectionHeading, "Đề mục", BodyText, primary: true,
                p: new() { KeepNext = true, Before = 120, FirstLine = 0 },
                r: new() { Bold = true }),

            // Tables.
            Paragraph(TableText, "Ô bảng", Normal, r: new() { HalfPoints = 24 }),
            Paragraph(TableHeading, "Tiêu đề cột bảng", TableText,
                p: new() { Justification = JustificationValues.Center, KeepNext = true },
                r: new() { Bold = true }),

            // Nơi nhận and the signing block.
            Paragraph(Recipients, "Nơi nhận", Normal, r: new() { HalfPoints = 22 }),
            Paragraph(RecipientsLabel, "Nơi nhận (nhãn)", Recipients, r: new() { Bold = true, Italic = true, HalfPoints = 24 }),
            Paragraph(SignText, "Khối chữ ký", Normal, p: new() { Justification = JustificationValues.Center, KeepNext = true }),
            Paragraph(SignTitle, "Chức vụ người ký", SignText, primary: true, r: new() { Bold = true }),
            Paragraph(SignerName, "Họ tên người ký", SignText, primary: true, r: new() { Bold = true }),

            Paragraph(Stamp, "Mã xác thực", Normal, p: new() { Before = 360 }, r: new() { HalfPoints = 20, Color = "333333" }),
            // An empty paragraph whose bottom border is the short rule under a heading; 1 pt high.
            Paragraph(Rule, "Đường kẻ", Normal, p: new() { Line = "20", Exact = true }, r: new() { HalfPoints = 2 }),

            Paragraph(Header, "header", Normal,
                p: new() { Justification = JustificationValues.Center },
                r: new() { HalfPoints = 26 }),
            Paragraph(Footer, "footer", Normal,
                p: new() { Justification = JustificationValues.Center },
                r: new() { HalfPoints = 18, Color = "555555" }),

            TableNormal(),
            Table(GridTable, "Table Grid", BorderValues.Single, GridCellVertical, GridCellHorizontal),
            Table(LayoutTable, "Bảng bố cục", BorderValues.None, 0, 0));
        return styles;
    }

    /// <summary>Paragraph formatting of a style or a paragraph, written in schema order by <see cref="ParagraphStyleProperties"/>.</summary>
    internal sealed record ParaFormat
    {
        public bool KeepNext { get; init; }
        public int? Before { get; init; }
        public int? After { get; init; }
        public string? Line { get; init; }
        public bool Exact { get; init; }
        public int? FirstLine { get; init; }
        public JustificationValues? Justification { get; init; }
        public int? OutlineLevel { get; init; }
    }

    internal sealed record CharFormat
    {
        public bool Bold { get; init; }
        public bool Italic { get; init; }
        public int HalfPoints { get; init; }
        public string? Color { get; init; }
    }

    private static Style Paragraph(string id, string name, string? basedOn, bool isDefault = false, bool primary = false,
        ParaFormat? p = null, CharFormat? r = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }
        // What Enter in Word continues with: a heading with body text, a rule with plain text.
        style.Append(new NextParagraphStyle
        {
            Val = id switch
            {
                Heading1 or Heading2 or Heading3 or DocSummary or Addressee or SectionHeading => BodyText,
                DocKind => DocSummary,
                RecipientsLabel => Recipients,
                Rule or Stamp => Normal,
                _ => id,
            },
        });
        if (primary)
        {
            style.Append(new PrimaryStyle());
        }
        if (p is not null)
        {
            style.Append(ParagraphStyleProperties(p));
        }
        if (r is not null)
        {
            style.Append(RunStyleProperties(r));
        }
        return style;
    }

    private static StyleParagraphProperties ParagraphStyleProperties(ParaFormat p)
    {
        var properties = new StyleParagraphProperties();
        if (p.KeepNext)
        {
            properties.Append(new KeepNext());
        }
        if (p.Before is not null || p.After is not null || p.Line is not null)
        {
            var spacing = new SpacingBetweenLines();
            if (p.Before is { } before)
            {
                spacing.Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (p.After is { } after)
            {
                spacing.After = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (p.Line is { } line)
            {
                spacing.Line = line;
                spacing.LineRule = p.Exact ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto;
            }
            properties.Append(spacing);
        }
        if (p.FirstLine is { } firstLine)
        {
            properties.Append(new Indentation { FirstLine = firstLine.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        if (p.Justification is { } justification)
        {
            properties.Append(new Justification { Val = justification });
        }
        if (p.OutlineLevel is { } level)
        {
            properties.Append(new OutlineLevel { Val = level });
        }
        return properties;
    }

    private static StyleRunProperties RunStyleProperties(CharFormat r)
    {
        var properties = new StyleRunProperties();
        if (r.Bold)
        {
            properties.Append(new Bold(), new BoldComplexScript());
        }
        if (r.Italic)
        {
            properties.Append(new Italic(), new ItalicComplexScript());
        }
        if (r.Color is { } color)
        {
            properties.Append(new Color { Val = color });
        }
        if (r.HalfPoints > 0)
        {
            var size = r.HalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
            properties.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        }
        return properties;
    }

    private static Style Table(string id, string name, BorderValues border, int vertical, int horizontal)
    {
        var borders = new TableBorders(
            new TopBorder { Val = border, Size = 4, Space = 0, Color = "000000" },
            new LeftBorder { Val = border, Size = 4, Space = 0, Color = "000000" },
            new BottomBorder { Val = border, Size = 4, Space = 0, Color = "000000" },
            new RightBorder { Val = border, Size = 4, Space = 0, Color = "000000" },
            new InsideHorizontalBorder { Val = border, Size = 4, Space = 0, Color = "000000" },
            new InsideVerticalBorder { Val = border, Size = 4, Space = 0, Color = "000000" });
        var margins = new TableCellMarginDefault(
            new TopMargin { Width = vertical.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableCellLeftMargin { Width = (short)horizontal, Type = TableWidthValues.Dxa },
            new BottomMargin { Width = vertical.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableCellRightMargin { Width = (short)horizontal, Type = TableWidthValues.Dxa });
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "TableNormal" },
            new PrimaryStyle(),
            new StyleTableProperties(new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa }, borders, margins))
        {
            Type = StyleValues.Table,
            StyleId = id,
        };
    }

    /// <summary>Word's own base table style, which the two table styles are based on.</summary>
    private static Style TableNormal() => new(
        new StyleName { Val = "Normal Table" },
        new UIPriority { Val = 99 },
        new SemiHidden(),
        new UnhideWhenUsed(),
        new StyleTableProperties(
            new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
            new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
    {
        Type = StyleValues.Table,
        StyleId = "TableNormal",
        Default = true,
    };
}
