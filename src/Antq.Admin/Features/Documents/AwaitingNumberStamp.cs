using System.Text.RegularExpressions;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// The mark of a document whose number its organisation's clerk (văn thư) is still to enter (Decree 30 Điều 15:
/// a paper document is numbered after signature in the organisation's own register). Put by the issuer at the top
/// of the page of any template, so no edited or pack-shipped template can issue an unmarked unnumbered document;
/// the version made when the clerk enters the number is rendered again without it.
/// </summary>
public static partial class AwaitingNumberStamp
{
    public const string Text = "VĂN BẢN CHỜ CẤP SỐ — chưa có số, ngày ban hành; văn thư của cơ quan sẽ ghi số và ngày vào văn bản.";

    private const string Block =
        "<p data-awaiting-number=\"true\" style=\"border:2px solid #b00020;color:#b00020;font-weight:bold;text-align:center;padding:4pt;margin:0 0 8pt 0\">"
        + Text + "</p>";

    public static string Apply(string html)
    {
        var body = BodyTag().Match(html);
        return body.Success ? html.Insert(body.Index + body.Length, Block) : Block + html;
    }

    [GeneratedRegex("<body[^>]*>", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex BodyTag();
}
