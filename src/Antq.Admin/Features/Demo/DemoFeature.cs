using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Demo;

/// <summary>Registration of the demo data (<c>ANTQ_SEED_DEMO</c>): a seeder run at start, after the units' and before the documents' seeders.</summary>
public static class DemoFeature
{
    public static IServiceCollection AddDemoFeature(this IServiceCollection services, AntqOptions options)
    {
        if (options.SeedDemo) services.AddScoped<IStartupSeeder, DemoSeeder>();
        return services;
    }
}
