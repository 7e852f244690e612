namespace Antq.Admin.Features.Exports;

/// <summary>Registration and routes of list exports, the printable dossier and the statutory reports.</summary>
public static class ExportsFeature
{
    public static IServiceCollection AddExportsFeature(this IServiceCollection services) => services
        .AddScoped<DossierExport>()
        .AddScoped<ListExports>()
        .AddScoped<PrintableDossier>()
        .AddScoped<YearlyReport>();

    public static IEndpointRouteBuilder MapExportsFeature(this IEndpointRouteBuilder app)
    {
        app.MapExportRoutes();
        return app;
    }
}
