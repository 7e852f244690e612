using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// Turns the HTML a document template produced into a Word document (WordprocessingML, through
/// DocumentFormat.OpenXml): one template source, two outputs. Real paragraphs, tables and named
/// styles, so the document edits cleanly in Word and LibreOffice.
/// <para>The HTML understood (anything else degrades to its text; nothing here throws on template output):</para>
/// <list type="bullet">
/// <item><b>Page</b>: A4 and the margins of <c>@page { margin: … }</c> in the template's <c>&lt;style&gt;</c>
/// (other CSS is not read); page numbers centred in the top margin from page 2; a footer line
/// with the verification code and the pack (<see cref="DocumentStamp"/>).</item>
/// <item><b>Blocks</b>: <c>p</c>, <c>div</c>, <c>h1</c>–<c>h6</c>, <c>ul</c>/<c>ol</c>/<c>li</c>,
/// <c>section</c> and the other HTML blocks; <c>br</c>; <c>hr</c> (a line).</item>
/// <item><b>Inline</b>: <c>b</c>/<c>strong</c>, <c>i</c>/<c>em</c>, <c>u</c>, <c>span</c>; inline
/// <c>style</c> with <c>text-align</c>, <c>font-weight</c>, <c>font-style</c>,
/// <c>text-decoration: underline</c>, <c>font-size</c>.</item>
/// <item><b>Pictures</b>: <c>img</c> whose <c>src</c> is a PNG data URI (the certificate's QR code), an inline
/// picture sized by the inline <c>style</c> <c>width</c>/<c>height</c> (else 96 dpi), never wider than its column
/// (<see cref="DocxPictures"/>); other images are left out.</item>
/// <item><b>Tables</b>: <c>table</c>, <c>thead</c> (rows repeated on every page), <c>tbody</c>,
/// <c>tr</c>, <c>td</c>/<c>th</c> with <c>colspan</c>. <c>table.head</c>, <c>table.foot</c> and
/// <c>table.layout</c> are borderless layout tables (header block 40/60 %, others equal columns);
/// any other table is bordered, with column widths from its content.</item>
/// <item><b>Classes</b> (Decree 30 elements, each a Word style): <c>parent</c> (cơ quan chủ quản),
/// <c>issuer</c> (cơ quan ban hành), <c>number</c> (số, ký hiệu), <c>nation</c> (quốc hiệu),
/// <c>motto</c> (tiêu ngữ, with a line as long as its <c>span</c>), <c>place-date</c>,
/// <c>kind</c> (tên loại), <c>summary</c> (trích yếu), <c>to</c> (kính gửi), <c>body</c> (its
/// <c>p</c> are justified body text with a first-line indent), <c>section</c> (đề mục),
/// <c>td.recipients</c> and <c>.label</c> (nơi nhận), <c>td.signature</c>, <c>sign-title</c>,
/// <c>sign-space</c> (25 mm), <c>signer-name</c>, <c>stamp</c>; <c>rule</c> (an empty element
/// drawn as a centred line: <c>short</c> 35 %, <c>summary-rule</c> 25 %, otherwise full width);
/// <c>center</c>, <c>right</c>, <c>justify</c> (alignment); <c>tr.group</c> (bold row),
/// <c>tr.child td.title</c> (italic, indented).</item>
/// </list>
/// </summary>
public static class HtmlToDocx
{
    public static byte[] Convert(string html, DocumentStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(stamp);
        var tree = HtmlTree.Parse(html);
        var page = PageSetup.FromStyleSheet(tree.StyleSheet);
        var title = tree.Title.Length > 0 ? tree.Title : stamp.Title;
        return DocxPackage.Write(tree.Root, page, stamp, title);
    }
}
