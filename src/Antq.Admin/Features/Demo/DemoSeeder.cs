using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// Demo data for Development (ANTQ_SEED_DEMO): Thành phố Đồng Nai as it is today (two levels, real
/// commune codes and names, the 2026 xã → phường change as a new period) with the 2024 three-level
/// structure as earlier periods of the same units, generated agencies, enterprises and schools attached
/// to their managing level, one account per role and level, and dossiers in every state this year and
/// recognised in 2024. All of it is written in one transaction, and nothing is written when the demo
/// communes already exist, so a restart (or a crash half-way) never duplicates anything.
/// </summary>
public sealed class DemoSeeder(AntqDbContext db, UserManager<AppUser> users, UnitDirectory directory, UnitPeriods periods, PackCatalog catalog,
    TimeProvider time) : IStartupSeeder
{
    /// <summary>Bogus seed: the same names and codes on every machine.</summary>
    private const int Seed = 75;

    public async Task SeedAsync(IServiceProvider services, AntqOptions options, ILogger logger)
    {
        if (!options.SeedDemo) return;
        var marker = DongNai.Communes[0].Code;
        if (await db.Units.AnyAsync(u => u.Code == marker && u.LevelId == "commune"))
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
        var dossiers = new DemoSubmissions(db, directory, periods, time);
        var submissions = await dossiers.AddAsync(hierarchy, packs, actors);
        var areas = new DemoResidentialAreas(db, time);
        submissions += await areas.AddAsync(hierarchy, packs, actors);
        var minutes = await new DemoMeetings(db, services, time).AddAsync([.. dossiers.Added, .. areas.Added], actors, hierarchy);
        await tx.CommitAsync();
        logger.LogInformation("Demo data added: {Communes} communes, {Accounts} accounts, {Submissions} dossiers, {Minutes} minutes of the units' meetings.",
            DongNai.Communes.Length, actors.Count, submissions, minutes);
        await AnnounceAsync();
    }

    private async Task<DemoHierarchy> AddUnitsAsync()
    {
        var today = VietnamTime.DateOf(time.GetUtcNow());
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync();
        var added = new List<Unit>();
        Unit Add(Unit parent, string code, string name, string kind, string level, bool active = true)
        {
            var unit = new Unit { Code = code, Name = name, KindId = kind, LevelId = level, Parent = parent, Depth = parent.Depth + 1, Active = active };
            db.Units.Add(unit);
            added.Add(unit);
            return unit;
        }

        // Units first (ids), then their periods, whose parents are ids.
        var districts = DongNai.FormerDistricts.ToDictionary(d => d.Code, d => Add(root, d.Code, d.Name, "huyen", "district", active: false));
        var communes = DongNai.Communes.ToDictionary(c => c.Code, c => Add(root, c.Code, c.Name, DongNai.KindOf(c.Name), "commune"));
        foreach (var (commune, index) in DongNai.Communes.Select((c, i) => (c, i)))
            foreach (var organisation in DemoOrganisations.For(commune, Seed + index))
            {
                var unit = Add(communes[commune.Code], organisation.Code, organisation.Name, organisation.Kind, "unit");
                // A THPT school in a phường is the province's; a unit followed by a Ministry unit has no managing unit here.
                if (organisation.ManagedBy == DemoManager.Province) unit.ManagingUnitId = root.Id;
                if (organisation.ManagedBy == DemoManager.Ministry) unit.ManagedAt = "ministry";
            }
        await db.SaveChangesAsync();
        // Ids exist now; parents were added before their children, so their paths are ready in turn.
        foreach (var unit in added) unit.Path = $"{unit.Parent!.Path}{unit.Id}/";

        // History: periods as an administrator records them; each row shows the period that covers today.
        var history = new List<(Unit Unit, List<UnitPeriod> Periods)>();
        if (!await db.UnitPeriods.AnyAsync(p => p.UnitId == root.Id)) history.Add((root, DongNai.ProvincePeriods().ToList()));
        foreach (var district in DongNai.FormerDistricts)
            history.Add((districts[district.Code], [DongNai.DistrictPeriod(district, root.Id)]));
        foreach (var commune in DongNai.Communes)
            history.Add((communes[commune.Code], DongNai.CommunePeriods(commune, root.Id,
                commune.FormerDistrict is { } former ? districts[former].Id : null).ToList()));
        foreach (var (unit, list) in history)
        {
            foreach (var period in list)
            {
                period.UnitId = unit.Id;
                db.UnitPeriods.Add(period);
            }
            var current = list.FirstOrDefault(p => p.Covers(today)) ?? list[^1];
            (unit.Code, unit.Name, unit.KindId, unit.LevelId) = (current.Code, current.Name, current.KindId, current.LevelId);
            unit.Active = list.Any(p => p.Covers(today));
        }
        await db.SaveChangesAsync();
        return new DemoHierarchy(root, added.ToDictionary(u => u.Code, StringComparer.Ordinal));
    }

    private async Task<Dictionary<string, (AppUser User, string Role)>> AddAccountsAsync(DemoHierarchy hierarchy)
    {
        var accounts = new Dictionary<string, (AppUser, string)>(StringComparer.Ordinal);
        foreach (var demo in DemoAccounts.All)
        {
            var unit = demo.Unit(hierarchy);
            var displayName = demo.DisplayName(unit);
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
