using System.Text;

namespace Antq.Documents.Pdf;

/// <summary>
/// The one typeface of printed documents: Tinos (a Times New Roman–metric serif with every
/// Vietnamese letter, SIL OFL 1.1; see <c>Fonts/README.md</c>), embedded in this assembly and given
/// to Chromium as <c>@font-face</c> rules under the names the templates ask for ("Times New Roman",
/// "Times", "Tinos"), whose sources the printer's request interception answers from these bytes. Debian's own fonts lack the stacked-accent letters
/// (ế, ộ, ờ…), so without this the PDF mixed Liberation Serif with DejaVu Sans. This is our own
/// stylesheet, put before the document; isolation does not depend on it.
/// </summary>
public static class PdfFonts
{
    /// <summary>The family every alias resolves to in the PDF's font dictionary.</summary>
    public const string Family = "Tinos";

    private static readonly string[] Aliases = ["Times New Roman", "Times", "Tinos"];

    private static readonly (string Weight, string Style, string Suffix)[] Faces =
    [
        ("400", "normal", "400-normal"), ("400", "italic", "400-italic"), ("700", "normal", "700-normal"), ("700", "italic", "700-italic"),
    ];

    // Fontsource's subsets of Tinos: the Latin and Vietnamese ranges cover every letter and mark of
    // Vietnamese text (the shipped templates and packs use nothing outside them).
    private static readonly (string Subset, string Range)[] Subsets =
    [
        ("latin", "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"),
        ("vietnamese", "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"),
    ];

    /// <summary>
    /// Where the style says the faces are. The address is never fetched: the printer's request
    /// interception answers it from the embedded bytes (<see cref="TryGet"/>), and nothing in the
    /// browser can resolve a host name anyway. One short stylesheet per print instead of ~400 KB of
    /// <c>data:</c> URLs, and a face is only sent when the document uses it.
    /// </summary>
    public const string Origin = "https://phong-chu.antq.invalid/";

    private static readonly Lazy<string> Style = new(BuildStyle);

    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(() =>
        Faces.SelectMany(f => Subsets.Select(s => $"tinos-{s.Subset}-{f.Suffix}.woff2"))
            .ToDictionary(name => Origin + name, Resource, StringComparer.Ordinal));

    /// <summary>The bytes of an embedded face by its address in the style; false for any other URL.</summary>
    public static bool TryGet(string url, out byte[] font)
    {
        if (url.StartsWith(Origin, StringComparison.Ordinal) && Files.Value.TryGetValue(url, out var found))
        {
            font = found;
            return true;
        }
        font = [];
        return false;
    }

    /// <summary>The <c>&lt;style&gt;</c> element with the embedded faces.</summary>
    public static string StyleElement => Style.Value;

    /// <summary>
    /// The HTML with the font style first: after a leading <c>&lt;!DOCTYPE …&gt;</c> when there is one (so
    /// the document keeps its standards mode), else at the very start. The parser puts a style that
    /// comes before <c>&lt;html&gt;</c> into the head.
    /// </summary>
    public static string WithEmbeddedFonts(string html)
    {
        var start = 0;
        while (start < html.Length && (char.IsWhiteSpace(html[start]) || html[start] == '\uFEFF'))
        {
            start++;
        }
        if (string.Compare(html, start, "<!DOCTYPE", 0, 9, StringComparison.OrdinalIgnoreCase) == 0
            && html.IndexOf('>', start) is var end and > 0)
        {
            return string.Concat(html.AsSpan(0, end + 1), Style.Value, html.AsSpan(end + 1));
        }
        return Style.Value + html;
    }

    private static string BuildStyle()
    {
        var css = new StringBuilder("<style>");
        foreach (var (weight, style, suffix) in Faces)
        {
            foreach (var (subset, range) in Subsets)
            {
                var data = $"{Origin}tinos-{subset}-{suffix}.woff2";
                foreach (var alias in Aliases)
                {
                    css.Append("@font-face{font-family:\"").Append(alias).Append("\";font-style:").Append(style)
                        .Append(";font-weight:").Append(weight).Append(";font-display:block;src:url(").Append(data)
                        .Append(") format(\"woff2\");unicode-range:").Append(range).Append('}');
                }
            }
        }
        return css.Append("</style>").ToString();
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("Antq.Documents.Fonts." + name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing from Antq.Documents.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
