using System.Text;
using System.Xml;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>Paragraph alignment (<c>w:jc</c>).</summary>
internal enum Align
{
    Left,
    Center,
    Right,
    Both,
}

/// <summary>Character formatting on top of the paragraph style: null inherits the style.</summary>
internal readonly record struct RunFormat(bool? Bold, bool? Italic, bool Underline, int HalfPoints, string? Color)
{
    public static RunFormat Inherit => default;

    public bool IsPlain => Bold is null && Italic is null && !Underline && HalfPoints == 0 && Color is null;

    /// <summary><c>w:rPr</c> in schema order: b, i, color, sz, szCs, u.</summary>
    public void Write(WordWriter w)
    {
        if (IsPlain)
        {
            return;
        }
        w.Start("rPr");
        if (Bold is { } bold)
        {
            w.Start("b");
            if (!bold)
            {
                w.Attribute("val", "0");
            }
            w.End();
        }
        if (Italic is { } italic)
        {
            w.Start("i");
            if (!italic)
            {
                w.Attribute("val", "0");
            }
            w.End();
        }
        if (Color is { } color)
        {
            w.Empty("color", "val", color);
        }
        if (HalfPoints > 0)
        {
            w.Start("sz");
            w.Attribute("val", HalfPoints);
            w.End();
            w.Start("szCs");
            w.Attribute("val", HalfPoints);
            w.End();
        }
        if (Underline)
        {
            w.Empty("u", "val", "single");
        }
        w.End();
    }
}

/// <summary>Paragraph formatting: a style plus the direct formatting the HTML asked for.</summary>
internal sealed record ParaSpec
{
    public static ParaSpec Normal { get; } = new();

    public string? StyleId { get; init; }
    public Align? Align { get; init; }
    public int IndentLeft { get; init; }
    public int IndentRight { get; init; }
    public int? Before { get; init; }
    public int? After { get; init; }
    public int? ExactLine { get; init; }
    public bool BottomBorder { get; init; }

    /// <summary><c>w:pPr</c> in schema order: pStyle, pBdr, spacing, ind, jc.</summary>
    public void Write(WordWriter w)
    {
        if (StyleId is null && Align is null && IndentLeft == 0 && IndentRight == 0 && Before is null && After is null
            && ExactLine is null && !BottomBorder)
        {
            return;
        }
        w.Start("pPr");
        if (StyleId is not null)
        {
            w.Empty("pStyle", "val", StyleId);
        }
        if (BottomBorder)
        {
            w.Start("pBdr");
            w.Start("bottom");
            w.Attribute("val", "single");
            w.Attribute("sz", 6);
            w.Attribute("space", 0);
            w.Attribute("color", "000000");
            w.End();
            w.End();
        }
        if (Before is not null || After is not null || ExactLine is not null)
        {
            w.Start("spacing");
            if (Before is { } before)
            {
                w.Attribute("before", before);
            }
            if (After is { } after)
            {
                w.Attribute("after", after);
            }
            if (ExactLine is { } line)
            {
                w.Attribute("line", line);
                w.Attribute("lineRule", "exact");
            }
            w.End();
        }
        if (IndentLeft != 0 || IndentRight != 0)
        {
            w.Start("ind");
            if (IndentLeft != 0)
            {
                w.Attribute("left", IndentLeft);
            }
            if (IndentRight != 0)
            {
                w.Attribute("right", IndentRight);
            }
            w.End();
        }
        if (Align is { } align)
        {
            w.Empty("jc", "val", align switch
            {
                Docx.Align.Center => "center",
                Docx.Align.Right => "right",
                Docx.Align.Both => "both",
                _ => "left",
            });
        }
        w.End();
    }
}

/// <summary>
/// Where paragraphs go (the body, or one table cell) and the paragraph being filled, written as it
/// goes. Text is collapsed as HTML collapses it (runs of white space are one space, none at the
/// start or end of a line), and characters XML cannot carry are dropped.
/// </summary>
internal sealed class DocxFlow(WordWriter writer)
{
    private enum Block { None, Paragraph, Table }

    private readonly StringBuilder _text = new();
    private RunFormat _textFormat;
    private RunFormat _spaceFormat;
    private bool _paragraphOpen;
    private bool _pendingSpace;
    private bool _atLineStart = true;
    private Block _last;

    public WordWriter Writer { get; } = writer;

    /// <summary>The formatting of the next paragraph that gets content.</summary>
    public ParaSpec Spec { get; set; } = ParaSpec.Normal;

    /// <summary>Space above the next paragraph if its style has none of its own (after a table).</summary>
    public int? SpaceBeforeNext { get; set; }

    /// <summary>Nothing has been written here yet, or the last block was a table: a cell or the body needs a paragraph to end.</summary>
    public bool NeedsClosingParagraph => _last != Block.Paragraph;

    /// <summary><paramref name="text"/> without the characters XML cannot carry (control characters, broken surrogates).</summary>
    public static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (!XmlConvert.IsXmlChar(text[i]))
            {
                firstBad = i;
                break;
            }
        }
        if (firstBad < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }

    public void AppendText(string text, RunFormat format)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (!_pendingSpace && !_atLineStart)
                {
                    _pendingSpace = true; // collapsed: the first space of a run counts, in its own formatting
                    _spaceFormat = format;
                }
                continue;
            }
            if (char.IsHighSurrogate(ch))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    Append(ch, format);
                    _text.Append(text[++i]);
                }
                continue;
            }
            if (!XmlConvert.IsXmlChar(ch))
            {
                continue; // a control character from form data; XML cannot carry it
            }
            Append(ch, format);
        }
    }

    private void Append(char ch, RunFormat format)
    {
        if (_pendingSpace)
        {
            _pendingSpace = false;
            Put(' ', _spaceFormat);
        }
        Put(ch, format);
        _atLineStart = false;
    }

    private void Put(char ch, RunFormat format)
    {
        if (format != _textFormat && _text.Length > 0)
        {
            EmitRun();
        }
        _textFormat = format;
        _text.Append(ch);
    }

    public void AppendBreak(RunFormat format)
    {
        EmitRun();
        Open();
        Writer.Start("r");
        format.Write(Writer);
        Writer.Empty("br");
        Writer.End();
        _atLineStart = true;
        _pendingSpace = false;
    }

    /// <summary>An <c>img</c> in the paragraph being filled (see <see cref="DocxPictures"/>); nothing when it cannot be embedded.</summary>
    public void AppendPicture(string? source, string? description, int? width, int? height, int maxWidth)
    {
        if (Writer.Pictures.Add(source) is not { } picture)
        {
            return;
        }
        if (_pendingSpace)
        {
            _pendingSpace = false;
            Put(' ', _spaceFormat);
        }
        EmitRun();
        Open();
        Writer.Pictures.Write(Writer, picture, description, width, height, maxWidth);
        _atLineStart = false;
    }

    /// <summary>Ends the paragraph being filled, if it has content.</summary>
    public void Flush()
    {
        _pendingSpace = false;
        EmitRun();
        if (_paragraphOpen)
        {
            Writer.End();
            _paragraphOpen = false;
            _last = Block.Paragraph;
        }
        _atLineStart = true;
    }

    /// <summary>A complete paragraph without text (a rule, the signature space, the end of a cell).</summary>
    public void EmptyParagraph(ParaSpec spec)
    {
        Flush();
        SpaceBeforeNext = null;
        Writer.Start("p");
        spec.Write(Writer);
        Writer.End();
        _last = Block.Paragraph;
    }

    /// <summary>Starts a <c>w:tbl</c>. Two tables are kept apart by an empty paragraph, as Word would otherwise merge them.</summary>
    public void StartTable()
    {
        Flush();
        SpaceBeforeNext = null;
        if (_last == Block.Table)
        {
            EmptyParagraph(new ParaSpec { StyleId = DocxStyles.Rule });
        }
        Writer.Start("tbl");
    }

    public void EndTable()
    {
        Writer.End();
        _last = Block.Table;
    }

    private void Open()
    {
        if (_paragraphOpen)
        {
            return;
        }
        var spec = Spec;
        if (SpaceBeforeNext is { } space && spec.Before is null && spec.StyleId is null or DocxStyles.BodyText or DocxStyles.Normal)
        {
            spec = spec with { Before = space };
        }
        SpaceBeforeNext = null;
        Writer.Start("p");
        spec.Write(Writer);
        _paragraphOpen = true;
    }

    private void EmitRun()
    {
        if (_text.Length == 0)
        {
            return;
        }
        Open();
        Writer.Start("r");
        _textFormat.Write(Writer);
        Writer.Text(_text);
        Writer.End();
        _text.Clear();
    }
}
