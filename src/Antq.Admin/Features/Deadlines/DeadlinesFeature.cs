namespace Antq.Admin.Features.Deadlines;

/// <summary>Registration and routes of the deadlines calendar (<c>/thoi-han</c>, <c>/api/deadlines</c>).</summary>
public static class DeadlinesFeature
{
    public static IServiceCollection AddDeadlinesFeature(this IServiceCollection services)
    {
        services.AddScoped<DeadlineBoard>().AddScoped<OverdueDossiers>();
        services.AddScoped<DeadlineQueries>();
        services.AddSingleton<DeadlineBoardCache>().AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, DeadlineBoardInvalidation>();
        return services;
    }

    public static IEndpointRouteBuilder MapDeadlinesFeature(this IEndpointRouteBuilder app)
    {
        app.MapDeadlineRoutes();
        return app;
    }
}
