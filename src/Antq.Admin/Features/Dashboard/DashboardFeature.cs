namespace Antq.Admin.Features.Dashboard;

/// <summary>Registration of the dashboard's services (the page is Pages/Dashboard.razor, the API DashboardApi).</summary>
public static class DashboardFeature
{
    public static void AddDashboardFeature(this IServiceCollection services)
    {
        services.AddScoped<DashboardQueries>();
        services.AddSingleton<DashboardNextSteps>();
    }
}
