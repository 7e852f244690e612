using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// Writes WordprocessingML (<c>w:</c>) elements straight to a part's stream. The document body is
/// streamed rather than built as an SDK element tree: a 40-criterion dossier is a few thousand
/// elements, and the tree would cost more than everything else together. The output is checked
/// against the Open XML schema by the tests (<c>OpenXmlValidator</c>).
/// </summary>
internal sealed class WordWriter(XmlWriter xml)
{
    private readonly char[] _number = new char[16];

    public const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    public const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public XmlWriter Xml { get; } = xml;

    /// <summary>The document's pictures, written inline here and added to the package as image parts afterwards.</summary>
    public DocxPictures Pictures { get; } = new();

    public void Start(string name) => Xml.WriteStartElement("w", name, W);

    public void End() => Xml.WriteEndElement();

    public void Attribute(string name, string value) => Xml.WriteAttributeString("w", name, W, value);

    public void Attribute(string name, int value)
    {
        value.TryFormat(_number, out var length, provider: CultureInfo.InvariantCulture);
        Xml.WriteStartAttribute("w", name, W);
        Xml.WriteChars(_number, 0, length);
        Xml.WriteEndAttribute();
    }

    /// <summary><c>&lt;w:name/&gt;</c></summary>
    public void Empty(string name)
    {
        Start(name);
        End();
    }

    /// <summary><c>&lt;w:name w:attribute="value"/&gt;</c></summary>
    public void Empty(string name, string attribute, string value)
    {
        Start(name);
        Attribute(attribute, value);
        End();
    }

    /// <summary><c>&lt;w:name w:w="twips" w:type="dxa"/&gt;</c>: a width or a cell margin.</summary>
    public void Width(string name, int twips)
    {
        Start(name);
        Attribute("w", twips);
        Attribute("type", "dxa");
        End();
    }

    /// <summary><c>&lt;w:t&gt;</c>, keeping a leading or trailing space.</summary>
    public void Text(StringBuilder text)
    {
        Start("t");
        if (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '))
        {
            Xml.WriteAttributeString("xml", "space", null, "preserve");
        }
        foreach (var chunk in text.GetChunks())
        {
            if (MemoryMarshal.TryGetArray(chunk, out var segment))
            {
                Xml.WriteChars(segment.Array!, segment.Offset, segment.Count);
            }
            else
            {
                Xml.WriteString(chunk.ToString());
            }
        }
        End();
    }
}
