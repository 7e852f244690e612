using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Plans;

/// <summary>How far a quota is met: the units of its level short of the minimum, with their counts.</summary>
public sealed record QuotaStatus(int QuotaId, string Text, string AppliesToLevel, int Minimum, int Units, IReadOnlyList<QuotaShortfall> Short);

public sealed record QuotaShortfall(int UnitId, string UnitName, int Registered);

/// <summary>The province's plan of a year: its deadline overrides (for the board, queues and reminders) and its quotas.</summary>
public sealed class YearPlans(AntqDbContext db, UnitPeriods periods)
{
    /// <summary>The root province's plan of the year, with its deadlines and quotas; null when none was entered.</summary>
    public async Task<YearPlan?> GetAsync(int year, CancellationToken ct = default)
    {
        var root = await db.Units.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (root is null) return null;
        return await db.YearPlans.AsNoTracking().Include(p => p.Deadlines).Include(p => p.Quotas)
            .FirstOrDefaultAsync(p => p.ProvinceUnitId == root && p.Year == year, ct);
    }

    /// <summary>The deadlines of a pack in the year: the pack's defaults with the plan's dates where the plan sets one (its own pack's over a general one).</summary>
    public async Task<Func<CompiledPack, IReadOnlyList<DeadlineDefinition>>> DeadlinesAsync(int year, CancellationToken ct = default)
    {
        var plan = await GetAsync(year, ct);
        if (plan is null || plan.Deadlines.Count == 0) return pack => pack.Deadlines;
        return pack => Apply(plan, pack);
    }

    public static IReadOnlyList<DeadlineDefinition> Apply(YearPlan plan, CompiledPack pack) =>
        pack.Deadlines.Select(d =>
            plan.Deadlines.Where(o => o.Stage == d.Stage && (o.PackId is null || o.PackId == pack.Manifest.Id))
                .OrderBy(o => o.PackId is null ? 1 : 0).FirstOrDefault() is { } o
                ? d with { DueMonth = o.DueMonth, DueDay = o.DueDay }
                : d).ToList();

    /// <summary>Each quota of the year's plan: every unit of its level (as of that year) and how many units of the kinds below it have a dossier.</summary>
    public async Task<List<QuotaStatus>> QuotasAsync(int year, CancellationToken ct = default)
    {
        var plan = await GetAsync(year, ct);
        if (plan is null || plan.Quotas.Count == 0) return [];
        var hierarchy = await periods.ForYearAsync(year, ct);
        var withDossier = (await db.Submissions.AsNoTracking().Where(s => s.Year == year).Select(s => s.UnitId).Distinct().ToListAsync(ct)).ToHashSet();
        var result = new List<QuotaStatus>();
        foreach (var quota in plan.Quotas.OrderBy(q => q.Id))
        {
            var kinds = quota.UnitKinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            var counts = hierarchy.Units.Values.Where(u => u.LevelId == quota.AppliesToLevel).ToDictionary(u => u.Id, _ => 0);
            foreach (var unit in hierarchy.Units.Values.Where(u => kinds.Contains(u.KindId) && withDossier.Contains(u.Id)))
                foreach (var ancestor in hierarchy.Ancestors(unit.Id))
                    if (counts.TryGetValue(ancestor.Id, out var count)) counts[ancestor.Id] = count + 1;
            var shortfall = counts.Where(c => c.Value < quota.Minimum)
                .Select(c => new QuotaShortfall(c.Key, hierarchy.Find(c.Key)!.Name, c.Value))
                .OrderBy(s => s.UnitName, VietnameseText.Order).ToList();
            result.Add(new QuotaStatus(quota.Id, quota.Text, quota.AppliesToLevel, quota.Minimum, counts.Count, shortfall));
        }
        return result;
    }

    /// <summary>Creates or replaces the root province's plan of the year (its deadlines and quotas with it).</summary>
    public async Task<YearPlan> SaveAsync(YearPlan plan, CancellationToken ct = default)
    {
        var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(ct);
        var existing = await db.YearPlans.Include(p => p.Deadlines).Include(p => p.Quotas).FirstOrDefaultAsync(p => p.ProvinceUnitId == root && p.Year == plan.Year, ct);
        if (existing is not null) db.YearPlans.Remove(existing);
        await db.SaveChangesAsync(ct);
        plan.Id = 0;
        plan.ProvinceUnitId = root;
        foreach (var d in plan.Deadlines) d.Id = 0;
        foreach (var q in plan.Quotas) q.Id = 0;
        db.YearPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan;
    }
}
