using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests;

public sealed class HealthAndAuthTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task Health_Anonymous_Ok()
    {
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_Document_Served()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/auth/login", out _));
    }

    [Fact]
    public async Task Login_WrongPassword_401ProblemDetails()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "nobody@test.vn", password = "sai-mat-khau" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Me_WithToken_ReturnsRoleAndScope()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("reviewer", me.GetProperty("role").GetString());
        Assert.Equal(world.DistrictA.Id, me.GetProperty("unitId").GetInt32());
    }

    [Fact]
    public async Task Me_Anonymous_401NotRedirect()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
