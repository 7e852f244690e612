using System.IO.Compression;
using System.Buffers.Binary;
using Antq.Documents.Docx;
using Antq.FormEngine.Documents;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Antq.Documents.Tests.Docx;

/// <summary>An <c>img</c> with a PNG data URI (the certificate's QR code) is an inline picture of the DOCX, its bytes an image part.</summary>
public sealed class DocxPictureTests
{
    private static readonly DocumentStamp Stamp = new("tt124.xa", "2.1.0", "ABC-123", "giay-cong-nhan", "Giấy công nhận");
    private const long EmuPerTwip = 635;

    [Fact]
    public void Png_data_uri_becomes_an_inline_picture_of_the_size_asked_for_with_its_bytes_in_an_image_part()
    {
        var png = Png(174, 174);
        var html = $"<p>Mã QR: <img src=\"{DataUri(png)}\" alt=\"Mã QR xác thực\" style=\"width: 28mm; height: 28mm\"> quét để kiểm tra</p>";

        using var document = Open(HtmlToDocx.Convert(html, Stamp), out var errors);

        Assert.Empty(errors);
        var main = document.MainDocumentPart!;
        var part = Assert.Single(main.ImageParts);
        Assert.Equal("image/png", part.ContentType);
        using (var stream = part.GetStream())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            Assert.Equal(png, copy.ToArray());
        }
        var inline = Assert.Single(main.Document.Descendants<Wp.Inline>());
        Assert.Equal(main.GetIdOfPart(part), inline.Descendants<A.Blip>().Single().Embed!.Value);
        Assert.Equal(PageSetup.Mm(28) * EmuPerTwip, inline.Extent!.Cx!.Value);
        Assert.Equal(PageSetup.Mm(28) * EmuPerTwip, inline.Extent.Cy!.Value);
        Assert.Equal("Mã QR xác thực", inline.DocProperties!.Description!.Value);
        Assert.Equal("Mã QR: quét để kiểm tra", main.Document.Body!.InnerText.Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_size_the_picture_is_96_dpi_and_never_wider_than_its_column()
    {
        var html = $"<img src=\"{DataUri(Png(40, 20))}\"><img src=\"{DataUri(Png(4000, 1000))}\" style=\"height: 10mm\">"
                   + $"<img src=\"{DataUri(Png(3000, 1500))}\">";

        using var document = Open(HtmlToDocx.Convert(html, Stamp), out var errors);

        Assert.Empty(errors);
        var extents = document.MainDocumentPart!.Document.Descendants<Wp.Inline>().Select(i => (i.Extent!.Cx!.Value, i.Extent.Cy!.Value)).ToList();
        var column = PageSetup.Decree30.TextWidth; // twips; the picture's height is rounded to whole twips
        Assert.Equal([(40 * 15 * EmuPerTwip, 20 * 15 * EmuPerTwip), (PageSetup.Mm(10) * 4 * EmuPerTwip, PageSetup.Mm(10) * EmuPerTwip),
            (column * EmuPerTwip, (long)Math.Round(column / 2.0) * EmuPerTwip)], extents);
    }

    [Fact]
    public void The_same_picture_twice_is_one_image_part_drawn_twice_with_distinct_ids()
    {
        var uri = DataUri(Png(10, 10));

        using var document = Open(HtmlToDocx.Convert($"<p><img src=\"{uri}\"></p><table><tr><td><img src=\"{uri}\"></td></tr></table>", Stamp), out var errors);

        Assert.Empty(errors);
        Assert.Single(document.MainDocumentPart!.ImageParts);
        var ids = document.MainDocumentPart.Document.Descendants<Wp.DocProperties>().Select(d => d.Id!.Value).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("https://example.org/qr.png")]
    [InlineData("data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==")]
    [InlineData("data:image/png;base64,không phải base64")]
    [InlineData("data:image/png;base64,SGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IGEgUE5HIGZpbGUu")]
    [InlineData("")]
    public void Anything_but_a_png_data_uri_is_left_out_and_the_document_stays_valid(string source)
    {
        using var document = Open(HtmlToDocx.Convert($"<p>trước <img src=\"{source}\" alt=\"ảnh\"> sau</p>", Stamp), out var errors);

        Assert.Empty(errors);
        Assert.Empty(document.MainDocumentPart!.ImageParts);
        Assert.Empty(document.MainDocumentPart.Document.Descendants<Wp.Inline>());
        Assert.Equal("trước sau", document.MainDocumentPart.Document.Body!.InnerText);
    }

    private static WordprocessingDocument Open(byte[] docx, out List<string> errors)
    {
        var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        return document;
    }

    private static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    /// <summary>A real PNG of the given size (grey, 8-bit greyscale): signature, IHDR, IDAT, IEND with their CRCs.</summary>
    internal static byte[] Png(int width, int height)
    {
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[width + 1];
            Array.Fill(row, (byte)0x80);
            row[0] = 0; // filter: none
            for (var y = 0; y < height; y++) z.Write(row);
        }
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (greyscale), compression, filter, interlace 0
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
