namespace Antq.Admin.Features.Units;

/// <summary>Registration and routes of units (filled in by the units feature).</summary>
public static class UnitsFeature
{
    public static void AddUnitsFeature(this IServiceCollection services)
    {
        services.AddScoped<UnitDirectory>();
    }

    public static void MapUnitsApi(this IEndpointRouteBuilder app)
    {
    }
}
