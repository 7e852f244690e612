using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Antq.Admin.UiTests;

/// <summary>
/// Communes a browser test owns: created beside a demo commune of the tt124.xa kind (same level and parent), each with a
/// unit account and a reviewer account at the level above, so no demo dossier or account is touched. An agency,
/// enterprise or school of a test's own is made the same way (<see cref="CreateOrganisationAsync"/>), beside the commune.
/// </summary>
internal static class UiCommunes
{
    public sealed record Commune(int UnitId, string Name, string UnitEmail, string ReviewerEmail);

    public static Task<Commune> CreateAsync(UiServer server, string code, string name) => CreateAsync(server, code, name, null);

    /// <summary>A unit of <paramref name="kindId"/> (co-quan, doanh-nghiep, co-so-giao-duc) managed by the demo commune's parent.</summary>
    public static Task<Commune> CreateOrganisationAsync(UiServer server, string code, string name, string kindId) => CreateAsync(server, code, name, kindId);

    private static async Task<Commune> CreateAsync(UiServer server, string code, string name, string? organisationKind)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AntqDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sibling = await db.Units.AsNoTracking().Where(u => u.Active && u.KindId == "xa" && u.ParentId != null).OrderBy(u => u.Id).FirstAsync();
        var parent = await db.Units.AsNoTracking().SingleAsync(u => u.Id == sibling.ParentId);
        var unit = new Unit
        {
            Code = code, Name = name, KindId = organisationKind ?? sibling.KindId, LevelId = organisationKind is null ? sibling.LevelId : "unit",
            ParentId = parent.Id, Depth = parent.Depth + 1,
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = $"{parent.Path}{unit.Id}/";
        await db.SaveChangesAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        async Task<string> Account(string prefix, int unitId, string role)
        {
            var email = $"{prefix}-{suffix}@dongnai.demo";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{prefix} {suffix}", UnitId = unitId };
            Assert.True((await users.CreateAsync(user, UiServer.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return email;
        }
        return new Commune(unit.Id, name, await Account("xa-" + code.ToLowerInvariant(), unit.Id, Roles.UnitUser),
            await Account("xet-duyet-" + code.ToLowerInvariant(), parent.Id, Roles.Reviewer));
    }
}
