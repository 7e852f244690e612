namespace Antq.Admin.Features.Studio;

/// <summary>Registration and routes of the pack studio (drafts, checks, publication).</summary>
public static class StudioFeature
{
    public static void AddStudioFeature(this IServiceCollection services)
    {
        services.AddScoped<StudioDrafts>();
        services.AddScoped<StudioExpressions>();
    }

    public static void MapStudioApi(this IEndpointRouteBuilder app) => StudioApi.Map(app);
}
