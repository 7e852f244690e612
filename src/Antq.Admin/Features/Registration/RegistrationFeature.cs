namespace Antq.Admin.Features.Registration;

/// <summary>The Quý I registration step (TT124 Điều 9 khoản 2 điểm a): services and routes.</summary>
public static class RegistrationFeature
{
    public static IServiceCollection AddRegistrationFeature(this IServiceCollection services) =>
        services.AddScoped<RegistrationEligibility>().AddScoped<RegistrationQueries>().AddScoped<RegistrationSteps>().AddScoped<RegistrationGate>()
            .AddScoped<RegistrationFiles>();

    public static IEndpointRouteBuilder MapRegistrationFeature(this IEndpointRouteBuilder app)
    {
        app.MapRegistrationRoutes();
        return app;
    }
}
