using System.Globalization;
using Antq.Admin.Components;
using Antq.Admin.Features.Auth;
using Microsoft.AspNetCore.Localization;
using Radzen;

namespace Antq.Admin.Infrastructure;

public static class HostSetup
{
    /// <summary>
    /// The host's infrastructure: options, data, ProblemDetails, OpenAPI, localisation. The features
    /// register themselves in Program.cs, each through its own <c>AddXxxFeature</c>; then <see cref="AddAntqUi"/>.
    /// </summary>
    public static AntqOptions AddAntqServer(this WebApplicationBuilder builder)
    {
        var options = AntqOptions.From(builder.Configuration, builder.Environment);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:5080");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAntqData(options);
        ShutdownDrain.AddShutdownDrain(builder.Services, builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTitles.Vietnamese);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var vi = new CultureInfo("vi-VN");
            o.DefaultRequestCulture = new RequestCulture(vi);
            o.SupportedCultures = [vi];
            o.SupportedUICultures = [vi];
        });
        return options;
    }

    public static void UseAntqPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        // A bodiless error status: a Vietnamese page for a browser, problem JSON for API clients.
        app.UseStatusCodePages(StatusPages.WriteAsync);
        app.UseRequestLocalization();
        // Cookie-carried state changes on /api and /hangfire only from this server's own origin (CSRF).
        app.UseCrossOriginGuard();
        app.UseAuthentication();
        // A session whose account was disabled or whose security stamp changed is no session at all.
        app.UseSessionCheck();
        app.UseAuthorization();
        // The UI's static SSR forms (login, logout) carry antiforgery tokens; API uploads opt out.
        app.UseAntiforgery();
    }

    /// <summary>The Blazor admin UI shell: interactive server components, Radzen, and the scope helpers UI operations run in.</summary>
    public static IServiceCollection AddAntqUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddRadzenComponents();
        services.AddScoped<PrincipalHolder>();
        services.AddScoped<UiOperations>();
        return services;
    }
}
