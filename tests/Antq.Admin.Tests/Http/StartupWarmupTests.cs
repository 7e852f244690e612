using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Http;

/// <summary>
/// The start-up warm-up (ANTQ_WARMUP): it runs the active packs' test cases after the start, /health says "warming"
/// (503, so a load balancer sends no traffic yet) until it is over, and it is off unless asked for in tests.
/// </summary>
public sealed class StartupWarmupTests
{
    [Fact]
    public async Task Warmup_On_EvaluatesEveryActivePackTestCaseAfterTheStart()
    {
        using var factory = new AntqApiFactory { Settings = { ["ANTQ_WARMUP"] = "true" } };
        using var client = factory.CreateClient();
        // The rounds go on until they have not got faster for StableFor (2 s), so the warm-up is normally still running
        // here; on a slow machine the first request can arrive after it, and then it must have ended well.
        var warmup = factory.Services.GetRequiredService<StartupWarmup>().Completion;
        var warming = await client.GetAsync("/health");
        if (warming.StatusCode == HttpStatusCode.OK)
            Assert.True(warmup.IsCompletedSuccessfully, $"/health said ok while the warm-up was {warmup.Status}: {warmup.Exception}");
        else
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, warming.StatusCode);
            Assert.Equal("warming", (await warming.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        // A guard against a hang only, not a timing.
        var evaluations = await warmup.WaitAsync(TimeSpan.FromMinutes(5));
        var ready = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

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
    public async Task Warmup_TestsByDefault_NotRegistered_HealthOkAtOnce()
    {
        using var factory = new AntqApiFactory();
        using var client = factory.CreateClient();

        Assert.Null(factory.Services.GetService<StartupWarmup>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
