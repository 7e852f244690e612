using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Http;

/// <summary>The start-up warm-up (ANTQ_WARMUP): it runs the active packs' test cases after the start, and is off unless asked for in tests.</summary>
public sealed class StartupWarmupTests
{
    [Fact]
    public async Task Warmup_On_EvaluatesEveryActivePackTestCaseAfterTheStart()
    {
        using var factory = new AntqApiFactory { Settings = { ["ANTQ_WARMUP"] = "true" } };
        using var client = factory.CreateClient();

        // A guard against a hang only, not a timing.
        var evaluations = await factory.Services.GetRequiredService<StartupWarmup>().Completion.WaitAsync(TimeSpan.FromMinutes(5));

        var testCases = await factory.WithServicesAsync(async s =>
        {
            var catalog = s.GetRequiredService<PackCatalog>();
            var total = 0;
            foreach (var packId in await s.GetRequiredService<Data.AntqDbContext>().ActivePacks.Select(a => a.PackId).ToListAsync())
                total += (await catalog.GetActiveAsync(packId))!.Tests.Count;
            return total;
        });
        Assert.True(testCases > 0);
        Assert.True(evaluations >= testCases * StartupWarmup.Rounds, $"{evaluations} evaluations for {testCases} test cases");
    }

    [Fact]
    public void Warmup_TestsByDefault_NotRegistered()
    {
        using var factory = new AntqApiFactory();
        using var client = factory.CreateClient();

        Assert.Null(factory.Services.GetService<StartupWarmup>());
    }
}
