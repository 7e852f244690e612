using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Units;

/// <summary>Reads of the hierarchy: each account sees its own unit's subtree and nothing else.</summary>
public sealed class UnitsReadTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    [Fact]
    public async Task List_Anonymous_401()
    {
        var response = await factory.CreateClient().GetAsync("/api/units");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task List_DistrictReviewer_OnlyItsSubtree()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var items = await client.ItemsAsync("/api/units?take=500");
        var ids = items.Select(u => u.Int("id")).ToList();
        Assert.Contains(world.DistrictA.Id, ids);
        Assert.Contains(world.CommuneA1.Id, ids);
        Assert.Contains(world.AgencyA.Id, ids);
        Assert.DoesNotContain(world.Province.Id, ids);
        Assert.DoesNotContain(world.CommuneB1.Id, ids);
        Assert.All(items, u => Assert.StartsWith(world.DistrictA.Path, u.Str("path")));
    }

    [Fact]
    public async Task List_CommuneAccount_OnlyItsOwnUnit()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/units");
        var only = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(world.CommuneA1.Id, only.Int("id"));
        Assert.Equal("25993", only.Str("code"));
        Assert.Equal("phuong", only.Str("kind"));
        Assert.Equal("commune", only.Str("level"));
        Assert.Equal(world.DistrictA.Id, only.Int("parentId"));
        Assert.Equal(world.CommuneA1.Path, only.Str("path"));
        Assert.Equal(2, only.Int("depth"));
        Assert.Equal(1, page.Int("total"));
    }

    [Fact]
    public async Task List_Filters_ParentKindLevelAndSearch()
    {
        var world = await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "tinh@test.vn");

        var wards = await client.ItemsAsync($"/api/units?parentId={world.DistrictA.Id}&kind=phuong");
        Assert.Equal([world.CommuneA1.Id, world.CommuneA2.Id], wards.Select(u => u.Int("id")).Order());

        var districts = await client.ItemsAsync("/api/units?level=district");
        Assert.Contains(districts, u => u.Int("id") == world.DistrictB.Id);
        Assert.All(districts, u => Assert.Equal("district", u.Str("level")));

        // Without diacritics and in another case: Vietnamese users type both ways.
        var found = await client.ItemsAsync("/api/units?q=tan%20PHONG");
        Assert.Equal(world.CommuneA1.Id, Assert.Single(found).Int("id"));
        var byDiacritics = await client.ItemsAsync("/api/units?q=H%E1%BB%91%20Nai");
        Assert.Contains(byDiacritics, u => u.Int("id") == world.CommuneB1.Id);
    }

    [Fact]
    public async Task List_Paging_TakeCappedAt500()
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/units?take=5000");
        Assert.Equal(500, page.Int("take"));
        var second = await client.GetFromJsonAsync<JsonElement>("/api/units?skip=1&take=1");
        var first = await client.GetFromJsonAsync<JsonElement>("/api/units?skip=0&take=2");
        Assert.Equal(first.GetProperty("items")[1].Int("id"), Assert.Single(second.GetProperty("items").EnumerateArray()).Int("id"));
        Assert.True(second.Int("total") >= 7);
    }

    [Fact]
    public async Task Get_InScope_AncestorsAndChildCounts()
    {
        var world = await factory.WorldAsync();
        var commune = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        var detail = await commune.GetFromJsonAsync<JsonElement>($"/api/units/{world.CommuneA1.Id}");
        Assert.Equal("Phường Tân Phong", detail.Str("name"));
        Assert.Equal([world.Province.Id, world.DistrictA.Id], detail.GetProperty("ancestors").EnumerateArray().Select(a => a.Int("id")));
        Assert.Equal(0, detail.Int("childCount"));

        var reviewer = await TestWorld.LoginAsync(factory, "huyen-a@test.vn");
        var district = await reviewer.GetFromJsonAsync<JsonElement>($"/api/units/{world.DistrictA.Id}");
        Assert.True(district.Int("childCount") >= 3);
        Assert.True(district.Int("descendantCount") >= 3);
        Assert.True(district.GetProperty("childrenByKind").GetProperty("phuong").GetInt32() >= 2);
    }

    [Theory]
    [InlineData("huyen-a@test.vn", "CommuneB1")]
    [InlineData("xa-a1@test.vn", "CommuneA2")]
    [InlineData("xa-a1@test.vn", "DistrictA")]
    [InlineData("truong-a@test.vn", "Province")]
    public async Task Get_OutsideScope_404ProblemDetails(string email, string unit)
    {
        var world = await factory.WorldAsync();
        var id = unit switch
        {
            "CommuneB1" => world.CommuneB1.Id,
            "CommuneA2" => world.CommuneA2.Id,
            "DistrictA" => world.DistrictA.Id,
            _ => world.Province.Id,
        };
        var client = await TestWorld.LoginAsync(factory, email);
        var response = await client.GetAsync($"/api/units/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Unknown ids answer the same way: no probing for what exists elsewhere.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/units/999999")).StatusCode);
    }

    [Fact]
    public async Task LevelsAndKinds_AnyAccount_ReferenceData()
    {
        await factory.WorldAsync();
        var client = await TestWorld.LoginAsync(factory, "xa-b1@test.vn");
        var levels = await client.GetFromJsonAsync<JsonElement>("/api/units/levels");
        var levelIds = levels.EnumerateArray().Select(l => l.Str("id")).ToList();
        Assert.Equal("province", levelIds[0]);
        Assert.Contains("commune", levelIds);
        var kinds = await client.GetFromJsonAsync<JsonElement>("/api/units/kinds");
        var kindIds = kinds.EnumerateArray().Select(k => k.Str("id")).ToList();
        foreach (var kind in new[] { "xa", "phuong", "thi-tran", "dac-khu", "khu-dan-cu", "co-quan", "doanh-nghiep", "co-so-giao-duc" })
            Assert.Contains(kind, kindIds);
    }
}
