namespace Antq.Admin.Features.Packs;

/// <summary>Registration and routes of the pack registry.</summary>
public static class PacksFeature
{
    public static IServiceCollection AddPacksFeature(this IServiceCollection services)
    {
        services.AddSingleton<PackCatalog>();
        services.AddScoped<PackRegistry>();
        services.AddScoped<PackQueries>();
        services.AddScoped<PackEvaluation>();
        services.AddScoped<PackAdministration>();
        services.AddScoped<PackFourEyes>();
        services.AddScoped<PackImpact>();
        services.AddScoped<PackComparison>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PackEvaluationJson.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapPacksFeature(this IEndpointRouteBuilder app)
    {
        PacksApi.Map(app);
        return app;
    }
}
