using Antq.Admin.Infrastructure;
using Antq.Documents.Pdf;

namespace Antq.Admin.Features.Documents;

/// <summary>Registration and routes of issued documents, meetings, verification and template editing.</summary>
public static class DocumentsFeature
{
    public static IServiceCollection AddDocumentsFeature(this IServiceCollection services)
    {
        services.AddSingleton<TemplateCache>();
        // One warm, locked-down Chromium for every PDF (started on the first print, disposed with the host).
        services.AddSingleton(_ => new ChromiumPdf());
        services.AddSingleton<DocumentPreviews>();
        services.AddScoped<TemplateStore>();
        services.AddScoped<RegistryNumbers>();
        services.AddScoped<DocumentLinks>();
        services.AddScoped<DocumentIssuer>();
        services.AddScoped<DocumentHeads>();
        services.AddScoped<DocumentQueries>();
        services.AddScoped<DocumentCommands>();
        services.AddScoped<Meetings>();
        services.AddScoped<Appraisals>();
        services.AddScoped<OutcomeIssuer>();
        services.AddScoped<ClerkNumbers>();
        services.AddScoped<NumberingSettings>();
        services.AddScoped<OutgoingRegister>();
        services.AddScoped<TemplateEditing>();
        services.AddScoped<IStartupSeeder, TemplateSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapDocumentsFeature(this IEndpointRouteBuilder app)
    {
        app.MapDocumentRoutes();
        app.MapTemplateRoutes();
        app.MapVerifyRoutes();
        app.MapRegisterRoutes();
        DocumentPreviews.MapPreviewRoutes(app);
        return app;
    }
}

/// <summary>Seeds version 1 of the shared templates (the repository's <c>templates/</c>) at start.</summary>
public sealed class TemplateSeeder(TemplateStore store) : IStartupSeeder
{
    public Task SeedAsync(IServiceProvider services, AntqOptions options, ILogger logger) => store.SeedAllAsync([], CancellationToken.None);
}
