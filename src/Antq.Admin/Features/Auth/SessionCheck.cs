using System.Security.Claims;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Auth;

/// <summary>
/// After authentication: a cookie or bearer token whose account no longer grants access (disabled, no role, or a
/// security stamp renewed by a password reset, disable/enable, role or unit change) makes the request anonymous, so
/// every endpoint and page — not only those that ask <see cref="CurrentAccount"/> — treats the session as ended.
/// The account is loaded once per request (and cached a moment), as services would load it anyway.
/// </summary>
public static class SessionCheck
{
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && await context.RequestServices.GetRequiredService<CurrentAccount>().GetAsync(context.RequestAborted) is null)
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    });
}
