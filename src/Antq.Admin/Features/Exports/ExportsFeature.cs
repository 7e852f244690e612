namespace Antq.Admin.Features.Exports;

/// <summary>Registration and routes of list exports, the printable dossier and the statutory reports.</summary>
public static class ExportsFeature
{
    public static void AddExportsFeature(this IServiceCollection services)
    {
        services.AddScoped<DossierExport>();
        services.AddScoped<ListExports>();
        services.AddScoped<PrintableDossier>();
        services.AddScoped<YearlyReport>();
    }

    public static void MapExportsApi(this IEndpointRouteBuilder app) => app.MapExportRoutes();
}
