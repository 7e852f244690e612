namespace Antq.Admin.Features.Dashboard;

/// <summary>Registration and routes of the dashboard (the page is Pages/Dashboard.razor).</summary>
public static class DashboardFeature
{
    public static IServiceCollection AddDashboardFeature(this IServiceCollection services)
    {
        services.AddScoped<DashboardQueries>();
        services.AddScoped<DashboardPackBoards>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboardFeature(this IEndpointRouteBuilder app)
    {
        app.MapDashboardRoutes();
        return app;
    }
}
