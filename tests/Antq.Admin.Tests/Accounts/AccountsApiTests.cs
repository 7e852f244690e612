using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Tests.Support;
using static Antq.Admin.Tests.Auth.AuthTestKit;
using Antq.Admin.Tests.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Accounts;

/// <summary>Account management: administrators only, inside their scope; role and unit take effect at once.</summary>
public sealed class AccountsApiTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private const string NewPassword = "Khac@2026x";

    private static async Task<JsonElement> CreateAsync(HttpClient admin, string email, string role, int unitId, string? displayName = null)
    {
        var response = await admin.PostAsJsonAsync("/api/accounts", new { email, displayName = displayName ?? email, role, unitId, password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [InlineData("tinh@test.vn")]
    [InlineData("huyen-a@test.vn")]
    [InlineData("xa-a1@test.vn")]
    [InlineData("truong-a@test.vn")]
    public async Task AllRoutes_NotAdmin_403(string email)
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, email);
        var someone = (await (await TestWorld.AdminAsync(factory)).ItemsAsync("/api/accounts?q=xa-b1")).Single().Str("id");
        await ProblemAsync(await client.GetAsync("/api/accounts"), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.PostAsJsonAsync("/api/accounts",
            new { email = "x@test.vn", displayName = "X", role = "admin", unitId = world.CommuneA1.Id, password = TestWorld.Password }), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.PutAsJsonAsync($"/api/accounts/{someone}", new { role = "admin" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.PostAsJsonAsync($"/api/accounts/{someone}/reset-password", new { password = NewPassword }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_Admin_EmailNameRoleUnit()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var items = await admin.ItemsAsync("/api/accounts?take=500");
        var reviewer = items.Single(a => a.Str("email") == "huyen-a@test.vn");
        Assert.Equal("reviewer", reviewer.Str("role"));
        Assert.Equal(world.DistrictA.Id, reviewer.Int("unitId"));
        Assert.Equal(world.DistrictA.Name, reviewer.Str("unitName"));
        Assert.True(reviewer.GetProperty("active").GetBoolean());
        foreach (var (email, _, _) in world.Accounts()) Assert.Contains(items, a => a.Str("email") == email);

        var units = await admin.ItemsAsync($"/api/accounts?role=unit&unitId={world.CommuneA1.Id}");
        Assert.Equal("xa-a1@test.vn", Assert.Single(units).Str("email"));
    }

    [Fact]
    public async Task Create_Valid_LoginShowsRoleAndScope()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "ca-xa-a2@test.vn", "unit", world.CommuneA2.Id, "Công an phường Tân Biên");
        Assert.Equal("unit", created.Str("role"));
        Assert.Equal("Công an phường Tân Biên", created.Str("displayName"));

        var client = await TestWorld.LoginAsync(factory, "ca-xa-a2@test.vn");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("unit", me.Str("role"));
        Assert.Equal(world.CommuneA2.Id, me.Int("unitId"));
        Assert.Equal("Công an phường Tân Biên", me.Str("name"));
        var units = await client.ItemsAsync("/api/units");
        Assert.Equal(world.CommuneA2.Id, Assert.Single(units).Int("id"));
    }

    [Fact]
    public async Task Create_WeakPassword_422WithVietnameseRules()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var problem = await ProblemAsync(await admin.PostAsJsonAsync("/api/accounts",
            new { email = "yeu@test.vn", displayName = "Yếu", role = "unit", unitId = world.CommuneA1.Id, password = "abc" }), HttpStatusCode.UnprocessableEntity);
        var messages = problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("ít nhất 10 ký tự"));
        Assert.Contains(messages, m => m.Contains("chữ hoa"));
        Assert.Contains(messages, m => m.Contains("chữ số"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLogin.TryAsync(factory, "yeu@test.vn", "abc")).StatusCode);
    }

    [Fact]
    public async Task Create_BadRoleUnitEmail_422PerField()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var problem = await ProblemAsync(await admin.PostAsJsonAsync("/api/accounts",
            new { email = "khong-phai-email", displayName = "X", role = "superuser", unitId = 999999, password = TestWorld.Password }), HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "email", "role", "unitId" }) Assert.True(errors.TryGetProperty(field, out _), field);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/accounts",
            new { email = "xa-a1@test.vn", displayName = "Trùng", role = "unit", unitId = world.CommuneA1.Id, password = TestWorld.Password }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_RoleAndUnit_TakeEffectOnMeAndScope()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "doi-vai-tro@test.vn", "unit", world.CommuneA1.Id);
        var client = await TestWorld.LoginAsync(factory, "doi-vai-tro@test.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/units/{world.CommuneB1.Id}")).StatusCode);

        var response = await admin.PutAsJsonAsync($"/api/accounts/{created.Str("id")}", new { role = "reviewer", unitId = world.DistrictB.Id, displayName = "Ban Chỉ đạo huyện B" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reviewer", updated.Str("role"));
        Assert.Equal(world.DistrictB.Id, updated.Int("unitId"));

        // The token issued under the old role and unit ends at once; a new sign-in gets the new ones.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        client = await TestWorld.LoginAsync(factory, "doi-vai-tro@test.vn");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("reviewer", me.Str("role"));
        Assert.Equal(world.DistrictB.Id, me.Int("unitId"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/units/{world.CommuneB1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/units/{world.CommuneA1.Id}")).StatusCode);
    }

    [Fact]
    public async Task Update_Disable_LoginRefusedUntilEnabled()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "tam-khoa@test.vn", "unit", world.CommuneB1.Id);
        var disabled = await (await admin.PutAsJsonAsync($"/api/accounts/{created.Str("id")}", new { active = false })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(disabled.GetProperty("active").GetBoolean());
        Assert.True(disabled.GetProperty("lockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLogin.TryAsync(factory, "tam-khoa@test.vn", TestWorld.Password)).StatusCode);

        var enabled = await (await admin.PutAsJsonAsync($"/api/accounts/{created.Str("id")}", new { locked = false })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enabled.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await ApiLogin.TryAsync(factory, "tam-khoa@test.vn", TestWorld.Password)).StatusCode);
    }

    [Fact]
    public async Task Update_Disable_TokenIssuedBeforeStopsWorking()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "token-cu@test.vn", "unit", world.CommuneB1.Id);
        var client = await TestWorld.LoginAsync(factory, "token-cu@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        await admin.PutAsJsonAsync($"/api/accounts/{created.Str("id")}", new { active = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/units/{world.CommuneB1.Id}")).StatusCode);
    }

    [Fact]
    public async Task Update_OwnRoleOrLock_422()
    {
        await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var problem = await ProblemAsync(await admin.PutAsJsonAsync($"/api/accounts/{me.Str("id")}", new { role = "unit", active = false }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
        Assert.Equal("admin", (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).Str("role"));
    }

    [Fact]
    public async Task Update_UnknownOrOutsideScope_404()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        await ProblemAsync(await admin.PutAsJsonAsync("/api/accounts/khong-co", new { displayName = "X" }), HttpStatusCode.NotFound);

        await CreateAsync(admin, "qt-huyen-b@test.vn", "admin", world.DistrictB.Id);
        var districtAdmin = await TestWorld.LoginAsync(factory, "qt-huyen-b@test.vn");
        var visible = await districtAdmin.ItemsAsync("/api/accounts?take=500");
        Assert.Contains(visible, a => a.Str("email") == "xa-b1@test.vn");
        Assert.DoesNotContain(visible, a => a.Str("email") == "xa-a1@test.vn");
        var outside = (await admin.ItemsAsync("/api/accounts?q=xa-a1@")).Single().Str("id");
        await ProblemAsync(await districtAdmin.PutAsJsonAsync($"/api/accounts/{outside}", new { displayName = "X" }), HttpStatusCode.NotFound);
        await ProblemAsync(await districtAdmin.PostAsJsonAsync($"/api/accounts/{outside}/reset-password", new { password = NewPassword }), HttpStatusCode.NotFound);
        var intoOtherDistrict = await ProblemAsync(await districtAdmin.PostAsJsonAsync("/api/accounts",
            new { email = "ngoai@test.vn", displayName = "Ngoài", role = "unit", unitId = world.CommuneA1.Id, password = TestWorld.Password }), HttpStatusCode.UnprocessableEntity);
        Assert.True(intoOtherDistrict.GetProperty("errors").TryGetProperty("unitId", out _));
    }

    [Fact]
    public async Task ResetPassword_NewWorksOldFails()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "quen-mat-khau@test.vn", "unit", world.AgencyA.Id);
        var weak = await ProblemAsync(await admin.PostAsJsonAsync($"/api/accounts/{created.Str("id")}/reset-password", new { password = "ngan" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(weak.GetProperty("errors").TryGetProperty("password", out _));

        var response = await admin.PostAsJsonAsync($"/api/accounts/{created.Str("id")}/reset-password", new { password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLogin.TryAsync(factory, "quen-mat-khau@test.vn", TestWorld.Password)).StatusCode);
        var client = await ApiLogin.AsAsync(factory, "quen-mat-khau@test.vn", NewPassword);
        Assert.Equal(world.AgencyA.Id, (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).Int("unitId"));
    }

    [Fact]
    public async Task Changes_Audited_WithoutSubmission()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "kiem-toan@test.vn", "unit", world.CommuneA1.Id);
        await admin.PutAsJsonAsync($"/api/accounts/{created.Str("id")}", new { displayName = "Đã đổi" });
        await admin.PostAsJsonAsync($"/api/accounts/{created.Str("id")}/reset-password", new { password = NewPassword });
        var actions = await factory.WithServicesAsync(services => services.GetRequiredService<AntqDbContext>().AuditEntries
            .Where(a => a.SubmissionId == null && a.DetailsJson.Contains("kiem-toan@test.vn")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["account.created", "account.password-reset", "account.updated"], actions.Order());
    }
}
