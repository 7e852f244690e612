using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Packs;
using Antq.Admin.Tests.Support;
using Antq.Admin.Tests.Units;

namespace Antq.Admin.Tests.Auth;

/// <summary>
/// Province-wide resources (packs, document templates, unit levels and kinds, the jobs dashboard) need an administrator
/// scoped to the root of the hierarchy; an administrator scoped to a district manages only its subtree's units and accounts.
/// </summary>
public sealed class ProvinceAdminTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private async Task<(TestWorld World, HttpClient Province, HttpClient District)> ArrangeAsync()
    {
        var world = await factory.WorldAsync();
        var province = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var email = "qt-huyen-a@test.vn";
        var existing = await province.ItemsAsync($"/api/accounts?q={email}");
        if (existing.Count == 0)
        {
            var created = await province.PostAsJsonAsync("/api/accounts",
                new { email, displayName = "Quản trị huyện A", role = "admin", unitId = world.DistrictA.Id, password = TestWorld.Password });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        return (world, province, await TestWorld.LoginAsync(factory, email));
    }

    private static async Task AssertProvinceOnlyAsync(HttpResponseMessage response)
    {
        var problem = await AuthTestKit.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("quản trị viên cấp tỉnh", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DistrictAdmin_ProvinceWideOperations_403()
    {
        var (_, province, district) = await ArrangeAsync();
        var pack = (await province.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().First(p => p.GetProperty("activeVersion").ValueKind == JsonValueKind.String);
        var (packId, version) = (pack.Str("id"), pack.Str("activeVersion"));

        await AssertProvinceOnlyAsync(await PackZips.UploadAsync(district, PackZips.Zip(PackZips.Tt124Revision("9.9.9", 1))));
        await AssertProvinceOnlyAsync(await district.PostAsync($"/api/packs/{packId}/versions/{version}/activate", null));
        await AssertProvinceOnlyAsync(await district.GetAsync($"/api/packs/{packId}/versions/{version}/impact"));

        var template = (await province.GetFromJsonAsync<JsonElement>("/api/templates")).EnumerateArray().First();
        var key = template.Str("key");
        var current = template.Int("currentVersion");
        await AssertProvinceOnlyAsync(await district.PutAsJsonAsync($"/api/templates/{key}", new { source = "Xin chào", baseVersion = current, note = "x" }));
        await AssertProvinceOnlyAsync(await district.PostAsJsonAsync($"/api/templates/{key}/revert", new { version = 1, baseVersion = current }));
        await AssertProvinceOnlyAsync(await district.GetAsync("/api/templates"));

        await AssertProvinceOnlyAsync(await district.PostAsJsonAsync("/api/units/levels", new { id = "cap-huyen-tu-tao", name = "Cấp mới", rank = 50 }));
        await AssertProvinceOnlyAsync(await district.PostAsJsonAsync("/api/units/kinds", new { id = "loai-huyen-tu-tao", name = "Loại mới" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await district.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await district.GetAsync("/hangfire/recurring")).StatusCode);

        // Nothing changed.
        var after = (await province.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().Single(p => p.Str("id") == packId);
        Assert.Equal(version, after.Str("activeVersion"));
        Assert.DoesNotContain((await province.GetFromJsonAsync<JsonElement>("/api/units/levels")).EnumerateArray(), l => l.Str("id") == "cap-huyen-tu-tao");
        Assert.DoesNotContain((await province.GetFromJsonAsync<JsonElement>("/api/units/kinds")).EnumerateArray(), k => k.Str("id") == "loai-huyen-tu-tao");
    }

    [Fact]
    public async Task DistrictAdmin_AccountsOutsideSubtree_Refused()
    {
        var (world, _, district) = await ArrangeAsync();
        var outside = await district.PostAsJsonAsync("/api/accounts",
            new { email = "ngoai-huyen@test.vn", displayName = "Ngoài", role = "admin", unitId = world.Province.Id, password = TestWorld.Password });
        Assert.True(outside.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound, outside.StatusCode.ToString());
        var other = await district.PostAsJsonAsync("/api/accounts",
            new { email = "ngoai-huyen-b@test.vn", displayName = "Ngoài", role = "unit", unitId = world.CommuneB1.Id, password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.DoesNotContain(await district.ItemsAsync("/api/accounts?take=500"), a => a.Str("email").StartsWith("ngoai-huyen", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DistrictAdmin_StillManagesItsSubtree()
    {
        var (world, _, district) = await ArrangeAsync();
        var unit = await district.PostAsJsonAsync("/api/units", new { code = "QT-A-01", name = "Tổ dân phố 1", kind = "phuong", level = "unit", parentId = world.CommuneA1.Id });
        Assert.True(unit.StatusCode == HttpStatusCode.Created, await unit.Content.ReadAsStringAsync());
        var account = await district.PostAsJsonAsync("/api/accounts",
            new { email = "trong-huyen-a@test.vn", displayName = "Trong huyện", role = "unit", unitId = world.CommuneA2.Id, password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/packs")).StatusCode);
    }

    [Fact]
    public async Task ProvinceAdmin_ManagesProvinceWideResources()
    {
        var (_, province, _) = await ArrangeAsync();
        Assert.Equal(HttpStatusCode.Created, (await province.PostAsJsonAsync("/api/units/levels", new { id = "cap-tinh-tao", name = "Cấp mới", rank = 60 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await province.PostAsJsonAsync("/api/units/kinds", new { id = "loai-tinh-tao", name = "Loại mới" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync("/api/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.GetAsync("/hangfire")).StatusCode);
        var pack = (await province.GetFromJsonAsync<JsonElement>("/api/packs")).EnumerateArray().First(p => p.GetProperty("activeVersion").ValueKind == JsonValueKind.String);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsync($"/api/packs/{pack.Str("id")}/versions/{pack.Str("activeVersion")}/activate", null)).StatusCode);
    }
}
