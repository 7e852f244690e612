namespace Antq.Admin.Features.Review;

/// <summary>Registration and routes of review: the queues, the review pages and the reviewers' decisions.</summary>
public static class ReviewFeature
{
    public static IServiceCollection AddReviewFeature(this IServiceCollection services)
    {
        services.AddScoped<ReviewQueues>();
        services.AddScoped<ReviewDecisions>();
        services.AddScoped<RecognitionDecisions>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviewFeature(this IEndpointRouteBuilder app)
    {
        app.MapReviewRoutes();
        return app;
    }
}
