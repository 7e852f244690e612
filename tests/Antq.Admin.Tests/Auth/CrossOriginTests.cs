using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;

namespace Antq.Admin.Tests.Auth;

/// <summary>
/// CSRF: a state-changing API request carried by the UI cookie is refused (403) when the browser says it comes from
/// another origin — another port of the same host included; the same request from the server's own origin, or with a
/// bearer token, goes through. (The real-browser attack is in the UI tests.)
/// </summary>
public sealed class CrossOriginTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static HttpRequestMessage Activate(string packId, string version, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/packs/{packId}/versions/{version}/activate");
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    [Theory]
    [InlineData("http://localhost:8081", null)]
    [InlineData("http://localhost:8081", "same-site")]
    [InlineData(null, "cross-site")]
    [InlineData("null", null)]
    public async Task CookieStateChange_FromOtherOrigin_403(string? origin, string? fetchSite)
    {
        await factory.WorldAsync();
        var bearer = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var pack = (await bearer.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().First(p => p.GetProperty("activeVersion").ValueKind == JsonValueKind.String);
        var cookie = await AuthTestKit.CookieLoginAsync(factory, "admin@test.vn");

        var problem = await AuthTestKit.ProblemAsync(await cookie.SendAsync(Activate(pack.Str("id"), pack.Str("activeVersion"), origin, fetchSite)), HttpStatusCode.Forbidden);
        Assert.Contains("trang web khác", problem.GetProperty("detail").GetString());
        var kind = new HttpRequestMessage(HttpMethod.Post, "/api/units/kinds") { Content = JsonContent.Create(new { id = "csrf-kind", name = "X" }) };
        if (origin is not null) kind.Headers.Add("Origin", origin);
        if (fetchSite is not null) kind.Headers.Add("Sec-Fetch-Site", fetchSite);
        await AuthTestKit.ProblemAsync(await cookie.SendAsync(kind), HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await bearer.GetFromJsonAsync<JsonElement>("/api/units/kinds")).EnumerateArray(), k => k.Str("id") == "csrf-kind");
    }

    [Fact]
    public async Task CookieStateChange_SameOrigin_Allowed()
    {
        await factory.WorldAsync();
        var bearer = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var pack = (await bearer.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().First(p => p.GetProperty("activeVersion").ValueKind == JsonValueKind.String);
        var cookie = await AuthTestKit.CookieLoginAsync(factory, "admin@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await cookie.SendAsync(Activate(pack.Str("id"), pack.Str("activeVersion"), "http://localhost", "same-origin"))).StatusCode);
        // A bearer client is not a browser form: no origin needed.
        var request = Activate(pack.Str("id"), pack.Str("activeVersion"), "http://localhost:8081", "cross-site");
        request.Headers.Authorization = bearer.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(request)).StatusCode);
    }
}
