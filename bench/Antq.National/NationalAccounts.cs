using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace Antq.National;

/// <summary>Accounts for the probes, made through Identity as the admin API makes them: a reviewer per province and one commune's account.</summary>
public static class NationalAccounts
{
    public static async Task<int> CreateAsync(UserManager<AppUser> users, NationalHierarchy hierarchy, string password)
    {
        var created = 0;
        for (var i = 0; i < hierarchy.ProvinceUnits.Count; i++)
        {
            var province = hierarchy.ProvinceUnits[i];
            var commune = hierarchy.CommuneUnits.First(c => c.ParentId == province.Id);
            created += await CreateAsync(users, $"bcd-{i + 1:00}@national.test", $"Ban Chỉ đạo {province.Name}", province, Roles.Reviewer, password);
            created += await CreateAsync(users, $"xa-{i + 1:00}@national.test", commune.Name, commune, Roles.UnitUser, password);
        }
        return created;
    }

    private static async Task<int> CreateAsync(UserManager<AppUser> users, string email, string name, Unit unit, string role, string password)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, UnitId = unit.Id };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new NationalSetupException($"{email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
        return 1;
    }
}
