using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Tests.Support;

namespace Antq.Admin.Tests.Units;

/// <summary>
/// Units closed by the 2025 reform (every period ended before today) are not current children in the tree; the tree
/// lists them on request, marked with the day they ended; search and their own page still find them.
/// </summary>
public sealed class DissolvedUnitsTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static readonly DateOnly RecordedOn = new(2026, 12, 7);

    [Fact]
    public async Task Tree_HidesDistrictsClosedOn30June2025_ToggleAndSearchShowThemMarked()
    {
        var world = await TwoLevelHistory.ApplyAsync(factory, RecordedOn);
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");

        var current = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/units/{world.Province.Id}/children");
        var currentIds = current!.Select(n => n.GetProperty("unit").Int("id")).ToList();
        Assert.DoesNotContain(world.DistrictA.Id, currentIds);
        Assert.DoesNotContain(world.DistrictB.Id, currentIds);
        // The ward merged on 1/7/2025 now sits directly under the province.
        Assert.Contains(world.CommuneA1.Id, currentIds);
        Assert.All(current!, n => Assert.True(n.GetProperty("unit").GetProperty("current").GetBoolean()));

        var all = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/units/{world.Province.Id}/children?includeDissolved=true");
        var district = all!.Select(n => n.GetProperty("unit")).Single(u => u.Int("id") == world.DistrictA.Id);
        Assert.False(district.GetProperty("current").GetBoolean());
        Assert.Equal("2025-07-01", district.Str("dissolvedFrom"));
        Assert.Contains(all!, n => n.GetProperty("unit").Int("id") == world.CommuneA1.Id && n.GetProperty("unit").GetProperty("dissolvedFrom").ValueKind == JsonValueKind.Null);

        // The province's detail counts today's children only; the district's own page stays reachable, marked.
        var province = await admin.GetFromJsonAsync<JsonElement>($"/api/units/{world.Province.Id}");
        Assert.False(province.GetProperty("childrenByKind").TryGetProperty("huyen", out _));
        Assert.Equal(currentIds.Count, province.Int("childCount"));
        var page = await admin.GetAsync($"/api/units/{world.DistrictA.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("2025-07-01", (await page.Content.ReadFromJsonAsync<JsonElement>()).Str("dissolvedFrom"));

        var found = await admin.ItemsAsync("/api/units?q=bien%20hoa");
        var hit = Assert.Single(found, u => u.Int("id") == world.DistrictA.Id);
        Assert.Equal("2025-07-01", hit.Str("dissolvedFrom"));
        Assert.False(hit.GetProperty("current").GetBoolean());
        // The export of the search says so in its status column.
        var csv = await admin.GetStringAsync("/api/exports/units?format=csv&q=bien%20hoa");
        Assert.Contains("Đã giải thể từ 01/07/2025", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tree_InactiveUnitWithoutHistory_HiddenUnlessAsked()
    {
        var world = await factory.WorldAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var parent = world.CommuneA2;
        var created = await admin.PostAsJsonAsync("/api/units", new { code = "CQ-GT-01", name = "Cơ quan đã ngừng", kind = "co-quan", level = "unit", parentId = parent.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).Int("id");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/units/{id}", new { active = false })).StatusCode);

        var current = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/units/{parent.Id}/children");
        Assert.DoesNotContain(current!, n => n.GetProperty("unit").Int("id") == id);
        var all = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/units/{parent.Id}/children?includeDissolved=true");
        var shown = Assert.Single(all!, n => n.GetProperty("unit").Int("id") == id).GetProperty("unit");
        Assert.False(shown.GetProperty("current").GetBoolean());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("dissolvedFrom").ValueKind);
    }
}
