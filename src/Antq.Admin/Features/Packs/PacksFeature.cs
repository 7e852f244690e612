using Antq.Admin.Features.Packs.Impact;
using Antq.Admin.Features.Reminders;

namespace Antq.Admin.Features.Packs;

/// <summary>Registration and routes of the pack registry.</summary>
public static class PacksFeature
{
    public static IServiceCollection AddPacksFeature(this IServiceCollection services)
    {
        services.AddSingleton<PackCatalog>();
        services.AddScoped<PackRegistry>();
        services.AddScoped<PackQueries>();
        services.AddScoped<PackEvaluation>();
        services.AddScoped<PackAdministration>();
        services.AddScoped<PackFourEyes>();
        services.AddScoped<PackImpact>();
        services.AddScoped<PackImpactScan>();
        services.AddScoped<ImpactRuns>();
        services.AddScoped<ImpactRunner>();
        services.AddSingleton(sp => ImpactSettings.From(sp.GetRequiredService<IConfiguration>()));
        // Background impact runs: Hangfire jobs where this instance processes jobs (ANTQ_JOBS), else tasks in this process.
        services.AddSingleton<InProcessImpactRunQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessImpactRunQueue>());
        services.AddSingleton<IImpactRunQueue>(sp => sp.GetRequiredService<ReminderSettings>().JobsEnabled
            ? ActivatorUtilities.CreateInstance<HangfireImpactRunQueue>(sp)
            : sp.GetRequiredService<InProcessImpactRunQueue>());
        services.AddScoped<PackComparison>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PackEvaluationJson.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapPacksFeature(this IEndpointRouteBuilder app)
    {
        PacksApi.Map(app);
        return app;
    }
}
