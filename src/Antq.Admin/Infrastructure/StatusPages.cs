using System.Net;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// A response that ends with an error status and no body (an unknown address, the job dashboard's
/// 401/403) is a page in Vietnamese for a browser — one whose <c>Accept</c> prefers text/html — and
/// problem JSON, as before, for everyone else (the API's clients, scripts).
/// </summary>
public static class StatusPages
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!PrefersHtml(http.Request) || http.Request.Path.StartsWithSegments("/api"))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http });
            return;
        }
        var (title, text) = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => ("Cần đăng nhập", "Trang này chỉ mở được sau khi đăng nhập."),
            StatusCodes.Status403Forbidden => ("Không có quyền truy cập", "Tài khoản của bạn không có quyền mở trang này. Nếu cần, hãy liên hệ quản trị viên."),
            StatusCodes.Status404NotFound => ("Không tìm thấy trang", "Địa chỉ này không có trong hệ thống, hoặc nội dung đã được chuyển đi."),
            StatusCodes.Status405MethodNotAllowed => ("Không thực hiện được", "Địa chỉ này không nhận thao tác vừa gửi."),
            _ => ("Có lỗi xảy ra", "Máy chủ không thực hiện được yêu cầu. Hãy thử lại sau ít phút."),
        };
        var returnUrl = WebUtility.UrlEncode(http.Request.Path + http.Request.QueryString);
        var login = http.Response.StatusCode == StatusCodes.Status401Unauthorized
            ? $"<p><a class=\"button\" href=\"/dang-nhap?ReturnUrl={returnUrl}\">Đăng nhập</a></p>"
            : "";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} — ANTQ</title>
            <style>body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:0;padding:2rem 1rem;color:#222;background:#f6f7f9}
            main{max-width:36rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem;box-shadow:0 1px 4px rgba(0,0,0,.1)}
            h1{font-size:1.4rem;margin-top:0}a{color:#1b5fa8}.button{display:inline-block;padding:.6rem 1.2rem;min-height:44px;box-sizing:border-box;background:#1b5fa8;color:#fff;border-radius:4px;text-decoration:none}</style>
            </head><body><main>
            <h1>{{title}}</h1>
            <p>{{text}}</p>
            {{login}}<p><a href="/">Về trang chính</a> · <a href="/huong-dan">Hướng dẫn sử dụng</a></p>
            <p style="color:#666;font-size:.85rem">Mã lỗi {{http.Response.StatusCode}}</p>
            </main></body></html>
            """;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, Encoding.UTF8);
    }

    /// <summary>True when the client asks for HTML ahead of JSON: what a browser sends when a person opens an address.</summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double html = -1, json = -1;
        foreach (var type in accepted)
        {
            var quality = type.Quality ?? 1;
            if (type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)) html = Math.Max(html, quality);
            else if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                     || type.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase)) json = Math.Max(json, quality);
        }
        return html > 0 && html >= json;
    }
}
