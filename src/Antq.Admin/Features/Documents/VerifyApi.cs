using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Unicode;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// <c>GET /verify/{code}</c>, open to anyone holding the paper: what the document is, what it was
/// made from and whether it is still the issued version. A small Vietnamese page, or JSON with
/// <c>Accept: application/json</c>. An unknown code is a 404 that says nothing else.
/// </summary>
public static class VerifyApi
{
    public static void MapVerifyRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verify/{code}", async Task<Results<Ok<VerificationView>, ContentHttpResult, ProblemHttpResult>> (
                string code, DocumentQueries queries, HttpContext http, CancellationToken ct) =>
            {
                var view = await queries.VerifyAsync(code, ct);
                var json = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
                http.Response.Headers.CacheControl = "no-store";
                if (json)
                    return view is null ? Problems.NotFound("Không có văn bản nào mang mã xác thực này.") : TypedResults.Ok(view);
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
                return TypedResults.Content(Page(view), "text/html; charset=utf-8", Encoding.UTF8,
                    view is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
            })
            .AllowAnonymous()
            .WithTags("Documents").WithName("VerifyDocument")
            .WithSummary("Public check of an issued document by its verification code (HTML page, or JSON with Accept: application/json).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static readonly CultureInfo Vi = new("vi-VN");

    /// <summary>The HTML page (internal for the phone-layout browser test).</summary>
    internal static string Page(VerificationView? v)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Xác thực văn bản</title><style>
            body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:0;background:#f5f6f8;color:#1c1c1c}
            main{max-width:44rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
            h1{font-size:1.4rem;margin-top:0;overflow-wrap:break-word}dl{display:grid;grid-template-columns:minmax(0,14rem) minmax(0,1fr);gap:.4rem 1rem}dt{color:#555}dd{margin:0;overflow-wrap:break-word;min-width:0}
            .code{overflow-wrap:anywhere;font-family:ui-monospace,Consolas,monospace}
            @media (max-width:36rem){main{margin:0;padding:1rem;border-radius:0;box-shadow:none}dl{grid-template-columns:minmax(0,1fr);gap:.1rem}dt{margin-top:.6rem;font-weight:600}}
            .ok{background:#e6f4ea;color:#1e6b34;padding:.6rem 1rem;border-radius:6px}.old{background:#fff4e5;color:#8a4b00;padding:.6rem 1rem;border-radius:6px}
            .none{background:#fdecea;color:#8a1c13;padding:.6rem 1rem;border-radius:6px}</style></head><body><main>
            """);
        if (v is null)
        {
            html.Append("<h1>Xác thực văn bản</h1><p class=\"none\" data-status=\"unknown\">Không có văn bản nào mang mã xác thực này. "
                + "Hãy kiểm tra lại mã in ở chân văn bản (24 ký tự, chữ A–Z và số 2–7).</p>");
        }
        else
        {
            html.Append("<h1>").Append(E(v.Title)).Append(v.AwaitingNumber ? " (chờ cấp số)" : " số " + E(v.Number)).Append("</h1>");
            html.Append(v.Current
                ? "<p class=\"ok\" data-status=\"current\">Đây là bản đang có hiệu lực (phiên bản được ban hành hiện hành).</p>"
                : "<p class=\"old\" data-status=\"superseded\">Văn bản này đã được thay thế bởi một phiên bản ban hành sau; bản này không còn là bản hiện hành.</p>");
            html.Append("<dl>");
            Row(html, "Loại văn bản", $"{v.Title} ({v.Kind})");
            Row(html, "Số, ký hiệu", v.AwaitingNumber ? "Chờ cấp số (văn thư của cơ quan ban hành chưa ghi số)" : v.Number);
            Row(html, "Ngày ban hành", $"{v.Place}, ngày {v.IssueDate.ToString("dd/MM/yyyy", Vi)}");
            Row(html, "Đơn vị ban hành", v.IssuingUnit);
            Row(html, "Đơn vị được đánh giá", v.SubjectUnit);
            if (v.Year is { } year) Row(html, "Năm công nhận", year.ToString(Vi));
            if (v.DecisionNumber is { } decision)
                Row(html, "Quyết định công nhận", v.DecisionDate is { } date ? $"Số {decision} ngày {date.ToString("dd/MM/yyyy", Vi)}" : $"Số {decision}");
            Row(html, "Phiên bản văn bản", v.Version.ToString(Vi));
            Row(html, "Bộ tiêu chí", $"{v.PackId} phiên bản {v.PackVersion}");
            Row(html, "Mã băm bộ tiêu chí", v.PackHash, code: true);
            Row(html, "Mẫu văn bản", $"{v.TemplateKey} phiên bản {v.TemplateVersion}");
            Row(html, "Mã băm nội dung (SHA-256, HTML)", v.ContentHash, code: true);
            Row(html, "Mã băm tệp DOCX (SHA-256)", v.DocxHash, code: true);
            Row(html, "Người ban hành", v.IssuedBy);
            Row(html, "Thời điểm ban hành", FormEngine.Deadlines.VietnamTime.At(v.IssuedAt).ToString("HH:mm 'ngày' dd/MM/yyyy", Vi));
            Row(html, "Mã xác thực", v.VerificationCode, code: true);
            html.Append("</dl>");
        }
        html.Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>A label and its value; a <paramref name="code"/> (hash, verification code) may break anywhere, ordinary text only between words.</summary>
    private static void Row(StringBuilder html, string label, string value, bool code = false) =>
        html.Append("<dt>").Append(E(label)).Append(code ? "</dt><dd class=\"code\">" : "</dt><dd>").Append(E(value)).Append("</dd>");

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
