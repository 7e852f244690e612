using System.Globalization;
using Antq.Admin.Components;
using Antq.Admin.Features.Auth;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Accounts;
using Antq.Admin.Features.Dashboard;
using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Forms;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Microsoft.AspNetCore.Localization;
using Radzen;

namespace Antq.Admin.Infrastructure;

public static class HostSetup
{
    /// <summary>Everything the server registers, in one place so Program.cs reads like a table of contents.</summary>
    public static AntqOptions AddAntqServer(this WebApplicationBuilder builder)
    {
        var options = AntqOptions.From(builder.Configuration, builder.Environment);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:5080");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAntqData(options);
        builder.Services.AddAntqAuth(builder.Configuration, builder.Environment);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTitles.Vietnamese);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddPacksFeature();
        builder.Services.AddUnitsFeature();
        builder.Services.AddSubmissionsFeature();
        builder.Services.AddDocumentsFeature();
        builder.Services.AddAccountsFeature();
        builder.Services.AddRemindersFeature(builder.Configuration, options);
        builder.Services.AddDashboardFeature();
        builder.Services.AddExportsFeature();
        builder.Services.AddAntqUi();
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

    /// <summary>The Blazor admin UI: interactive server components, Radzen, and the scope helpers UI operations run in.</summary>
    private static void AddAntqUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddRadzenComponents();
        services.AddScoped<PrincipalHolder>();
        services.AddScoped<UiOperations>();
        services.AddFormsFeature();
        services.AddReviewFeature();
    }
}
