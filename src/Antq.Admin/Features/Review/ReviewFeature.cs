namespace Antq.Admin.Features.Review;

/// <summary>Registration of the review pages' services (the review actions themselves are SubmissionReview's).</summary>
public static class ReviewFeature
{
    public static void AddReviewFeature(this IServiceCollection services)
    {
        services.AddScoped<ReviewQueues>();
    }
}
