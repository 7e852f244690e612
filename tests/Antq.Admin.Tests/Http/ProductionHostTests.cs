using System.Net;
using Antq.Admin.Infrastructure;
using Antq.Admin.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Antq.Admin.Tests.Http;

/// <summary>The server as it runs in Production: a working UI script, admin-only API docs, security headers, HSTS.</summary>
public sealed class ProductionHostTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private WebApplicationFactory<Program> Production(params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production").UseSetting("ANTQ_PUBLIC_URL", "https://antq.example.vn");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    [Fact]
    public async Task BlazorScript_Production_Served()
    {
        using var production = Production();

        var response = await production.CreateClient().GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 10_000);
    }

    [Fact]
    public async Task ApiDocs_Production_AdministratorsOnly()
    {
        await factory.WorldAsync();
        using var production = Production();
        var anonymous = production.CreateClient(NoRedirects);
        var unit = production.CreateClient(NoRedirects);
        unit.DefaultRequestHeaders.Authorization = (await TestWorld.LoginAsync(factory, "xa-a1@test.vn")).DefaultRequestHeaders.Authorization;
        var admin = production.CreateClient(NoRedirects);
        admin.DefaultRequestHeaders.Authorization = (await TestWorld.LoginAsync(factory, "admin@test.vn")).DefaultRequestHeaders.Authorization;

        foreach (var path in new[] { "/openapi/v1.json", "/scalar/" })
        {
            var refused = await anonymous.GetAsync(path);
            Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{path}: {(int)refused.StatusCode}");
            Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task ApiDocs_TurnedOff_NotFound()
    {
        using var production = Production(("ANTQ_OPENAPI", "false"));
        var admin = production.CreateClient(NoRedirects);
        await factory.WorldAsync();
        admin.DefaultRequestHeaders.Authorization = (await TestWorld.LoginAsync(factory, "admin@test.vn")).DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task SecurityHeaders_OnEveryResponse_HstsOverHttpsInProduction()
    {
        using var production = Production();
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://antq.example.vn/"), AllowAutoRedirect = false });

        foreach (var path in new[] { "/health", "/dang-nhap", "/api/units", "/khong-co-trang-nay" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
        // Development and tests: no HSTS (a developer's localhost must not be pinned to HTTPS).
        var testing = await factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://antq.example.vn/") }).GetAsync("/health");
        Assert.False(testing.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("nosniff", testing.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public void TrustedProxies_ParsedOrRefusedClearly()
    {
        Assert.Null(SecurityHeaders.TrustedProxies(null));
        Assert.Null(SecurityHeaders.TrustedProxies(" "));
        var options = SecurityHeaders.TrustedProxies("10.0.0.5, 172.16.0.0/12")!;
        Assert.Equal([IPAddress.Parse("10.0.0.5")], options.KnownProxies);
        Assert.Single(options.KnownIPNetworks);
        Assert.Contains("ANTQ_TRUSTED_PROXIES", Assert.Throws<InvalidOperationException>(() => SecurityHeaders.TrustedProxies("proxy.local")).Message);
    }
}
