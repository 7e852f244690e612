namespace Antq.Admin.Features.Units;

/// <summary>Registration and routes of units (the hierarchy, its levels and kinds, the import).</summary>
public static class UnitsFeature
{
    public static IServiceCollection AddUnitsFeature(this IServiceCollection services)
    {
        services.AddScoped<UnitDirectory>();
        services.AddScoped<UnitPeriods>();
        services.AddScoped<UnitHistoryCommands>();
        services.AddScoped<UnitQueries>();
        services.AddScoped<UnitCommands>();
        services.AddScoped<UnitImporter>();
        services.AddScoped<AdminAudit>();
        return services;
    }

    public static IEndpointRouteBuilder MapUnitsFeature(this IEndpointRouteBuilder app)
    {
        app.MapUnitRoutes();
        app.MapUnitHistoryRoutes();
        return app;
    }
}
