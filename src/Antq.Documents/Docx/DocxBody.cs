using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// Walks the HTML tree of a rendered template and writes Word paragraphs and tables as it goes.
/// The mapping (elements, class names, inline styles) is documented on <see cref="HtmlToDocx"/>.
/// </summary>
internal static class DocxBody
{
    /// <summary>Height of the signature space (the templates' <c>.sign-space { height: 25mm }</c>).</summary>
    private static readonly int SignSpace = PageSetup.Mm(25);

    /// <summary>Extra indent of a sub-criterion title (<c>tr.child td.title { padding-left: 14pt }</c>).</summary>
    private const int ChildIndent = 280;

    private enum Zone { Flow, Head, Layout, Grid, Recipients, Signature }

    /// <param name="ListNumber">The number of an <c>ol</c> item (0: a bullet).</param>
    private readonly record struct Context(Zone Zone, bool InBody, Align? Align, RunFormat Format, int Width, int Indent, bool HeaderCell, int ListNumber = 0);

    /// <summary>Writes the blocks of <c>w:body</c> (not the section properties).</summary>
    public static void Write(HtmlNode root, int textWidth, WordWriter writer)
    {
        var flow = new DocxFlow(writer);
        var context = new Context(Zone.Flow, false, null, RunFormat.Inherit, textWidth, 0, false);
        VisitChildren(root, flow, context);
        flow.Flush();
        if (flow.NeedsClosingParagraph)
        {
            flow.EmptyParagraph(ParaSpec.Normal);
        }
    }

    private static void VisitChildren(HtmlNode node, DocxFlow flow, Context context)
    {
        var number = 0;
        foreach (var child in node.Children)
        {
            if (node.Name == "ol" && child.Name == "li")
            {
                Visit(child, flow, context with { ListNumber = ++number });
                continue;
            }
            Visit(child, flow, context.ListNumber == 0 ? context : context with { ListNumber = 0 });
        }
    }

    private static void Visit(HtmlNode node, DocxFlow flow, Context context)
    {
        if (node.IsText)
        {
            flow.AppendText(node.Text, context.Format);
            return;
        }
        switch (node.Name)
        {
            case "br":
                flow.AppendBreak(context.Format);
                return;
            case "table":
                Table(node, flow, context);
                return;
            case "hr":
                flow.EmptyParagraph(RuleParagraph(context.Width, context.Width, before: 120, after: 120));
                return;
            case "img":
                var style = node.Style ?? "";
                flow.AppendPicture(node.Source, node.Alt, Length(InlineStyle(style, "width")), Length(InlineStyle(style, "height")), context.Width);
                return;
            case "input" or "select" or "button" or "svg" or "canvas" or "iframe" or "object" or "video" or "audio"
                or "col" or "colgroup" or "template" or "noscript":
                return; // nothing to print as text
        }
        if (HtmlTree.BlockElements.Contains(node.Name!) || node.Name is "tr" or "td" or "th" or "thead" or "tbody" or "tfoot" or "body")
        {
            Block(node, flow, context);
        }
        else
        {
            VisitChildren(node, flow, context with { Format = FormatOf(node, context.Format) });
        }
    }

    private static void Block(HtmlNode node, DocxFlow flow, Context context)
    {
        flow.Flush();
        if (node.HasClass("rule") && node.IsBlank())
        {
            flow.EmptyParagraph(Rule(node, context));
            return;
        }
        if (node.HasClass("sign-space"))
        {
            flow.EmptyParagraph(new ParaSpec { StyleId = StyleFor(node, context), Before = 0, After = 0, ExactLine = SignSpace });
            return;
        }
        var spec = SpecFor(node, context);
        var inner = context with
        {
            Align = spec.Align ?? context.Align,
            Format = FormatOf(node, context.Format),
            InBody = context.InBody || node.HasClass("body"),
        };
        var outer = flow.Spec;
        flow.Spec = spec;
        if (node.Name == "li")
        {
            flow.AppendText(context.ListNumber > 0 ? context.ListNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " : "- ", inner.Format);
        }
        VisitChildren(node, flow, inner);
        flow.Flush();
        flow.Spec = outer;

        if (node.HasClass("motto") && node.Children.Find(c => c.Name == "span") is { } underlined)
        {
            // Decree 30: a solid line under the tiêu ngữ, as long as its text.
            var text = HtmlTree.CollapseSpaces(underlined.InnerText());
            var width = TextWidth.Twips(text, 28, bold: true) + 60;
            flow.EmptyParagraph(RuleParagraph(context.Width, width, before: 0, after: 0));
        }
    }

    /// <summary>An empty <c>.rule</c> element: a centred line, <c>.short</c> 35 % and <c>.summary-rule</c> 25 % of the column.</summary>
    private static ParaSpec Rule(HtmlNode node, Context context)
    {
        var fraction = node.HasClass("short") ? 0.35 : node.HasClass("summary-rule") ? 0.25 : 1.0;
        var after = node.HasClass("summary-rule") ? 120 : 0;
        return RuleParagraph(context.Width, (int)(context.Width * fraction), before: 20, after: after);
    }

    private static ParaSpec RuleParagraph(int containerWidth, int width, int before, int after)
    {
        var indent = Math.Max(0, (containerWidth - Math.Min(width, containerWidth)) / 2);
        return new ParaSpec { StyleId = DocxStyles.Rule, BottomBorder = true, IndentLeft = indent, IndentRight = indent, Before = before, After = after };
    }

    private static ParaSpec SpecFor(HtmlNode node, Context context)
    {
        var style = ClassStyle(node, context) ?? ElementStyle(node) ?? ZoneStyle(node, context);
        var align = ExplicitAlign(node) ?? context.Align;
        int? after = style is null && node.Name == "p" ? 120 : null; // a plain p keeps its 6 pt margin
        return new ParaSpec { StyleId = style, Align = align, IndentLeft = context.Indent, After = after };
    }

    private static string? StyleFor(HtmlNode node, Context context) => ClassStyle(node, context) ?? ZoneStyle(node, context);

    private static string? ClassStyle(HtmlNode node, Context context)
    {
        foreach (var name in node.Classes)
        {
            var style = name switch
            {
                "parent" => DocxStyles.AgencyParent,
                "issuer" => DocxStyles.AgencyIssuer,
                "number" => DocxStyles.DocNumber,
                "nation" => DocxStyles.Nation,
                "motto" => DocxStyles.Motto,
                "place-date" => DocxStyles.PlaceDate,
                "kind" => DocxStyles.DocKind,
                "summary" => DocxStyles.DocSummary,
                "to" => DocxStyles.Addressee,
                "section" => DocxStyles.SectionHeading,
                "label" when context.Zone == Zone.Recipients => DocxStyles.RecipientsLabel,
                "sign-title" => DocxStyles.SignTitle,
                "signer-name" => DocxStyles.SignerName,
                "stamp" => DocxStyles.Stamp,
                _ => null,
            };
            if (style is not null)
            {
                return style;
            }
        }
        return null;
    }

    private static string? ElementStyle(HtmlNode node) => node.Name switch
    {
        "h1" => DocxStyles.Heading1,
        "h2" => DocxStyles.Heading2,
        "h3" or "h4" or "h5" or "h6" => DocxStyles.Heading3,
        _ => null,
    };

    private static string? ZoneStyle(HtmlNode node, Context context) => context.Zone switch
    {
        Zone.Head => DocxStyles.HeadText,
        Zone.Recipients => DocxStyles.Recipients,
        Zone.Signature => DocxStyles.SignText,
        Zone.Grid => context.HeaderCell ? DocxStyles.TableHeading : DocxStyles.TableText,
        Zone.Flow when context.InBody && node.Name == "p" => DocxStyles.BodyText,
        _ => null,
    };

    private static Align? ExplicitAlign(HtmlNode node)
    {
        if (node.Style is { } style && InlineStyle(style, "text-align") is { } align)
        {
            return align.ToLowerInvariant() switch
            {
                "center" => Align.Center,
                "right" or "end" => Align.Right,
                "justify" => Align.Both,
                "left" or "start" => Align.Left,
                _ => null,
            };
        }
        foreach (var name in node.Classes)
        {
            switch (name)
            {
                case "center" or "text-center": return Align.Center;
                case "right" or "text-right": return Align.Right;
                case "justify" or "text-justify": return Align.Both;
                case "text-left": return Align.Left;
            }
        }
        return null;
    }

    private static RunFormat FormatOf(HtmlNode node, RunFormat format)
    {
        format = node.Name switch
        {
            "b" or "strong" => format with { Bold = true },
            "i" or "em" or "cite" or "var" or "dfn" => format with { Italic = true },
            "u" or "ins" => format with { Underline = true },
            _ => format,
        };
        if (node.Style is not { } style)
        {
            return format;
        }
        if (InlineStyle(style, "font-weight") is { } weight)
        {
            format = format with
            {
                Bold = weight.ToLowerInvariant() switch
                {
                    "bold" or "bolder" or "600" or "700" or "800" or "900" => true,
                    "normal" or "lighter" or "100" or "200" or "300" or "400" or "500" => false,
                    _ => format.Bold,
                },
            };
        }
        if (InlineStyle(style, "font-style") is { } fontStyle)
        {
            format = format with
            {
                Italic = fontStyle.ToLowerInvariant() switch { "italic" or "oblique" => true, "normal" => false, _ => format.Italic },
            };
        }
        if (InlineStyle(style, "text-decoration") is { } decoration && decoration.Contains("underline", StringComparison.OrdinalIgnoreCase))
        {
            format = format with { Underline = true };
        }
        if (InlineStyle(style, "font-size") is { } size && PageSetup.Length(size) is { } twips && twips is >= 80 and <= 1440)
        {
            format = format with { HalfPoints = twips / 10 };
        }
        return format;
    }

    /// <summary>A CSS length in twips (<see cref="PageSetup.Length"/>), or null when absent or not a length.</summary>
    private static int? Length(string? css) => css is null ? null : PageSetup.Length(css);

    /// <summary>The value of one declaration of an inline <c>style</c> attribute.</summary>
    private static string? InlineStyle(string style, string property)
    {
        foreach (var declaration in style.Split(';'))
        {
            var colon = declaration.IndexOf(':');
            if (colon > 0 && declaration.AsSpan(0, colon).Trim().Equals(property, StringComparison.OrdinalIgnoreCase))
            {
                var value = declaration[(colon + 1)..].Trim();
                var important = value.IndexOf("!important", StringComparison.OrdinalIgnoreCase);
                return (important >= 0 ? value[..important] : value).Trim();
            }
        }
        return null;
    }

    // ---- Tables ---------------------------------------------------------------------------

    private sealed record RowInfo(HtmlNode? Row, List<HtmlNode> Cells, bool Header);

    private static void Table(HtmlNode table, DocxFlow flow, Context context)
    {
        flow.Flush();
        var rows = new List<RowInfo>();
        CollectRows(table, rows, flow, context, header: false);
        MarkLeadingHeaderRows(rows);
        var columns = 0;
        foreach (var row in rows)
        {
            var span = 0;
            foreach (var cell in row.Cells)
            {
                span += cell.ColSpan;
            }
            columns = Math.Max(columns, span);
        }
        columns = Math.Min(columns, HtmlTree.MaxColumns);
        if (columns == 0)
        {
            return;
        }
        var layout = table.HasClass("head") || table.HasClass("foot") || table.HasClass("layout");
        var widths = layout ? LayoutWidths(table, columns, context.Width) : GridWidths(rows, columns, context.Width);

        var w = flow.Writer;
        flow.StartTable();
        w.Start("tblPr");
        w.Empty("tblStyle", "val", layout ? DocxStyles.LayoutTable : DocxStyles.GridTable);
        w.Width("tblW", Sum(widths, 0, columns));
        w.Empty("tblLayout", "type", "fixed");
        // The cell margins are repeated on the table: LibreOffice does not always take them from the style.
        var vertical = layout ? 0 : DocxStyles.GridCellVertical;
        var horizontal = layout ? 0 : DocxStyles.GridCellHorizontal;
        w.Start("tblCellMar");
        w.Width("top", vertical);
        w.Width("left", horizontal);
        w.Width("bottom", vertical);
        w.Width("right", horizontal);
        w.End();
        w.Start("tblLook");
        w.Attribute("val", "0000");
        w.Attribute("firstRow", "0");
        w.Attribute("lastRow", "0");
        w.Attribute("firstColumn", "0");
        w.Attribute("lastColumn", "0");
        w.Attribute("noHBand", "1");
        w.Attribute("noVBand", "1");
        w.End();
        w.End();
        w.Start("tblGrid");
        foreach (var width in widths)
        {
            w.Empty("gridCol", "w", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        w.End();

        var margins = 2 * horizontal;
        foreach (var row in rows)
        {
            w.Start("tr");
            if (row.Header || layout)
            {
                // A header row repeats on every page; no row of a layout table (header block,
                // signing block) is split across pages.
                w.Start("trPr");
                w.Empty("cantSplit");
                if (row.Header)
                {
                    w.Empty("tblHeader");
                }
                w.End();
            }
            var column = 0;
            foreach (var cell in row.Cells)
            {
                var span = Math.Min(cell.ColSpan, columns - column);
                if (span <= 0)
                {
                    break;
                }
                var width = Sum(widths, column, span);
                var cellContext = CellContext(table, row, cell, layout, context, Math.Max(width - margins, 200));
                Cell(w, cell, width, span, cellContext);
                column += span;
            }
            for (; column < columns; column++)
            {
                Cell(w, null, widths[column], 1, context);
            }
            w.End();
        }
        flow.EndTable();
        if (!layout)
        {
            flow.SpaceBeforeNext = 120; // the table's 6 pt margin
        }
    }

    private static Context CellContext(HtmlNode table, RowInfo row, HtmlNode cell, bool layout, Context outer, int width)
    {
        var zone = !layout ? Zone.Grid
            : table.HasClass("head") ? Zone.Head
            : cell.HasClass("recipients") ? Zone.Recipients
            : cell.HasClass("signature") ? Zone.Signature
            : Zone.Layout;
        var format = outer.Format;
        var indent = 0;
        if (row.Row is { } tr)
        {
            format = FormatOf(tr, format);
            if (tr.HasClass("group"))
            {
                format = format with { Bold = true };
            }
            if (tr.HasClass("child") && cell.HasClass("title"))
            {
                format = format with { Italic = true };
                indent = ChildIndent;
            }
        }
        return new Context(zone, outer.InBody, null, format, width, indent, cell.Name == "th" || (row.Header && !layout));
    }

    private static void Cell(WordWriter w, HtmlNode? cell, int width, int span, Context context)
    {
        w.Start("tc");
        w.Start("tcPr");
        w.Width("tcW", width);
        if (span > 1)
        {
            w.Start("gridSpan");
            w.Attribute("val", span);
            w.End();
        }
        w.End();
        var flow = new DocxFlow(w);
        if (cell is not null)
        {
            Block(cell, flow, context);
        }
        flow.Flush();
        if (flow.NeedsClosingParagraph)
        {
            // Word requires a cell to end with a paragraph.
            flow.EmptyParagraph(cell is null ? ParaSpec.Normal : SpecFor(cell, context));
        }
        w.End();
    }

    private static void CollectRows(HtmlNode node, List<RowInfo> rows, DocxFlow flow, Context context, bool header)
    {
        List<HtmlNode>? loose = null; // cells written without a <tr>
        foreach (var child in node.Children)
        {
            switch (child.Name)
            {
                case "tr":
                    FlushLoose();
                    var cells = child.Children.FindAll(c => c.Name is "td" or "th");
                    if (cells.Count > 0)
                    {
                        rows.Add(new RowInfo(child, cells, header));
                    }
                    break;
                case "thead":
                    FlushLoose();
                    CollectRows(child, rows, flow, context, header: true);
                    break;
                case "tbody" or "tfoot":
                    FlushLoose();
                    CollectRows(child, rows, flow, context, header: false);
                    break;
                case "td" or "th":
                    (loose ??= []).Add(child);
                    break;
                case "caption":
                    Block(child, flow, context with { Align = Align.Center });
                    break;
                case null when string.IsNullOrWhiteSpace(child.Text):
                    break;
                default:
                    // Content outside the cells goes before the table, as browsers show it.
                    Visit(child, flow, context);
                    flow.Flush();
                    break;
            }
        }
        FlushLoose();

        void FlushLoose()
        {
            if (loose is { Count: > 0 })
            {
                rows.Add(new RowInfo(null, loose, header));
                loose = null;
            }
        }
    }

    /// <summary>Only rows at the top of the table can repeat; without a <c>thead</c>, a first row of <c>th</c> cells is the header.</summary>
    private static void MarkLeadingHeaderRows(List<RowInfo> rows)
    {
        var leading = 0;
        while (leading < rows.Count && rows[leading].Header)
        {
            leading++;
        }
        for (var i = leading; i < rows.Count; i++)
        {
            if (rows[i].Header)
            {
                rows[i] = rows[i] with { Header = false };
            }
        }
        if (leading == 0 && rows.Count > 1 && rows[0].Cells.TrueForAll(c => c.Name == "th"))
        {
            rows[0] = rows[0] with { Header = true };
        }
    }

    /// <summary>The header block: the agency column 40 %, the quốc hiệu column 60 % (the templates' <c>td.left</c>); other layout tables: equal columns.</summary>
    private static int[] LayoutWidths(HtmlNode table, int columns, int available)
    {
        if (table.HasClass("head") && columns == 2)
        {
            var left = available * 40 / 100;
            return [left, available - left];
        }
        var widths = new int[columns];
        for (var i = 0; i < columns; i++)
        {
            widths[i] = available / columns;
        }
        widths[^1] += available - (available / columns * columns);
        return widths;
    }

    /// <summary>
    /// Column widths of a bordered table from its content, as a browser's automatic table layout
    /// does: each column needs at least its longest word and would like its longest cell; the space
    /// left over goes to the columns that want more, in proportion.
    /// </summary>
    private static int[] GridWidths(List<RowInfo> rows, int columns, int available)
    {
        const int size = 24; // the table text is 12 pt
        const int padding = 2 * DocxStyles.GridCellHorizontal + 120; // cell margins, and room for the estimate to be short
        var longestWordCap = available / 3;
        var minimum = new double[columns];
        var preferred = new double[columns];
        foreach (var row in rows)
        {
            var column = 0;
            foreach (var cell in row.Cells)
            {
                if (column >= columns)
                {
                    break;
                }
                if (cell.ColSpan == 1)
                {
                    var bold = row.Header || cell.Name == "th";
                    var measure = new TextMeasure(bold);
                    measure.Add(cell);
                    var whole = TextWidth.ToTwips(measure.Whole, size);
                    // A column heading is not broken if it can be helped.
                    var longestWord = row.Header ? whole : TextWidth.ToTwips(measure.LongestWord, size);
                    minimum[column] = Math.Max(minimum[column], Math.Min(longestWord, longestWordCap) + padding);
                    preferred[column] = Math.Max(preferred[column], whole + padding);
                }
                column += cell.ColSpan;
            }
        }
        for (var i = 0; i < columns; i++)
        {
            minimum[i] = Math.Max(minimum[i], padding + 200);
            preferred[i] = Math.Max(preferred[i], minimum[i]);
        }
        var minSum = minimum.Sum();
        var preferredSum = preferred.Sum();
        var widths = new double[columns];
        for (var i = 0; i < columns; i++)
        {
            widths[i] = preferredSum <= available ? preferred[i] * available / preferredSum
                : minSum >= available ? minimum[i] * available / minSum
                : minimum[i] + (available - minSum) * (preferred[i] - minimum[i]) / (preferredSum - minSum);
        }
        var result = new int[columns];
        var total = 0;
        for (var i = 0; i < columns; i++)
        {
            result[i] = (int)widths[i];
            total += result[i];
        }
        result[^1] += available - total;
        return result;
    }

    /// <summary>The width of a cell's text on one line, and of its longest word, white space collapsed (thousandths of an em).</summary>
    private struct TextMeasure(bool bold)
    {
        private long _word;
        private long _longest;
        private bool _space;
        private bool _started;

        public long Whole { get; private set; }

        public readonly long LongestWord => Math.Max(_longest, _word);

        public void Add(HtmlNode node)
        {
            if (node.IsText)
            {
                foreach (var ch in node.Text)
                {
                    if (ch is ' ' or '\t' or '\n' or '\r' or '\f')
                    {
                        _space = _started;
                        _longest = Math.Max(_longest, _word);
                        _word = 0;
                        continue;
                    }
                    if (_space)
                    {
                        Whole += TextWidth.Advance(' ', bold);
                        _space = false;
                    }
                    var advance = TextWidth.Advance(ch, bold);
                    Whole += advance;
                    _word += advance;
                    _started = true;
                }
                return;
            }
            foreach (var child in node.Children)
            {
                Add(child);
            }
        }
    }

    private static int Sum(int[] widths, int start, int count)
    {
        var sum = 0;
        for (var i = start; i < start + count && i < widths.Length; i++)
        {
            sum += widths[i];
        }
        return sum;
    }
}
