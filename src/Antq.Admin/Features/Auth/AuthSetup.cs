using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Auth;

public static class AuthSetup
{
    /// <summary>
    /// ASP.NET Core Identity on the EF store: a cookie for the UI and bearer tokens for the API
    /// (one policy scheme picks by the Authorization header). Data-protection keys live in the
    /// database, so tokens and cookies are valid on every instance.
    /// </summary>
    public static void AddAntqAuth(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Antq.Forms").PersistKeysToDbContext<AntqDbContext>();
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AntqDbContext>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/dang-nhap";
            o.AccessDeniedPath = "/khong-co-quyen";
            o.Cookie.Name = "antq.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // The API answers 401/403 instead of redirecting to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx.HttpContext, StatusCodes.Status401Unauthorized, () => ctx.Response.Redirect(ctx.RedirectUri));
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx.HttpContext, StatusCodes.Status403Forbidden, () => ctx.Response.Redirect(ctx.RedirectUri));
        });
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentAccount>();
    }

    private static Task ApiOr(HttpContext context, int status, Action redirect)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hangfire")) context.Response.StatusCode = status;
        else redirect();
        return Task.CompletedTask;
    }
}
