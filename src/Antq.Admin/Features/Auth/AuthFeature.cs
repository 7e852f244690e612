using System.Security.Cryptography.X509Certificates;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Features.Auth;

/// <summary>Registration and routes of sign-in (Identity, cookie and bearer schemes, login throttling).</summary>
public static class AuthFeature
{
    /// <summary>
    /// ASP.NET Core Identity on the EF store: a cookie for the UI and bearer tokens for the API
    /// (one policy scheme picks by the Authorization header). Data-protection keys live in the
    /// database, so tokens and cookies are valid on every instance; with <c>ANTQ_DP_CERT_PATH</c>
    /// (a PKCS#12 file, password <c>ANTQ_DP_CERT_PASSWORD</c>) they are stored encrypted with that certificate.
    /// </summary>
    public static IServiceCollection AddAuthFeature(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Antq.Forms").PersistKeysToDbContext<AntqDbContext>();
        if (configuration["ANTQ_DP_CERT_PATH"] is { Length: > 0 } certificatePath)
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["ANTQ_DP_CERT_PASSWORD"], X509KeyStorageFlags.EphemeralKeySet));
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = true;
                // Checked through NotDisabledConfirmation: a disabled account cannot sign in.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AntqDbContext>()
            .AddUserConfirmation<NotDisabledConfirmation>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        // After Identity's own configuration has set the data-protection format: wrap it so a token is decrypted once.
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme)
            .PostConfigure<TimeProvider>((o, time) => o.BearerTokenProtector = new BearerTicketCache(o.BearerTokenProtector, time));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/dang-nhap";
            o.AccessDeniedPath = "/khong-co-quyen";
            o.Cookie.Name = "antq.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Production serves HTTPS (directly or behind a TLS proxy): the cookie never travels in clear.
            o.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // The API answers 401/403 instead of redirecting to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx.HttpContext, StatusCodes.Status401Unauthorized, () => ctx.Response.Redirect(ctx.RedirectUri));
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx.HttpContext, StatusCodes.Status403Forbidden, () => ctx.Response.Redirect(ctx.RedirectUri));
        });
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentAccount>();
        services.AddSingleton(LoginLimits.From(configuration));
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<Logins>();
        return services;
    }

    /// <summary><c>/api/auth</c>: sign-in, refresh, sign-out and the caller's account.</summary>
    public static IEndpointRouteBuilder MapAuthFeature(this IEndpointRouteBuilder app)
    {
        app.MapAuthRoutes();
        return app;
    }

    private static Task ApiOr(HttpContext context, int status, Action redirect)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hangfire")) context.Response.StatusCode = status;
        else redirect();
        return Task.CompletedTask;
    }
}
