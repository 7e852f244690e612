namespace Antq.Admin.Features.Review;

/// <summary>Registration of the review queues and pages (the review actions themselves are SubmissionReview's).</summary>
public static class ReviewFeature
{
    public static IServiceCollection AddReviewFeature(this IServiceCollection services)
    {
        services.AddScoped<ReviewQueues>();
        return services;
    }
}
