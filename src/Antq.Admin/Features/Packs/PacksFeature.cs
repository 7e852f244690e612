namespace Antq.Admin.Features.Packs;

/// <summary>Registration and routes of the pack registry (filled in by the packs feature).</summary>
public static class PacksFeature
{
    public static void AddPacksFeature(this IServiceCollection services)
    {
        services.AddSingleton<PackCatalog>();
        services.AddScoped<PackRegistry>();
    }

    public static void MapPacksApi(this IEndpointRouteBuilder app)
    {
    }
}
