using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Antq.Admin.Tests.Http;

/// <summary>
/// A rolling restart behind a load balancer (bench/two-instances.sh): once told to stop, an instance with
/// ANTQ_SHUTDOWN_DRAIN_SECONDS reports itself as draining on /health while it still answers the API, so the balancer
/// moves traffic away before Kestrel closes; the shutdown timeout leaves in-flight requests their time after the drain.
/// </summary>
public sealed class ShutdownDrainTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Stopping_WithDrain_HealthSaysDrainingWhileTheApiStillAnswers()
    {
        await factory.WorldAsync();
        var token = (await TestWorld.LoginAsync(factory, "xa-a1@test.vn")).DefaultRequestHeaders.Authorization;
        // A short drain: the factory's disposal stops this host and waits it out.
        using var instance = factory.WithWebHostBuilder(b => b.UseSetting("ANTQ_SHUTDOWN_DRAIN_SECONDS", "1"));
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = token;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // The stop signal (SIGTERM raises it in a real host, before Kestrel stops listening).
        instance.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("draining", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public void ShutdownTimeout_IsTheDrainPlusTimeForRequestsInFlight()
    {
        using var instance = factory.WithWebHostBuilder(b => b.UseSetting("ANTQ_SHUTDOWN_DRAIN_SECONDS", "8"));
        var timeout = instance.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        Assert.Equal(TimeSpan.FromSeconds(8) + ShutdownDrain.RequestsGrace, timeout);
    }
}
