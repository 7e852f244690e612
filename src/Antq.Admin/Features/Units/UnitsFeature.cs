using Antq.Admin.Features.Demo;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Units;

/// <summary>Registration and routes of units (the hierarchy, its levels and kinds, the import) and the demo data.</summary>
public static class UnitsFeature
{
    public static void AddUnitsFeature(this IServiceCollection services)
    {
        services.AddScoped<UnitDirectory>();
        services.AddScoped<UnitQueries>();
        services.AddScoped<UnitCommands>();
        services.AddScoped<UnitImporter>();
        services.AddScoped<AdminAudit>();
        // HostSetup registers the options instance before the features, so it can be read here.
        var options = services.Where(d => !d.IsKeyedService).Select(d => d.ImplementationInstance).OfType<AntqOptions>().LastOrDefault();
        if (options?.SeedDemo == true) services.AddScoped<IStartupSeeder, DemoSeeder>();
    }

    public static void MapUnitsApi(this IEndpointRouteBuilder app) => app.MapUnitRoutes();
}
