using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// Demo data for Development (ANTQ_SEED_DEMO): Đồng Nai's districts and communes with real names,
/// generated agencies, enterprises and schools, one account per role and level, and submissions in
/// every state. All of it is written in one transaction, and nothing is written when the demo
/// districts already exist, so a restart (or a crash half-way) never duplicates anything.
/// </summary>
public sealed class DemoSeeder(AntqDbContext db, UserManager<AppUser> users, UnitDirectory directory, PackCatalog catalog, TimeProvider time) : IStartupSeeder
{
    /// <summary>Bogus seed: the same names and codes on every machine.</summary>
    private const int Seed = 75;

    public async Task SeedAsync(IServiceProvider services, AntqOptions options, ILogger logger)
    {
        if (!options.SeedDemo) return;
        var marker = DongNai.Districts[0].Code;
        if (await db.Units.AnyAsync(u => u.Code == marker))
        {
            logger.LogInformation("Demo data already present (unit {Code}); nothing added.", marker);
            await AnnounceAsync();
            return;
        }

        // Packs are compiled through their own scope: do it before this context holds a write transaction.
        var packs = new Dictionary<string, CompiledPack>();
        foreach (var packId in DemoSubmissions.Cases.Select(c => c.PackId).Append(DemoResidentialAreas.AreaPack).Append(DemoResidentialAreas.CommunePack).Distinct())
            if (await catalog.GetActiveAsync(packId) is { } pack) packs[packId] = pack;

        await using var tx = await db.Database.BeginTransactionAsync();
        var hierarchy = await AddUnitsAsync();
        var actors = await AddAccountsAsync(hierarchy);
        var submissions = await new DemoSubmissions(db, directory, time).AddAsync(hierarchy, packs, actors);
        submissions += await new DemoResidentialAreas(db, time).AddAsync(hierarchy, packs, actors);
        await tx.CommitAsync();
        logger.LogInformation("Demo data added: {Districts} districts, {Accounts} accounts, {Submissions} submissions.",
            DemoHierarchy.DistrictCount, actors.Count, submissions);
        await AnnounceAsync();
    }

    private async Task<DemoHierarchy> AddUnitsAsync()
    {
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync();
        var added = new List<Unit>();
        Unit Add(Unit parent, string code, string name, string kind, string level)
        {
            var unit = new Unit { Code = code, Name = name, KindId = kind, LevelId = level, Parent = parent, Depth = parent.Depth + 1 };
            db.Units.Add(unit);
            added.Add(unit);
            return unit;
        }
        foreach (var (district, index) in DongNai.Districts.Select((d, i) => (d, i)))
        {
            var districtUnit = Add(root, district.Code, district.Name, "huyen", "district");
            var communes = DongNai.CommunesOf(district).ToList();
            foreach (var (code, name, kind) in communes) Add(districtUnit, code, name, kind, "commune");
            foreach (var (code, name, kind) in DemoOrganisations.For(district, communes.Select(c => c.Name).ToList(), Seed + index))
                Add(districtUnit, code, name, kind, "unit");
        }
        await db.SaveChangesAsync();
        // Ids exist now; parents were added before their children, so their paths are ready in turn.
        foreach (var unit in added) unit.Path = $"{unit.Parent!.Path}{unit.Id}/";
        await db.SaveChangesAsync();
        return new DemoHierarchy(root, added.ToDictionary(u => u.Code, StringComparer.Ordinal));
    }

    private async Task<Dictionary<string, (AppUser User, string Role)>> AddAccountsAsync(DemoHierarchy hierarchy)
    {
        var accounts = new Dictionary<string, (AppUser, string)>(StringComparer.Ordinal);
        foreach (var demo in DemoAccounts.All)
        {
            var unit = demo.Unit(hierarchy);
            var displayName = demo.Role == Roles.UnitUser && unit.KindId == "co-so-giao-duc" ? $"Ban giám hiệu {unit.Name}" : demo.DisplayName;
            // An account of that address made by hand is kept as it is.
            var user = await users.FindByEmailAsync(demo.Email);
            if (user is null)
            {
                user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = displayName, UnitId = unit.Id };
                Check(await users.CreateAsync(user, DemoAccounts.Password), demo.Email);
                Check(await users.AddToRoleAsync(user, demo.Role), demo.Email);
            }
            accounts[demo.Email] = (user, demo.Role);
        }
        return accounts;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo account {email}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Lists the demo accounts that exist in the start-up banner (once, even across several hosts in one process).</summary>
    private async Task AnnounceAsync()
    {
        var emails = DemoAccounts.All.Select(a => a.Email).ToList();
        var present = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).Select(u => new { u.Email, Unit = u.Unit!.Name }).ToListAsync();
        lock (StartupBanner.DemoAccounts)
            foreach (var demo in DemoAccounts.All)
                if (present.FirstOrDefault(p => p.Email == demo.Email) is { } user && !StartupBanner.DemoAccounts.Any(a => a.Email == demo.Email))
                    StartupBanner.DemoAccounts.Add((demo.Email, DemoAccounts.Password, demo.Role, user.Unit));
    }
}
