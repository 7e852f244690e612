using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Plans;

/// <summary>The province's plan of a year: its deadline overrides (for the board, queues and reminders); quotas: <see cref="PlanQuotas"/>.</summary>
public sealed class YearPlans(AntqDbContext db)
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

    /// <summary>Every deadline of the packs in the year, with the plan's dates: what the board, the calendar and the dashboard compute.</summary>
    public async Task<List<(CompiledPack Pack, DeadlineDefinition Definition)>> DeadlineListAsync(int year, IEnumerable<CompiledPack> packs, CancellationToken ct = default)
    {
        var planned = await DeadlinesAsync(year, ct);
        return packs.SelectMany(p => planned(p).Select(d => (Pack: p, Definition: d))).ToList();
    }

    public static IReadOnlyList<DeadlineDefinition> Apply(YearPlan plan, CompiledPack pack) =>
        pack.Deadlines.Select(d =>
            plan.Deadlines.Where(o => o.Stage == d.Stage && (o.PackId is null || o.PackId == pack.Manifest.Id))
                .OrderBy(o => o.PackId is null ? 1 : 0).FirstOrDefault() is { } o
                ? d with { DueMonth = o.DueMonth, DueDay = o.DueDay }
                : d).ToList();

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
