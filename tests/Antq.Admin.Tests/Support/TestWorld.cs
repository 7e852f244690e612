using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.Tests.Support;

/// <summary>
/// A small hierarchy and one account per role for tests: province → two districts → two communes
/// each (plus an agency under district A), and logins that return bearer-authenticated clients.
/// </summary>
public sealed class TestWorld
{
    public const string Password = "Matkhau@2025";

    public required Unit Province { get; init; }
    public required Unit DistrictA { get; init; }
    public required Unit DistrictB { get; init; }
    public required Unit CommuneA1 { get; init; }
    public required Unit CommuneA2 { get; init; }
    public required Unit CommuneB1 { get; init; }
    public required Unit AgencyA { get; init; }

    public static async Task<TestWorld> CreateAsync(AntqApiFactory factory) =>
        await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AntqDbContext>();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var province = await db.Units.OrderBy(u => u.Depth).FirstAsync();
            async Task<Unit> Add(Unit parent, string code, string name, string kind, string level)
            {
                var unit = new Unit { Code = code, Name = name, KindId = kind, LevelId = level, ParentId = parent.Id, Depth = parent.Depth + 1 };
                db.Units.Add(unit);
                await db.SaveChangesAsync();
                unit.Path = $"{parent.Path}{unit.Id}/";
                await db.SaveChangesAsync();
                return unit;
            }
            var a = await Add(province, "731", "Thành phố Biên Hòa", "huyen", "district");
            var b = await Add(province, "740", "Huyện Trảng Bom", "huyen", "district");
            var world = new TestWorld
            {
                Province = province, DistrictA = a, DistrictB = b,
                CommuneA1 = await Add(a, "25993", "Phường Tân Phong", "phuong", "commune"),
                CommuneA2 = await Add(a, "26005", "Phường Tân Biên", "phuong", "commune"),
                CommuneB1 = await Add(b, "26368", "Xã Hố Nai 3", "xa", "commune"),
                AgencyA = await Add(a, "CQ-001", "Trường THPT Ngô Quyền", "co-so-giao-duc", "unit"),
            };
            foreach (var (email, role, unit) in world.Accounts())
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, UnitId = unit.Id };
                var created = await users.CreateAsync(user, Password);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
                await users.AddToRoleAsync(user, role);
            }
            return world;
        });

    public IEnumerable<(string Email, string Role, Unit Unit)> Accounts() =>
    [
        ("admin@test.vn", Roles.Admin, Province),
        ("tinh@test.vn", Roles.Reviewer, Province),
        ("huyen-a@test.vn", Roles.Reviewer, DistrictA),
        ("huyen-b@test.vn", Roles.Reviewer, DistrictB),
        ("xa-a1@test.vn", Roles.UnitUser, CommuneA1),
        ("xa-a2@test.vn", Roles.UnitUser, CommuneA2),
        ("xa-b1@test.vn", Roles.UnitUser, CommuneB1),
        ("truong-a@test.vn", Roles.UnitUser, AgencyA),
    ];

    /// <summary>The world, then a client signed in as its administrator (admin@test.vn).</summary>
    public static async Task<HttpClient> AdminAsync(AntqApiFactory factory)
    {
        await factory.WorldAsync();
        return await LoginAsync(factory, "admin@test.vn");
    }

    /// <summary>A client carrying a bearer token for the account.</summary>
    public static Task<HttpClient> LoginAsync(AntqApiFactory factory, string email) =>
        factory.CreateClient().SignInAsync(email, Password);
}
