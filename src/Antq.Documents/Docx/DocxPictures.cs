using System.Buffers.Binary;
using System.Globalization;

namespace Antq.Documents.Docx;

/// <summary>
/// The pictures of one document: each <c>img</c> whose <c>src</c> is a PNG data URI (the certificate's QR code — the only
/// kind of image the documents' content policy lets a page show) becomes an image part of the package and an inline
/// drawing in its paragraph. Anything else (a link to a file, another format, a broken or oversized URI) is left out, as
/// before: the converter never fetches anything and never throws on template output.
/// </summary>
internal sealed class DocxPictures
{
    /// <summary>An embedded picture: the relationship id of its image part and its size in pixels.</summary>
    public readonly record struct Picture(string Id, int PixelWidth, int PixelHeight);

    /// <summary>A template image larger than this is not embedded (a QR code is a few kilobytes).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private const string Prefix = "data:image/png;base64,";
    private const long EmuPerTwip = 635;

    private const string Wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    private const string A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private const string Pic = "http://schemas.openxmlformats.org/drawingml/2006/picture";

    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly List<(string Id, byte[] Png)> _parts = [];
    private int _drawings;

    /// <summary>The image parts to add to the main document part, under these relationship ids.</summary>
    public IReadOnlyList<(string Id, byte[] Png)> Parts => _parts;

    /// <summary>
    /// The picture of <paramref name="source"/>: its image part (added once however often the same URI appears) and its
    /// pixel size; null when it is not a PNG data URI this can embed.
    /// </summary>
    public Picture? Add(string? source)
    {
        if (source is null || !TryDecode(source, out var png, out var pixelWidth, out var pixelHeight))
        {
            return null;
        }
        if (!_ids.TryGetValue(source, out var id))
        {
            id = "rIdPicture" + (_parts.Count + 1).ToString(CultureInfo.InvariantCulture);
            _ids[source] = id;
            _parts.Add((id, png));
        }
        return new Picture(id, pixelWidth, pixelHeight);
    }

    /// <summary>
    /// Writes <paramref name="picture"/> as a drawing run (the paragraph must be open) at <paramref name="width"/> ×
    /// <paramref name="height"/> twips, or its own size at 96 dpi where they are null, never wider than <paramref name="maxWidth"/>.
    /// </summary>
    public void Write(WordWriter w, Picture picture, string? description, int? width, int? height, int maxWidth)
    {
        var (cx, cy) = Size(picture.PixelWidth, picture.PixelHeight, width, height, maxWidth);
        WriteDrawing(w, picture.Id, ++_drawings, cx * EmuPerTwip, cy * EmuPerTwip, description ?? "");
    }

    /// <summary>The PNG bytes of a <c>data:image/png;base64,</c> URI and the pixel size in its IHDR chunk.</summary>
    internal static bool TryDecode(string source, out byte[] png, out int width, out int height)
    {
        png = [];
        width = height = 0;
        var text = source.Trim();
        if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || text.Length - Prefix.Length > MaxBytes / 3 * 4 + 4)
        {
            return false;
        }
        var buffer = new byte[(text.Length - Prefix.Length) / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(text[Prefix.Length..], buffer, out var length) || length < 24)
        {
            return false;
        }
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        var bytes = buffer.AsSpan(0, length);
        if (!bytes[..8].SequenceEqual(signature) || !bytes[12..16].SequenceEqual("IHDR"u8))
        {
            return false;
        }
        width = BinaryPrimitives.ReadInt32BigEndian(bytes[16..20]);
        height = BinaryPrimitives.ReadInt32BigEndian(bytes[20..24]);
        if (width is <= 0 or > 20_000 || height is <= 0 or > 20_000)
        {
            return false;
        }
        png = bytes.ToArray();
        return true;
    }

    /// <summary>The size asked for (one side given keeps the picture's proportions), else 96 dpi; scaled down to fit the column.</summary>
    private static (long Width, long Height) Size(int pixelWidth, int pixelHeight, int? width, int? height, int maxWidth)
    {
        double cx, cy;
        if (width is { } w && height is { } h)
        {
            (cx, cy) = (w, h);
        }
        else if (width is { } onlyWidth)
        {
            (cx, cy) = (onlyWidth, (double)onlyWidth * pixelHeight / pixelWidth);
        }
        else if (height is { } onlyHeight)
        {
            (cx, cy) = ((double)onlyHeight * pixelWidth / pixelHeight, onlyHeight);
        }
        else
        {
            (cx, cy) = (pixelWidth * 15.0, pixelHeight * 15.0); // 1 CSS px = 15 twips
        }
        if (cx > maxWidth && maxWidth > 0)
        {
            (cx, cy) = (maxWidth, cy * maxWidth / cx);
        }
        return ((long)Math.Max(1, Math.Round(cx)), (long)Math.Max(1, Math.Round(cy)));
    }

    /// <summary><c>w:r/w:drawing/wp:inline</c> with the picture (DrawingML, in schema order).</summary>
    private static void WriteDrawing(WordWriter w, string id, int number, long cx, long cy, string description)
    {
        var xml = w.Xml;
        var name = "Hình " + number.ToString(CultureInfo.InvariantCulture);
        w.Start("r");
        w.Start("drawing");
        xml.WriteStartElement("wp", "inline", Wp);
        foreach (var side in new[] { "distT", "distB", "distL", "distR" })
        {
            xml.WriteAttributeString(side, "0");
        }
        Extent(xml, "wp", "extent", Wp, cx, cy);
        xml.WriteStartElement("wp", "docPr", Wp);
        xml.WriteAttributeString("id", number.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("name", name);
        if (description.Length > 0)
        {
            xml.WriteAttributeString("descr", DocxFlow.XmlSafe(description));
        }
        xml.WriteEndElement();
        xml.WriteStartElement("wp", "cNvGraphicFramePr", Wp);
        xml.WriteStartElement("a", "graphicFrameLocks", A);
        xml.WriteAttributeString("noChangeAspect", "1");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("a", "graphic", A);
        xml.WriteStartElement("a", "graphicData", A);
        xml.WriteAttributeString("uri", Pic);
        xml.WriteStartElement("pic", "pic", Pic);
        xml.WriteStartElement("pic", "nvPicPr", Pic);
        xml.WriteStartElement("pic", "cNvPr", Pic);
        xml.WriteAttributeString("id", "0");
        xml.WriteAttributeString("name", name);
        xml.WriteEndElement();
        xml.WriteStartElement("pic", "cNvPicPr", Pic);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("pic", "blipFill", Pic);
        xml.WriteStartElement("a", "blip", A);
        xml.WriteAttributeString("r", "embed", WordWriter.R, id);
        xml.WriteEndElement();
        xml.WriteStartElement("a", "stretch", A);
        xml.WriteStartElement("a", "fillRect", A);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("pic", "spPr", Pic);
        xml.WriteStartElement("a", "xfrm", A);
        xml.WriteStartElement("a", "off", A);
        xml.WriteAttributeString("x", "0");
        xml.WriteAttributeString("y", "0");
        xml.WriteEndElement();
        Extent(xml, "a", "ext", A, cx, cy);
        xml.WriteEndElement();
        xml.WriteStartElement("a", "prstGeom", A);
        xml.WriteAttributeString("prst", "rect");
        xml.WriteStartElement("a", "avLst", A);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement(); // pic:pic
        xml.WriteEndElement(); // a:graphicData
        xml.WriteEndElement(); // a:graphic
        xml.WriteEndElement(); // wp:inline
        w.End();
        w.End();
    }

    private static void Extent(System.Xml.XmlWriter xml, string prefix, string element, string ns, long cx, long cy)
    {
        xml.WriteStartElement(prefix, element, ns);
        xml.WriteAttributeString("cx", cx.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("cy", cy.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }
}
