namespace Antq.Admin.Features.Submissions;

/// <summary>Registration and routes of submissions (drafts, submitting, moving, hierarchy facts).</summary>
public static class SubmissionsFeature
{
    public static IServiceCollection AddSubmissionsFeature(this IServiceCollection services)
    {
        services.AddScoped<SubmissionStore>();
        services.AddScoped<SubmissionEvaluator>();
        services.AddScoped<SubmissionQueries>();
        services.AddScoped<SubmissionDrafts>();
        services.AddScoped<SubmissionMove>();
        services.AddScoped<SubmissionSteps>();
        services.AddScoped<SubmissionSubmit>();
        services.AddScoped<HierarchyFactsService>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SubmissionSaveJson.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapSubmissionsFeature(this IEndpointRouteBuilder app)
    {
        app.MapSubmissionRoutes();
        HierarchyFactsService.MapRoutes(app);
        return app;
    }
}
