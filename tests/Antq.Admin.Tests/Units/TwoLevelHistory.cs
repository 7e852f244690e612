using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;
using Antq.Admin.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Units;

/// <summary>
/// The test world given a history (once per factory): three levels until 30/6/2025, then the communes directly
/// under the province (Phường Tân Phong merged into Phường Trảng Dài; Xã Hố Nai 3 → Xã Long Thành → Phường Long Thành
/// on 30/4/2026), with committee and People's Committee names per period.
/// </summary>
internal static class TwoLevelHistory
{
    public static UnitPeriod P(string from, string code, string name, string kind, string level, int? parent, string? to = null,
        string? committee = null, string? authority = null, string? place = null) =>
        new() { ValidFrom = DateOnly.Parse(from), ValidTo = to is null ? null : DateOnly.Parse(to), Code = code, Name = name, KindId = kind, LevelId = level, ParentId = parent,
            CommitteeName = committee, AuthorityName = authority, PlaceName = place };

    public static async Task<TestWorld> ApplyAsync(AntqApiFactory factory, DateOnly today)
    {
        var world = await factory.WorldAsync();
        await factory.WithServicesAsync(async services =>
        {
            var periods = services.GetRequiredService<UnitPeriods>();
            var db = services.GetRequiredService<AntqDbContext>();
            if (await db.UnitPeriods.AnyAsync()) return;
            async Task Add(Unit unit, UnitPeriod period) => Assert.Null(await periods.AddAsync(unit.Id, period, today));
            await Add(world.Province, P("2004-01-01", world.Province.Code, "Tỉnh Đồng Nai", "tinh", "province", null,
                committee: "Ban Chỉ đạo phòng, chống AIDS, tội phạm và tệ nạn xã hội tỉnh", authority: "Ủy ban nhân dân tỉnh Đồng Nai", place: "Đồng Nai"));
            await Add(world.Province, P("2025-07-01", world.Province.Code, "Tỉnh Đồng Nai", "tinh", "province", null,
                committee: "Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh Đồng Nai",
                authority: "Ủy ban nhân dân tỉnh Đồng Nai", place: "Đồng Nai"));
            await Add(world.DistrictA, P("2004-01-01", "731", "Thành phố Biên Hòa", "huyen", "district", world.Province.Id, to: "2025-06-30"));
            await Add(world.DistrictB, P("2004-01-01", "740", "Huyện Trảng Bom", "huyen", "district", world.Province.Id, to: "2025-06-30"));
            // Merger: the ward keeps its code under a new name, directly under the province.
            await Add(world.CommuneA1, P("2004-01-01", "25993", "Phường Tân Phong", "phuong", "commune", world.DistrictA.Id));
            await Add(world.CommuneA1, P("2025-07-01", "25993", "Phường Trảng Dài", "phuong", "commune", world.Province.Id,
                authority: "Ủy ban nhân dân phường Trảng Dài", place: "Trảng Dài"));
            // xã → phường on 30/4/2026, code unchanged.
            await Add(world.CommuneB1, P("2004-01-01", "26368", "Xã Hố Nai 3", "xa", "commune", world.DistrictB.Id));
            await Add(world.CommuneB1, P("2025-07-01", "26368", "Xã Long Thành", "xa", "commune", world.Province.Id));
            await Add(world.CommuneB1, P("2026-04-30", "26368", "Phường Long Thành", "phuong", "commune", world.Province.Id));
        });
        return world;
    }
}
