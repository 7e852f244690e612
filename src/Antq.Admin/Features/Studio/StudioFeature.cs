using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Studio;

/// <summary>Registration and routes of the pack studio (drafts, checks, publication).</summary>
public static class StudioFeature
{
    public static IServiceCollection AddStudioFeature(this IServiceCollection services) => services
        // One cache for every draft: verifications after an edit reuse what the edit left unchanged (keyed by content).
        .AddSingleton<PackCheckCache>()
        .AddScoped<StudioDrafts>()
        .AddScoped<StudioExpressions>();

    public static IEndpointRouteBuilder MapStudioFeature(this IEndpointRouteBuilder app)
    {
        StudioApi.Map(app);
        return app;
    }
}
