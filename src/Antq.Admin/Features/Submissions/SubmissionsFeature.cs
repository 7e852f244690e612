namespace Antq.Admin.Features.Submissions;

/// <summary>Registration and routes of submissions and review.</summary>
public static class SubmissionsFeature
{
    public static void AddSubmissionsFeature(this IServiceCollection services)
    {
        services.AddScoped<SubmissionStore>();
        services.AddScoped<SubmissionEvaluator>();
        services.AddScoped<SubmissionQueries>();
        services.AddScoped<SubmissionDrafts>();
        services.AddScoped<SubmissionMove>();
        services.AddScoped<SubmissionReview>();
        services.AddScoped<HierarchyFactsService>();
    }

    public static void MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        app.MapSubmissionRoutes();
        HierarchyFactsService.MapRoutes(app);
    }
}
