using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Auth;

/// <summary>
/// CSRF defence for the API and the jobs dashboard: a state-changing request (POST, PUT, PATCH, DELETE) without an
/// Authorization header — so one a browser could send with the UI cookie — must come from this server's own origin.
/// Browsers say where a request comes from (<c>Origin</c> on every cross-origin POST, <c>Sec-Fetch-Site</c>), and a page
/// cannot forge either; a page on another port of the same host is same-site (SameSite=Lax lets the cookie through)
/// but another origin, and is refused here with a 403. Bearer clients (Authorization header) and clients that send
/// neither header (no browser) are unaffected; the Blazor UI calls its services in process, not the API.
/// </summary>
public static class CrossOriginGuard
{
    public static IApplicationBuilder UseCrossOriginGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsForged(context.Request))
        {
            await Problems.Of(StatusCodes.Status403Forbidden, "Không được phép",
                    "Yêu cầu thay đổi dữ liệu đến từ một trang web khác nên bị từ chối. Hãy thao tác trực tiếp trên trang của hệ thống.")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    internal static bool IsForged(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        if (!request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hangfire")) return false;
        if (request.Headers.Authorization.Count > 0) return false;
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none")) return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
