using System.Globalization;
using System.IO.Packaging;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// Writes the .docx package: the document, and parts that are the same for every document
/// (styles, settings, the page-number header) fed from bytes serialised once. No font table:
/// Word and LibreOffice build their own, and Times New Roman is named in the styles.
/// </summary>
internal static class DocxPackage
{
    private const string StylesId = "rIdStyles";
    private const string SettingsId = "rIdSettings";
    private const string FirstHeaderId = "rIdHeaderFirst";
    private const string HeaderId = "rIdHeader";
    private const string FirstFooterId = "rIdFooterFirst";
    private const string FooterId = "rIdFooter";

    private static readonly byte[] StylesXml = Serialise(DocxStyles.Build());
    private static readonly byte[] SettingsXml = Serialise(Settings());
    private static readonly byte[] FirstHeaderXml = Serialise(new Header(HeaderParagraph(pageNumber: false)));
    private static readonly byte[] HeaderXml = Serialise(new Header(HeaderParagraph(pageNumber: true)));

    private const string StampMarker = "ANTQ-STAMP-TEXT";

    /// <summary>The footer part around its text, serialised once; each document fills in its stamp line.</summary>
    private static readonly (byte[] Before, byte[] After) FooterXml = SplitAt(Serialise(StampFooter(StampMarker)), StampMarker);

    private static readonly XmlWriterSettings PartSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
        CheckCharacters = false, // every text is passed through DocxFlow's XML-safe filter first
    };

    public static byte[] Write(HtmlNode root, PageSetup page, DocumentStamp stamp, string title)
    {
        using var stream = new MemoryStream(32 * 1024); // a dossier document is 10–20 KB
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document, autoSave: true))
        {
            package.CompressionOption = CompressionOption.Fast;
            var main = package.AddMainDocumentPart();
            var pictures = WriteDocument(main, root, page);
            Feed(main.AddNewPart<StyleDefinitionsPart>(StylesId), StylesXml);
            // The other parts are a few hundred bytes: compressing them costs more than it saves.
            package.CompressionOption = CompressionOption.NotCompressed;
            foreach (var (id, png) in pictures.Parts)
            {
                Feed(main.AddImagePart(ImagePartType.Png, id), png); // a PNG is compressed already
            }
            Feed(main.AddNewPart<DocumentSettingsPart>(SettingsId), SettingsXml);
            Feed(main.AddNewPart<HeaderPart>(FirstHeaderId), FirstHeaderXml);
            Feed(main.AddNewPart<HeaderPart>(HeaderId), HeaderXml);
            var footer = Footer(stamp);
            Feed(main.AddNewPart<FooterPart>(FirstFooterId), footer);
            Feed(main.AddNewPart<FooterPart>(FooterId), footer);
            WriteCustomProperties(package.AddCustomFilePropertiesPart(), stamp);
            WriteCoreProperties(package.AddCoreFilePropertiesPart(), stamp, title);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// word/document.xml: the body from the HTML, then the section (page) properties. Written to a
    /// per-thread buffer first and fed to the part in one piece: the package keeps a new part in a
    /// memory stream that would otherwise grow by doubling, past the large-object heap threshold
    /// for an ordinary dossier, and each such allocation costs a full garbage collection later.
    /// </summary>
    private static DocxPictures WriteDocument(MainDocumentPart main, HtmlNode root, PageSetup page)
    {
        var buffer = t_documentBuffer ??= new MemoryStream(128 * 1024);
        buffer.SetLength(0);
        DocxPictures pictures;
        using (var xml = XmlWriter.Create(buffer, PartSettings))
        {
            var w = new WordWriter(xml);
            pictures = w.Pictures;
            xml.WriteStartDocument(standalone: true);
            w.Start("document");
            xml.WriteAttributeString("xmlns", "w", null, WordWriter.W);
            xml.WriteAttributeString("xmlns", "r", null, WordWriter.R);
            w.Start("body");
            DocxBody.Write(root, page.TextWidth, w);
            WriteSection(w, page);
            w.End();
            w.End();
        }
        buffer.Position = 0;
        main.FeedData(buffer);
        if (buffer.Capacity > MaxKeptBuffer)
        {
            t_documentBuffer = null; // an unusually large document: do not keep its buffer
        }
        return pictures;
    }

    private const int MaxKeptBuffer = 1024 * 1024;

    [ThreadStatic]
    private static MemoryStream? t_documentBuffer;

    /// <summary>A4 with the template's margins; header and footer 10 mm from the edge; no page number on page 1.</summary>
    private static void WriteSection(WordWriter w, PageSetup page)
    {
        w.Start("sectPr");
        foreach (var (element, type, id) in new[]
        {
            ("headerReference", "first", FirstHeaderId), ("headerReference", "default", HeaderId),
            ("footerReference", "first", FirstFooterId), ("footerReference", "default", FooterId),
        })
        {
            w.Start(element);
            w.Attribute("type", type);
            w.Xml.WriteAttributeString("r", "id", WordWriter.R, id);
            w.End();
        }
        w.Start("pgSz");
        w.Attribute("w", page.Width);
        w.Attribute("h", page.Height);
        if (page.Width > page.Height)
        {
            w.Attribute("orient", "landscape");
        }
        w.End();
        w.Start("pgMar");
        w.Attribute("top", page.Top);
        w.Attribute("right", page.Right);
        w.Attribute("bottom", page.Bottom);
        w.Attribute("left", page.Left);
        w.Attribute("header", PageSetup.HeaderDistance);
        w.Attribute("footer", PageSetup.HeaderDistance);
        w.Attribute("gutter", 0);
        w.End();
        w.Empty("cols", "space", "720");
        w.Empty("titlePg");
        w.End();
    }

    /// <summary>docProps/core.xml: title, the pack as category and version, the verification code as identifier.</summary>
    private static void WriteCoreProperties(CoreFilePropertiesPart part, DocumentStamp stamp, string title)
    {
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        const string dcterms = "http://purl.org/dc/terms/";
        const string xsi = "http://www.w3.org/2001/XMLSchema-instance";
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = XmlWriter.Create(stream, PartSettings);
        writer.WriteStartDocument(standalone: true);
        writer.WriteStartElement("cp", "coreProperties", cp);
        writer.WriteAttributeString("xmlns", "dc", null, dc);
        writer.WriteAttributeString("xmlns", "dcterms", null, dcterms);
        writer.WriteAttributeString("xmlns", "xsi", null, xsi);
        Element("dc", "title", dc, title);
        Element("dc", "subject", dc, stamp.DocumentId);
        Element("dc", "creator", dc, "Antq.Forms");
        Element("cp", "keywords", cp, $"{stamp.PackId} {stamp.PackVersion} {stamp.VerificationCode}".Trim());
        Element("dc", "description", dc, stamp.FooterText);
        Element("dc", "identifier", dc, stamp.VerificationCode);
        Element("dc", "language", dc, "vi-VN");
        Element("cp", "category", cp, stamp.PackId);
        Element("cp", "version", cp, stamp.PackVersion);
        var created = stamp.Created.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        foreach (var name in new[] { "created", "modified" })
        {
            writer.WriteStartElement("dcterms", name, dcterms);
            writer.WriteAttributeString("xsi", "type", xsi, "dcterms:W3CDTF");
            writer.WriteString(created);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();

        void Element(string prefix, string name, string ns, string value)
        {
            if (value.Length > 0)
            {
                writer.WriteElementString(prefix, name, ns, DocxFlow.XmlSafe(value));
            }
        }
    }

    private static void Feed(OpenXmlPart part, byte[] xml)
    {
        using var source = new MemoryStream(xml, writable: false);
        part.FeedData(source);
    }

    /// <summary>Page numbers centred in the top margin from page 2 (the first-page header is empty).</summary>
    private static Paragraph HeaderParagraph(bool pageNumber)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.Header }));
        if (pageNumber)
        {
            paragraph.Append(
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(new Text("2")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
        }
        return paragraph;
    }

    /// <summary>A small line at the foot of every page: the verification code and the pack.</summary>
    private static Footer StampFooter(string text) =>
        new(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.Footer }),
            new Run(new Text(text))));

    private static byte[] Footer(DocumentStamp stamp)
    {
        var text = Encoding.UTF8.GetBytes(HtmlText.Escape(DocxFlow.XmlSafe(stamp.FooterText)));
        return [.. FooterXml.Before, .. text, .. FooterXml.After];
    }

    private static (byte[], byte[]) SplitAt(byte[] xml, string marker)
    {
        var at = xml.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker));
        return (xml[..at], xml[(at + marker.Length)..]);
    }

    /// <summary>docProps/custom.xml: <c>AntqPackId</c>, <c>AntqPackVersion</c>, <c>AntqVerificationCode</c>, <c>AntqDocumentId</c>,
    /// and when known <c>AntqDocumentNumber</c> and <c>AntqVerifyUrl</c>.</summary>
    private static void WriteCustomProperties(CustomFilePropertiesPart part, DocumentStamp stamp)
    {
        const string ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
        const string vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = XmlWriter.Create(stream, PartSettings);
        writer.WriteStartDocument(standalone: true);
        writer.WriteStartElement("Properties", ns);
        writer.WriteAttributeString("xmlns", "vt", null, vt);
        var id = 2; // property ids start at 2
        foreach (var (name, value) in new[]
        {
            ("AntqPackId", stamp.PackId), ("AntqPackVersion", stamp.PackVersion),
            ("AntqVerificationCode", stamp.VerificationCode), ("AntqDocumentId", stamp.DocumentId),
            ("AntqDocumentNumber", stamp.Number), ("AntqVerifyUrl", stamp.VerifyUrl),
        }.Where(p => p.Item1 is not ("AntqDocumentNumber" or "AntqVerifyUrl") || p.Item2.Length > 0))
        {
            writer.WriteStartElement("property", ns);
            writer.WriteAttributeString("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
            writer.WriteAttributeString("pid", (id++).ToString(CultureInfo.InvariantCulture));
            writer.WriteAttributeString("name", name);
            writer.WriteElementString("vt", "lpwstr", vt, DocxFlow.XmlSafe(value));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static Settings Settings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 720 },
        new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "vi-VN" });

    /// <summary>Serialises a part's root element once, with the XML declaration.</summary>
    private static byte[] Serialise(OpenXmlPartRootElement root)
    {
        using var stream = new MemoryStream();
        root.Save(stream);
        return stream.ToArray();
    }
}
