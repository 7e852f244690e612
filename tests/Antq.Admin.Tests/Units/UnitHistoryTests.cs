using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Units;
using Antq.Admin.Tests.Support;
using static Antq.Admin.Tests.Units.TwoLevelHistory;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Units;

/// <summary>
/// Units with history: a merger/rename and a xã → phường change are new periods; the hierarchy, the review
/// chain and the documents of a year read the unit as it was; codes are unique at a level within a period.
/// </summary>
public sealed class UnitHistoryTests(AntqApiFactory factory) : IClassFixture<AntqApiFactory>
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private Task<TestWorld> HistoryAsync() => TwoLevelHistory.ApplyAsync(factory, Today);

    [Fact]
    public async Task Periods_HierarchyByYear_MergeRenameAndXaToPhuong()
    {
        var world = await HistoryAsync();
        await factory.WithServicesAsync(async services =>
        {
            var periods = services.GetRequiredService<UnitPeriods>();
            var y2024 = await periods.ForYearAsync(2024);
            var y2025 = await periods.ForYearAsync(2025);
            var y2026 = await periods.ForYearAsync(2026);
            Assert.Equal("Phường Tân Phong", y2024.Find(world.CommuneA1.Id)!.Name);
            Assert.Equal(world.DistrictA.Id, y2024.Find(world.CommuneA1.Id)!.ParentId);
            Assert.Equal("Phường Trảng Dài", y2025.Find(world.CommuneA1.Id)!.Name);
            Assert.Equal(world.Province.Id, y2025.Find(world.CommuneA1.Id)!.ParentId);
            Assert.Null(y2025.Find(world.DistrictA.Id));
            Assert.Equal("xa", y2025.Find(world.CommuneB1.Id)!.KindId);
            Assert.Equal("phuong", y2026.Find(world.CommuneB1.Id)!.KindId);
            Assert.Equal("Phường Long Thành", y2026.Find(world.CommuneB1.Id)!.Name);
            // The row is the unit as it is now; the old periods were closed, not rewritten.
            var db = services.GetRequiredService<AntqDbContext>();
            Assert.Equal("Phường Long Thành", (await db.Units.FindAsync(world.CommuneB1.Id))!.Name);
            var history = await periods.HistoryAsync(world.CommuneB1.Id);
            Assert.Equal(["Xã Hố Nai 3", "Xã Long Thành", "Phường Long Thành"], history.Select(p => p.Name));
            Assert.Equal(new DateOnly(2025, 6, 30), history[0].ValidTo);
            Assert.Equal(new DateOnly(2026, 4, 29), history[1].ValidTo);
        });
    }

    [Fact]
    public async Task Code_UniqueAtALevelWithinAPeriod_ReusableAfter()
    {
        var world = await HistoryAsync();
        await factory.WithServicesAsync(async services =>
        {
            var periods = services.GetRequiredService<UnitPeriods>();
            var refused = await periods.AddAsync(world.CommuneA2.Id, P("2025-07-01", "25993", "Phường Khác", "phuong", "commune", world.Province.Id), Today);
            Assert.NotNull(refused);
            Assert.Contains("25993", refused);
            // Before the code was issued to anyone else at that level, it is free: a predecessor's period.
            Assert.Null(await periods.AddAsync(world.CommuneA2.Id, P("1990-01-01", "26005", "Phường Tân Biên", "phuong", "commune", world.DistrictA.Id), Today));
        });
    }

    [Fact]
    public async Task Search_AnyNameWithoutDiacritics()
    {
        var world = await HistoryAsync();
        await factory.WithServicesAsync(async services =>
        {
            var periods = services.GetRequiredService<UnitPeriods>();
            Assert.Contains(world.CommuneA1.Id, await periods.SearchAsync("tan phong"));
            Assert.Contains(world.CommuneA1.Id, await periods.SearchAsync("TRANG DAI"));
            Assert.Contains(world.CommuneB1.Id, await periods.SearchAsync("hố nai"));
            Assert.Contains(world.AgencyA.Id, await periods.SearchAsync("ngo quyen"));
        });
    }

    [Fact]
    public async Task ReviewChain_ThreeLevelYearAndTwoLevelYear_SideBySide()
    {
        var world = await HistoryAsync();
        var pack = new PackManifest(1, "t", "1.0.0", "t", [], ["phuong", "xa"], null, "district", "tieu-chi", [], []);
        await factory.WithServicesAsync(async services =>
        {
            var directory = services.GetRequiredService<UnitDirectory>();
            var unit = (await directory.FindAsync(world.CommuneA1.Id))!;
            Assert.Equal([world.DistrictA.Id], (await directory.ReviewChainAsync(unit, pack, 2024)).Select(u => u.Id));
            Assert.Equal([world.Province.Id], (await directory.ReviewChainAsync(unit, pack, 2025)).Select(u => u.Id));
        });
    }

    [Fact]
    public async Task Documents_KeepTheNameOfTheirYear_HeadersFromData()
    {
        var world = await HistoryAsync();
        await factory.WithServicesAsync(async services =>
        {
            var heads = services.GetRequiredService<DocumentHeads>();
            var db = services.GetRequiredService<AntqDbContext>();
            var commune = await db.Units.AsNoTracking().FirstAsync(u => u.Id == world.CommuneA1.Id);
            var province = await db.Units.AsNoTracking().FirstAsync(u => u.Id == world.Province.Id);

            var old = await heads.UnitInfoAsync(commune, 2024, default);
            Assert.Equal("Phường Tân Phong", old.Name);
            Assert.Equal("Thành phố Biên Hòa", old.ParentName);
            var now = await heads.UnitInfoAsync(commune, 2025, default);
            Assert.Equal("Phường Trảng Dài", now.Name);

            var (issuer, parent) = await heads.ReviewingHeadAsync(province, 2025, default);
            Assert.StartsWith("Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội", issuer);
            Assert.Equal("Ủy ban nhân dân tỉnh Đồng Nai", parent);
            Assert.StartsWith("Ban Chỉ đạo phòng, chống AIDS", (await heads.ReviewingHeadAsync(province, 2024, default)).Issuer);
            Assert.Equal(("Ủy ban nhân dân phường Trảng Dài", "Ủy ban nhân dân tỉnh Đồng Nai"), await heads.OwnHeadAsync(commune, 2025, default));
            Assert.Null(await heads.OwnHeadAsync(commune, 2024, default));
            Assert.Equal("Trảng Dài", await heads.PlaceAsync(commune, 2025, default));
            Assert.Equal("Đồng Nai", await heads.PlaceAsync(commune, 2024, default));
        });
    }

    [Fact]
    public async Task Api_HistoryOnTheUnitPage_SearchByFormerName_AuthoritySetting()
    {
        var world = await HistoryAsync();
        var admin = await TestWorld.LoginAsync(factory, "admin@test.vn");
        var history = await admin.GetFromJsonAsync<JsonElement>($"/api/units/{world.CommuneA1.Id}/history");
        Assert.Equal(["Phường Tân Phong", "Phường Trảng Dài"], history.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var found = await admin.GetFromJsonAsync<JsonElement>("/api/units?q=tan%20phong");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), u => u.GetProperty("id").GetInt32() == world.CommuneA1.Id);

        var set = await admin.PutAsJsonAsync($"/api/units/{world.AgencyA.Id}/authority", new { unitId = world.AgencyA.Id, managingUnitId = world.Province.Id, managedAt = (string?)null, delegatesRecognition = false });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        // A code already used at the level in the period is refused at the field, and the history is unchanged.
        var clash = await admin.PostAsJsonAsync($"/api/units/{world.CommuneA2.Id}/periods",
            new { validFrom = "2026-01-01", code = "25993", name = "Phường Khác", kindId = "phuong", levelId = "commune", parentId = world.Province.Id });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.StatusCode);
        Assert.Contains("25993", (await clash.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("code")[0].GetString());
        var unitUser = await TestWorld.LoginAsync(factory, "xa-a1@test.vn");
        Assert.Equal(HttpStatusCode.Forbidden, (await unitUser.PostAsJsonAsync($"/api/units/{world.CommuneA1.Id}/periods",
            new { validFrom = "2027-01-01", code = "25993", name = "X", kindId = "phuong", levelId = "commune" })).StatusCode);
    }

    [Fact]
    public async Task Deadlines_TwoLevelYear_EscalateToTheProvinceNotAFormerDistrict()
    {
        var world = await HistoryAsync();
        await factory.WithServicesAsync(async services =>
        {
            var board = services.GetRequiredService<Antq.Admin.Features.Deadlines.DeadlineBoard>();
            var packs = await board.ActivePacksAsync();
            var commune = packs.First(p => p.Manifest.Id == "tt124.xa");
            Assert.NotEmpty(commune.Deadlines);
            var deadlines = commune.Deadlines.Select(d => (commune, d)).ToList();
            var y2025 = await board.ComputeAsync(2025, deadlines, null);
            var row = y2025.SelectMany(i => i.Units).First(u => u.Unit.Id == world.CommuneB1.Id);
            Assert.Equal(world.Province.Id, row.EscalateToId);
            Assert.DoesNotContain(y2025.SelectMany(i => i.Units), u => u.EscalateToId == world.DistrictA.Id || u.EscalateToId == world.DistrictB.Id);
            var y2024 = await board.ComputeAsync(2024, deadlines, null);
            Assert.Equal(world.DistrictB.Id, y2024.SelectMany(i => i.Units).First(u => u.Unit.Id == world.CommuneB1.Id).EscalateToId);
            // The row moved with its current period; its history still says where it was.
            var db = services.GetRequiredService<AntqDbContext>();
            Assert.Equal(world.Province.Id, (await db.Units.AsNoTracking().FirstAsync(u => u.Id == world.CommuneB1.Id)).ParentId);
        });
    }
}
