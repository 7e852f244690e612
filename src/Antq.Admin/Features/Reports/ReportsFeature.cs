namespace Antq.Admin.Features.Reports;

/// <summary>Registration and routes of the statutory yearly reports issued as official documents.</summary>
public static class ReportsFeature
{
    public static IServiceCollection AddReportsFeature(this IServiceCollection services) => services.AddScoped<YearlyReportDocuments>();

    public static IEndpointRouteBuilder MapReportsFeature(this IEndpointRouteBuilder app)
    {
        app.MapReportRoutes();
        return app;
    }
}
