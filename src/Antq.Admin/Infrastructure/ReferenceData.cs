using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Infrastructure;

/// <summary>Levels, kinds and roles every installation has, and a root unit when there is none.</summary>
public static class ReferenceData
{
    public static readonly (string Id, string Name, int Rank)[] Levels =
    [
        ("province", "Cấp tỉnh", 0), ("district", "Cấp huyện", 1), ("commune", "Cấp xã", 2), ("unit", "Cơ sở", 3),
    ];

    public static readonly (string Id, string Name)[] Kinds =
    [
        ("tinh", "Tỉnh, thành phố"), ("huyen", "Huyện, quận, thị xã, thành phố thuộc tỉnh"),
        ("xa", "Xã"), ("phuong", "Phường"), ("thi-tran", "Thị trấn"), ("dac-khu", "Đặc khu"),
        ("khu-dan-cu", "Khu dân cư"), ("co-quan", "Cơ quan"), ("doanh-nghiep", "Doanh nghiệp"), ("co-so-giao-duc", "Cơ sở giáo dục"),
    ];

    public static async Task EnsureAsync(AntqDbContext db, RoleManager<IdentityRole> roles)
    {
        foreach (var (id, name, rank) in Levels)
            if (!await db.UnitLevels.AnyAsync(l => l.Id == id)) db.UnitLevels.Add(new UnitLevel { Id = id, Name = name, Rank = rank });
        foreach (var (id, name) in Kinds)
            if (!await db.UnitKinds.AnyAsync(k => k.Id == id)) db.UnitKinds.Add(new UnitKind { Id = id, Name = name });
        await db.SaveChangesAsync();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        if (!await db.Units.AnyAsync())
        {
            var root = new Unit { Code = "75", Name = "Tỉnh Đồng Nai", KindId = "tinh", LevelId = "province" };
            db.Units.Add(root);
            await db.SaveChangesAsync();
            root.Path = $"/{root.Id}/";
            await db.SaveChangesAsync();
        }
    }
}
