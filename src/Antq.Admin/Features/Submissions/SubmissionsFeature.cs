namespace Antq.Admin.Features.Submissions;

/// <summary>Registration and routes of submissions and review (filled in by the submissions feature).</summary>
public static class SubmissionsFeature
{
    public static void AddSubmissionsFeature(this IServiceCollection services)
    {
    }

    public static void MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
    }
}
