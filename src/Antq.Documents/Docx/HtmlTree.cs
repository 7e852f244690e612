using System.Buffers;
using System.Globalization;
using System.Text;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// One node of the small HTML tree <see cref="HtmlTree"/> builds: an element (<see cref="Name"/>
/// set, lower case) or a text run (<see cref="Name"/> null, entities already decoded).
/// </summary>
internal sealed class HtmlNode
{
    private static readonly string[] NoClasses = [];
    private static readonly List<HtmlNode> NoChildren = [];

    private string _text;
    private StringBuilder? _appended;

    private HtmlNode(string? name, string text, HtmlNode? parent)
    {
        Name = name;
        _text = text;
        Parent = parent;
        Children = name is null ? NoChildren : [];
    }

    public string? Name { get; }

    public string Text
    {
        get
        {
            if (_appended is not null)
            {
                _text = _appended.ToString();
                _appended = null;
            }
            return _text;
        }
    }

    public HtmlNode? Parent { get; }

    public string[] Classes { get; private set; } = NoClasses;

    /// <summary>The inline <c>style</c> attribute, as written.</summary>
    public string? Style { get; private set; }

    public int ColSpan { get; private set; } = 1;

    /// <summary>An <c>img</c>'s <c>src</c> and <c>alt</c>, as written (a picture of the DOCX when <c>src</c> is a PNG data URI).</summary>
    public string? Source { get; private set; }

    public string? Alt { get; private set; }

    /// <summary>Empty for a text node (one shared list, never added to).</summary>
    public List<HtmlNode> Children { get; }

    public bool IsText => Name is null;

    public static HtmlNode Root() => new("#root", "", null);

    public HtmlNode AddElement(string name)
    {
        var child = new HtmlNode(name, "", this);
        Children.Add(child);
        return child;
    }

    public void AddText(string text)
    {
        // Adjacent text (around an element flattened below MaxDepth) stays one node, appended
        // in amortised constant time however many pieces it comes in.
        if (Children.Count > 0 && Children[^1] is { IsText: true } last)
        {
            (last._appended ??= new StringBuilder(last._text)).Append(text);
            return;
        }
        Children.Add(new HtmlNode(null, text, this));
    }

    public bool HasClass(string name)
    {
        foreach (var c in Classes)
        {
            if (string.Equals(c, name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>No text below this node but white space (stops at the first letter).</summary>
    public bool IsBlank()
    {
        if (IsText)
        {
            return string.IsNullOrWhiteSpace(Text);
        }
        foreach (var child in Children)
        {
            if (!child.IsBlank())
            {
                return false;
            }
        }
        return true;
    }

    internal void SetAttribute(string name, string value)
    {
        switch (name)
        {
            case "class":
                Classes = value.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries);
                break;
            case "style":
                Style = value;
                break;
            case "src":
                Source = value;
                break;
            case "alt":
                Alt = value;
                break;
            case "colspan":
                if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var span))
                {
                    ColSpan = Math.Clamp(span, 1, HtmlTree.MaxColumns);
                }
                break;
        }
    }

    /// <summary>All text below this node, whitespace as written.</summary>
    public string InnerText()
    {
        if (IsText)
        {
            return Text;
        }
        var builder = new StringBuilder();
        AppendText(this, builder);
        return builder.ToString();

        static void AppendText(HtmlNode node, StringBuilder builder)
        {
            foreach (var child in node.Children)
            {
                if (child.IsText)
                {
                    builder.Append(child.Text);
                }
                else
                {
                    AppendText(child, builder);
                }
            }
        }
    }
}

/// <summary>
/// A forgiving reader for the HTML our document templates produce (a template is author content, so
/// this never throws on what it reads). It keeps the element tree, <c>class</c>, <c>style</c> and
/// <c>colspan</c>; the text of <c>&lt;title&gt;</c> and <c>&lt;style&gt;</c>; decodes entities;
/// drops comments, doctype, <c>script</c>. End tags that match nothing open are ignored, and the
/// usual implied ends (a <c>p</c> ended by a block, a cell by the next cell, a row by the next row)
/// are applied.
/// </summary>
internal sealed class HtmlTree
{
    public const int MaxColumns = 63; // Word's own limit on table columns

    /// <summary>Deeper nesting is flattened into the element at this depth (never a stack overflow).</summary>
    public const int MaxDepth = 64;

    private static readonly HashSet<string> VoidElements = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    /// <summary>Elements whose start implicitly ends an open <c>p</c>.</summary>
    internal static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "table", "ul", "caption",
    };

    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(" \t\n\r\f");

    private HtmlTree(HtmlNode root, string title, string styleSheet)
    {
        Root = root;
        Title = title;
        StyleSheet = styleSheet;
    }

    public HtmlNode Root { get; }

    /// <summary>The text of <c>&lt;title&gt;</c>, whitespace collapsed.</summary>
    public string Title { get; }

    /// <summary>The contents of every <c>&lt;style&gt;</c> element, concatenated.</summary>
    public string StyleSheet { get; }

    public static HtmlTree Parse(string html)
    {
        var open = new List<HtmlNode> { HtmlNode.Root() };
        var title = "";
        var style = new StringBuilder();
        var text = new StringBuilder();
        var attributes = new List<(string Name, string Value)>();
        var i = 0;

        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }
            text.Append(html, i, lt - i);
            i = lt;
            var next = i + 1 < html.Length ? html[i + 1] : '\0';
            if (next is '!' or '?')
            {
                i = SkipMarkup(html, i);
                continue;
            }
            var isEnd = next == '/';
            var nameStart = isEnd ? i + 2 : i + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                text.Append('<'); // a stray "<" is text, as browsers read it
                i++;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }
            var name = ElementName(html.AsSpan(nameStart, nameEnd - nameStart));
            attributes.Clear();
            i = ReadAttributes(html, nameEnd, attributes, out var selfClosing);

            if (isEnd)
            {
                Close(open, name, text);
                continue;
            }
            if (name is "style" or "script" or "title" or "textarea" or "xmp")
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                var end = close < 0 ? html.Length : close;
                if (name == "style")
                {
                    style.Append(html, i, end - i).Append('\n');
                }
                else if (name == "title")
                {
                    title = CollapseSpaces(Entities.Decode(html[i..end]));
                }
                i = close < 0 ? html.Length : SkipPastGreaterThan(html, close);
                continue;
            }
            if (name is "head")
            {
                continue; // transparent: its title and style are read above, the rest is void
            }
            // Text goes into the tree only when the structure changes, so it is never appended to
            // piecemeal (stray end tags, comments and skipped elements leave it pending).
            FlushText(open[^1], text);
            ImpliedEnds(open, name);
            if (open.Count > MaxDepth)
            {
                continue; // too deep: keep the text, flatten the element
            }
            var element = open[^1].AddElement(name);
            foreach (var (attribute, value) in attributes)
            {
                element.SetAttribute(attribute, value);
            }
            if (!selfClosing && !VoidElements.Contains(name))
            {
                open.Add(element);
            }
        }
        FlushText(open[^1], text);
        return new HtmlTree(open[0], title, style.ToString());
    }

    // The names our templates use come back as the same string instances (no allocation).
    private static string ElementName(ReadOnlySpan<char> raw)
    {
        Span<char> lower = stackalloc char[Math.Min(raw.Length, 32)];
        if (raw.Length > 32)
        {
            return raw.ToString().ToLowerInvariant();
        }
        raw.ToLowerInvariant(lower);
        return lower switch
        {
            "p" => "p", "div" => "div", "span" => "span", "td" => "td", "th" => "th", "tr" => "tr",
            "table" => "table", "thead" => "thead", "tbody" => "tbody", "b" => "b", "br" => "br",
            "html" => "html", "body" => "body", "head" => "head", "meta" => "meta", "title" => "title",
            "style" => "style", "i" => "i", "em" => "em", "strong" => "strong", "u" => "u",
            _ => lower.ToString(),
        };
    }

    private static void FlushText(HtmlNode current, StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }
        // The indentation between tags is most of the text nodes: one shared space stands for it,
        // as white space collapses anyway.
        var blank = true;
        foreach (var chunk in text.GetChunks())
        {
            if (!chunk.Span.ContainsAnyExcept(WhiteSpace))
            {
                continue;
            }
            blank = false;
            break;
        }
        current.AddText(blank ? " " : Entities.Decode(text.ToString()));
        text.Clear();
    }

    private static void Close(List<HtmlNode> open, string name, StringBuilder text)
    {
        // Pop to the nearest open element of that name. A table boundary stops a cell or row end
        // from closing an outer table's cell. An end tag that matches nothing is ignored.
        var boundary = name is "td" or "th" or "tr" or "thead" or "tbody" or "tfoot";
        for (var index = open.Count - 1; index > 0; index--)
        {
            if (open[index].Name == name)
            {
                FlushText(open[^1], text);
                open.RemoveRange(index, open.Count - index);
                return;
            }
            if (boundary && open[index].Name == "table")
            {
                return;
            }
        }
    }

    private static void ImpliedEnds(List<HtmlNode> open, string name)
    {
        if (BlockElements.Contains(name))
        {
            CloseOpen(open, "p", "table", "td", "th", "li", "div");
        }
        switch (name)
        {
            case "td" or "th":
                CloseOpen(open, "td", "table", "tr");
                CloseOpen(open, "th", "table", "tr");
                break;
            case "tr":
                CloseOpen(open, "tr", "table");
                break;
            case "thead" or "tbody" or "tfoot":
                CloseOpen(open, "thead", "table");
                CloseOpen(open, "tbody", "table");
                CloseOpen(open, "tfoot", "table");
                break;
            case "li":
                CloseOpen(open, "li", "ul", "ol");
                break;
        }
    }

    private static void CloseOpen(List<HtmlNode> open, string name, params ReadOnlySpan<string> stopAt)
    {
        for (var index = open.Count - 1; index > 0; index--)
        {
            var node = open[index];
            if (node.Name == name)
            {
                open.RemoveRange(index, open.Count - index);
                return;
            }
            if (stopAt.Contains(node.Name!))
            {
                return;
            }
        }
    }

    private static int ReadAttributes(string html, int i, List<(string, string)> attributes, out bool selfClosing)
    {
        selfClosing = false;
        while (i < html.Length)
        {
            var ch = html[i];
            if (ch == '>')
            {
                return i + 1;
            }
            if (ch == '/' && i + 1 < html.Length && html[i + 1] == '>')
            {
                selfClosing = true;
                return i + 2;
            }
            if (char.IsWhiteSpace(ch) || ch == '/')
            {
                i++;
                continue;
            }
            var nameStart = i;
            while (i < html.Length && html[i] is not ('=' or '>' or '/') && !char.IsWhiteSpace(html[i]))
            {
                i++;
            }
            var name = AttributeName(html.AsSpan(nameStart, i - nameStart));
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }
            var value = "";
            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }
                int valueStart, valueEnd;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var close = html.IndexOf(html[i], i + 1);
                    valueStart = i + 1;
                    valueEnd = close < 0 ? html.Length : close;
                    i = close < 0 ? html.Length : close + 1;
                }
                else
                {
                    valueStart = i;
                    while (i < html.Length && html[i] != '>' && !char.IsWhiteSpace(html[i]))
                    {
                        i++;
                    }
                    valueEnd = i;
                }
                if (name is not null)
                {
                    value = html[valueStart..valueEnd];
                }
            }
            if (name is not null)
            {
                attributes.Add((name, Entities.Decode(value)));
            }
        }
        return i;
    }

    /// <summary>The attributes the converter reads (<c>class</c>, <c>style</c>, <c>colspan</c>); null for any other, which is skipped.</summary>
    private static string? AttributeName(ReadOnlySpan<char> name) =>
        name.Equals("class", StringComparison.OrdinalIgnoreCase) ? "class"
        : name.Equals("style", StringComparison.OrdinalIgnoreCase) ? "style"
        : name.Equals("colspan", StringComparison.OrdinalIgnoreCase) ? "colspan"
        : name.Equals("src", StringComparison.OrdinalIgnoreCase) ? "src"
        : name.Equals("alt", StringComparison.OrdinalIgnoreCase) ? "alt"
        : null;

    private static int SkipMarkup(string html, int i)
    {
        if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }
        return SkipPastGreaterThan(html, i);
    }

    private static int SkipPastGreaterThan(string html, int i)
    {
        var end = html.IndexOf('>', i);
        return end < 0 ? html.Length : end + 1;
    }

    internal static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (ch is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                space = builder.Length > 0;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(ch);
        }
        return builder.ToString();
    }
}

/// <summary>HTML character references: numeric ones, and the named ones a Vietnamese document uses.</summary>
internal static class Entities
{
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["nbsp"] = "\u00a0", ["amp"] = "&", ["lt"] = "<", ["gt"] = ">", ["quot"] = "\"", ["apos"] = "'",
        ["ndash"] = "\u2013", ["mdash"] = "\u2014", ["hellip"] = "\u2026", ["middot"] = "\u00b7",
        ["laquo"] = "\u00ab", ["raquo"] = "\u00bb", ["ldquo"] = "\u201c", ["rdquo"] = "\u201d",
        ["lsquo"] = "\u2018", ["rsquo"] = "\u2019", ["copy"] = "\u00a9", ["deg"] = "\u00b0",
        ["bull"] = "\u2022", ["times"] = "\u00d7", ["ensp"] = "\u2002", ["emsp"] = "\u2003", ["thinsp"] = "\u2009",
    };

    public static string Decode(string text)
    {
        var amp = text.IndexOf('&');
        if (amp < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, amp);
        var i = amp;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch != '&')
            {
                builder.Append(ch);
                i++;
                continue;
            }
            var semicolon = text.IndexOf(';', i + 1);
            if (semicolon > i + 1 && semicolon - i <= 12 && TryEntity(text.AsSpan(i + 1, semicolon - i - 1), out var decoded))
            {
                builder.Append(decoded);
                i = semicolon + 1;
                continue;
            }
            builder.Append('&');
            i++;
        }
        return builder.ToString();
    }

    private static bool TryEntity(ReadOnlySpan<char> name, out string decoded)
    {
        decoded = "";
        if (name[0] == '#')
        {
            var hex = name.Length > 1 && (name[1] == 'x' || name[1] == 'X');
            var digits = hex ? name[2..] : name[1..];
            if (!int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || code is <= 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            {
                return false;
            }
            decoded = char.ConvertFromUtf32(code);
            return true;
        }
        return Named.TryGetValue(name.ToString(), out decoded!);
    }
}
