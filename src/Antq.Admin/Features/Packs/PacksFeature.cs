using Antq.Admin.Features.Packs.Impact;
using Antq.Admin.Features.Packs.Moves;
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
        services.AddScoped<MoveRuns>();
        services.AddScoped<MoveRunner>();
        services.AddSingleton(sp => MoveSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<MoveRunSweeper>();
        // Background runs (impact previews, moves after an activation): Hangfire jobs where this instance processes jobs (ANTQ_JOBS), else tasks in this process.
        services.AddSingleton<InProcessPackRunQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<InProcessPackRunQueue>());
        services.AddSingleton<IPackRunQueue>(sp => sp.GetRequiredService<ReminderSettings>().JobsEnabled
            ? ActivatorUtilities.CreateInstance<HangfirePackRunQueue>(sp)
            : sp.GetRequiredService<InProcessPackRunQueue>());
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
