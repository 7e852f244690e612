using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Tests.Support;
using static Antq.Admin.Tests.Auth.AuthTestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Units;

/// <summary>Administrators change the hierarchy; paths follow; levels and kinds are data.</summary>
public sealed class UnitsWriteTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static async Task<JsonElement> CreateAsync(HttpClient client, string code, string name, string kind, string level, int parentId)
    {
        var response = await client.PostAsJsonAsync("/api/units", new { code, name, kind, level, parentId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [InlineData("tinh@test.vn")]
    [InlineData("huyen-a@test.vn")]
    [InlineData("xa-a1@test.vn")]
    public async Task Writes_NotAdmin_403(string email)
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, email);
        var target = email.StartsWith("xa", StringComparison.Ordinal) ? world.CommuneA1 : world.DistrictA;
        await ProblemAsync(await client.PostAsJsonAsync("/api/units", new { code = "W-" + email, name = "Xã Thử", kind = "xa", level = "commune", parentId = target.Id }), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.PutAsJsonAsync($"/api/units/{target.Id}", new { name = "Đổi tên" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.PostAsJsonAsync("/api/units/levels", new { id = "ap", name = "Ấp", rank = 4 }), HttpStatusCode.Forbidden);
        await ProblemAsync(await client.PostAsJsonAsync("/api/units/kinds", new { id = "ap", name = "Ấp" }), HttpStatusCode.Forbidden);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("code,name,kind,level,parentCode\n"u8.ToArray()), "file", "u.csv" } };
        await ProblemAsync(await client.PostAsync("/api/units/import", form), HttpStatusCode.Forbidden);
        var unchanged = await (await TestWorld.LoginAsync(factory, "admin@test.vn")).GetFromJsonAsync<JsonElement>($"/api/units/{target.Id}");
        Assert.Equal(target.Name, unchanged.Str("name"));
    }

    [Fact]
    public async Task Create_UnderDistrict_PathAndDepthComputed()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await CreateAsync(admin, "C-NEW-1", "Phường Tân Tiến", "phuong", "commune", world.DistrictA.Id);
        Assert.Equal($"{world.DistrictA.Path}{created.Int("id")}/", created.Str("path"));
        Assert.Equal(2, created.Int("depth"));
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/units/{created.Int("id")}")).StatusCode);
        var otherReviewer = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await otherReviewer.GetAsync($"/api/units/{created.Int("id")}")).StatusCode);
    }

    [Fact]
    public async Task Create_Invalid_422WithEveryFieldError()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var problem = await ProblemAsync(await admin.PostAsJsonAsync("/api/units",
            new { code = world.CommuneA1.Code, name = "", kind = "thon", level = "ap", parentId = 999999 }), HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "code", "name", "kind", "level", "parentId" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Contains("đã được dùng", errors.GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task Create_DistrictUnderCommune_422Rank()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var problem = await ProblemAsync(await admin.PostAsJsonAsync("/api/units",
            new { code = "C-RANK", name = "Huyện Sai", kind = "huyen", level = "district", parentId = world.CommuneB1.Id }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("level", out _));
    }

    [Fact]
    public async Task Create_CommuneDirectlyUnderProvince_TwoLevelStructureWorks()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var commune = await CreateAsync(admin, "C-2CAP", "Xã Phú Lý", "xa", "commune", world.Province.Id);
        Assert.Equal(1, commune.Int("depth"));
        Assert.Equal(world.Province.Id, commune.Int("parentId"));
        var school = await CreateAsync(admin, "C-2CAP-GD", "Trường THCS Phú Lý", "co-so-giao-duc", "unit", commune.Int("id"));
        Assert.Equal($"{world.Province.Path}{commune.Int("id")}/{school.Int("id")}/", school.Str("path"));
    }

    [Fact]
    public async Task CreateLevelAndKind_NewData_UsableWithoutCodeChange()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/units/levels", new { id = "to-dan-pho", name = "Tổ dân phố", rank = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/units/kinds", new { id = "to-dan-pho", name = "Tổ dân phố" })).StatusCode);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/units/kinds", new { id = "to-dan-pho", name = "Tổ dân phố" }), HttpStatusCode.Conflict);
        await ProblemAsync(await admin.PostAsJsonAsync("/api/units/levels", new { id = "Cấp Ấp", name = "", rank = -1 }), HttpStatusCode.UnprocessableEntity);

        var block = await CreateAsync(admin, "C-TDP-1", "Tổ dân phố 5", "to-dan-pho", "to-dan-pho", world.CommuneA2.Id);
        Assert.Equal(3, block.Int("depth"));
        var levels = await admin.GetFromJsonAsync<JsonElement>("/api/units/levels");
        Assert.Equal("to-dan-pho", levels.EnumerateArray().Last().Str("id"));
    }

    [Fact]
    public async Task Update_RenameAndKind_Changed()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var unit = await CreateAsync(admin, "C-REN", "Thị trấn Trảng Bom", "thi-tran", "commune", world.DistrictB.Id);
        var response = await admin.PutAsJsonAsync($"/api/units/{unit.Int("id")}", new { name = "Đặc khu Côn Đảo", kind = "dac-khu" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Đặc khu Côn Đảo", updated.Str("name"));
        Assert.Equal("dac-khu", updated.Str("kind"));
        Assert.Equal(unit.Str("path"), updated.Str("path"));
    }

    [Fact]
    public async Task Update_Move_RecomputesWholeSubtree()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var district = await CreateAsync(admin, "M-D1", "Huyện Cũ", "huyen", "district", world.Province.Id);
        var commune = await CreateAsync(admin, "M-X1", "Xã Mới", "xa", "commune", district.Int("id"));
        var hamlet = await CreateAsync(admin, "M-K1", "Khu dân cư số 1", "khu-dan-cu", "unit", commune.Int("id"));

        // Two-level reform: the commune moves up under the province, with what lies below it.
        var moved = await admin.PutAsJsonAsync($"/api/units/{commune.Int("id")}", new { parentId = world.Province.Id });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/units/{hamlet.Int("id")}");
        Assert.Equal($"{world.Province.Path}{commune.Int("id")}/{hamlet.Int("id")}/", after.Str("path"));
        Assert.Equal(2, after.Int("depth"));
        Assert.Equal([world.Province.Id, commune.Int("id")], after.GetProperty("ancestors").EnumerateArray().Select(a => a.Int("id")));

        // Back under another district: depth grows again.
        var back = await admin.PutAsJsonAsync($"/api/units/{commune.Int("id")}", new { parentId = world.DistrictB.Id });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var reviewer = await TestWorld.LoginAsync(factory, "huyen-b@test.vn");
        var seen = await reviewer.GetFromJsonAsync<JsonElement>($"/api/units/{hamlet.Int("id")}");
        Assert.Equal($"{world.DistrictB.Path}{commune.Int("id")}/{hamlet.Int("id")}/", seen.Str("path"));
        Assert.Equal(3, seen.Int("depth"));
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>($"/api/units/{district.Int("id")}")).Int("descendantCount"));
    }

    [Fact]
    public async Task Update_Move_AccountScopedThereFollowsAtOnce()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var commune = await CreateAsync(admin, "MS-X1", "Xã Dời", "xa", "commune", world.DistrictA.Id);
        var hamlet = await CreateAsync(admin, "MS-K1", "Khu dân cư Dời", "khu-dan-cu", "unit", commune.Int("id"));
        var account = await admin.PostAsJsonAsync("/api/accounts",
            new { email = "xa-doi@test.vn", displayName = "Công an xã Dời", role = "reviewer", unitId = commune.Int("id"), password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        var client = await TestWorld.LoginAsync(factory, "xa-doi@test.vn");
        // Seen once, so the account's scope (its unit's path) is now held by the server between requests.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/units/{hamlet.Int("id")}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/units/{commune.Int("id")}", new { parentId = world.DistrictB.Id })).StatusCode);

        // The next request judges with the new path: the own subtree is still visible, under its new parent.
        var seen = await client.GetFromJsonAsync<JsonElement>($"/api/units/{hamlet.Int("id")}");
        Assert.Equal($"{world.DistrictB.Path}{commune.Int("id")}/{hamlet.Int("id")}/", seen.Str("path"));
    }

    [Fact]
    public async Task Update_MoveUnderOwnDescendant_422AndNothingChanged()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var top = await CreateAsync(admin, "CY-1", "Huyện Vòng", "huyen", "district", world.Province.Id);
        var below = await CreateAsync(admin, "CY-2", "Xã Vòng", "xa", "commune", top.Int("id"));
        var problem = await ProblemAsync(await admin.PutAsJsonAsync($"/api/units/{top.Int("id")}", new { parentId = below.Int("id") }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("parentId", out _));
        await ProblemAsync(await admin.PutAsJsonAsync($"/api/units/{top.Int("id")}", new { parentId = top.Int("id") }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(top.Str("path"), (await admin.GetFromJsonAsync<JsonElement>($"/api/units/{top.Int("id")}")).Str("path"));
    }

    [Fact]
    public async Task Writes_DistrictAdmin_LimitedToItsSubtree()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var created = await admin.PostAsJsonAsync("/api/accounts",
            new { email = "qt-huyen-a@test.vn", displayName = "Quản trị huyện A", role = "admin", unitId = world.DistrictA.Id, password = TestWorld.Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var districtAdmin = await TestWorld.LoginAsync(factory, "qt-huyen-a@test.vn");

        var outside = await ProblemAsync(await districtAdmin.PostAsJsonAsync("/api/units",
            new { code = "DA-1", name = "Xã Ngoài", kind = "xa", level = "commune", parentId = world.DistrictB.Id }), HttpStatusCode.UnprocessableEntity);
        Assert.True(outside.GetProperty("errors").TryGetProperty("parentId", out _));
        await ProblemAsync(await districtAdmin.PutAsJsonAsync($"/api/units/{world.CommuneB1.Id}", new { name = "Đổi" }), HttpStatusCode.NotFound);
        var moveOut = await ProblemAsync(await districtAdmin.PutAsJsonAsync($"/api/units/{world.CommuneA2.Id}", new { parentId = world.DistrictB.Id }), HttpStatusCode.UnprocessableEntity);
        Assert.True(moveOut.GetProperty("errors").TryGetProperty("parentId", out _));
        Assert.Equal(HttpStatusCode.Created, (await districtAdmin.PostAsJsonAsync("/api/units",
            new { code = "DA-2", name = "Khu dân cư Trong", kind = "khu-dan-cu", level = "unit", parentId = world.CommuneA2.Id })).StatusCode);
    }

    [Fact]
    public async Task Writes_Audited_WithoutSubmission()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.AdminAsync(factory);
        var unit = await CreateAsync(admin, "AU-1", "Xã Kiểm Tra", "xa", "commune", world.DistrictB.Id);
        await admin.PutAsJsonAsync($"/api/units/{unit.Int("id")}", new { name = "Xã Kiểm Tra Mới" });
        var actions = await factory.WithServicesAsync(services => services.GetRequiredService<AntqDbContext>().AuditEntries
            .Where(a => a.SubmissionId == null && a.DetailsJson.Contains("AU-1")).Select(a => a.Action).ToListAsync());
        Assert.Contains("unit.created", actions);
        Assert.Contains("unit.updated", actions);
    }
}
