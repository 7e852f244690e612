using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;

namespace Antq.Admin.Tests.Auth;

/// <summary>
/// A password reset, disabling, enabling, a role or scope change end every session of the account at once (bearer
/// token and UI cookie); a lockout after wrong passwords only blocks new sign-ins, and never ends a session.
/// </summary>
public sealed class SessionEndTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string NewPassword = "Khac@2026x";

    private async Task<(TestWorld World, HttpClient Admin, string Id, HttpClient Bearer, HttpClient Cookie)> ArrangeAsync(string email)
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var created = await admin.PostAsJsonAsync("/api/accounts", new { email, displayName = email, role = "unit", unitId = world.CommuneA1.Id, password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).Str("id");
        var bearer = await TestWorld.LoginAsync(factory, email);
        var cookie = await AuthTestKit.CookieLoginAsync(factory, email);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cookie.GetAsync($"/files/uploads/{Guid.NewGuid()}/a.pdf")).StatusCode);
        return (world, admin, id, bearer, cookie);
    }

    private static async Task AssertEndedAsync(HttpClient bearer, HttpClient cookie)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/auth/me")).StatusCode);
        // Not only what asks the account service: any endpoint that needs a signed-in user (here the evidence files,
        // 404 for a live session) treats the old cookie as no session at all.
        var file = await cookie.GetAsync($"/files/uploads/{Guid.NewGuid()}/a.pdf");
        Assert.True(file.StatusCode == HttpStatusCode.Unauthorized
            || file.StatusCode == HttpStatusCode.Redirect && file.Headers.Location!.OriginalString.Contains("/dang-nhap"), file.StatusCode.ToString());
    }

    [Fact]
    public async Task PasswordReset_EndsSessions()
    {
        var (_, admin, id, bearer, cookie) = await ArrangeAsync("phien-dat-lai@test.vn");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/accounts/{id}/reset-password", new { password = NewPassword })).StatusCode);
        await AssertEndedAsync(bearer, cookie);
        var fresh = await ApiLogin.AsAsync(factory, "phien-dat-lai@test.vn", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Disable_EndsSessions_AndEnableDoesNotRevive()
    {
        var (_, admin, id, bearer, cookie) = await ArrangeAsync("phien-khoa@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{id}", new { active = false })).StatusCode);
        await AssertEndedAsync(bearer, cookie);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{id}", new { active = true })).StatusCode);
        await AssertEndedAsync(bearer, cookie);
        var fresh = await TestWorld.LoginAsync(factory, "phien-khoa@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task EnableAfterDisable_EndsSessionsIssuedWhileDisabledToo()
    {
        // A token from before the disable must stay dead after the enable, even if the stamp were somehow kept.
        var (_, admin, id, bearer, cookie) = await ArrangeAsync("phien-mo-lai@test.vn");
        await admin.PutAsJsonAsync($"/api/accounts/{id}", new { active = false });
        await admin.PutAsJsonAsync($"/api/accounts/{id}", new { locked = false });
        await AssertEndedAsync(bearer, cookie);
    }

    [Fact]
    public async Task RoleChange_EndsSessions()
    {
        var (_, admin, id, bearer, cookie) = await ArrangeAsync("phien-vai-tro@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{id}", new { role = "reviewer" })).StatusCode);
        await AssertEndedAsync(bearer, cookie);
    }

    [Fact]
    public async Task ScopeChange_EndsSessions()
    {
        var (world, admin, id, bearer, cookie) = await ArrangeAsync("phien-don-vi@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/accounts/{id}", new { unitId = world.CommuneA2.Id })).StatusCode);
        await AssertEndedAsync(bearer, cookie);
    }

    [Fact]
    public async Task Lockout_BlocksSignIn_ButNotSessions()
    {
        var (_, admin, id, bearer, cookie) = await ArrangeAsync("phien-sai-mk@test.vn");
        for (var i = 0; i < 11; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLogin.TryAsync(factory, "phien-sai-mk@test.vn", "sai-mat-khau-" + i)).StatusCode);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}")).GetProperty("lockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLogin.TryAsync(factory, "phien-sai-mk@test.vn", TestWorld.Password)).StatusCode);
        // The victim keeps working.
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/auth/me")).StatusCode);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}")).GetProperty("active").GetBoolean());
    }
}
