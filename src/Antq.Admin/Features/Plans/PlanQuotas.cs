using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Plans;

/// <summary>
/// How far a quota of the year's plan is met: every unit of its level (within the part of the hierarchy asked
/// for) with the number of units of the quota's kinds below it that registered, and those short of the minimum.
/// </summary>
public sealed record QuotaStatus(int QuotaId, string Text, string AppliesToLevel, int Minimum, int Units, IReadOnlyList<QuotaUnit> Counts)
{
    public IReadOnlyList<QuotaUnit> Short => Counts.Where(c => c.Registered < Minimum).ToList();
}

public sealed record QuotaUnit(int UnitId, string UnitName, int Registered);

/// <summary>
/// The one computation of the plan's quotas ("mỗi huyện đăng ký ít nhất 01 xã…"), read by the plan API, the
/// dashboard panel and the yearly report. Registered: the unit's registration of the year was accepted (TT124 Điều 9
/// khoản 2 điểm a) or — only for a pack whose registration the plan does not require (the procedure before the
/// registration step, <see cref="YearPlan.RegistrationRequired"/>) — it has a dossier of the year, as for the
/// <c>registered</c> deadline. Units and their parents are read as they were that year.
/// </summary>
public sealed class PlanQuotas(AntqDbContext db, YearPlans plans, UnitPeriods periods)
{
    /// <summary>Each quota of the year's plan (none without a plan), for the units of its level inside <paramref name="withinUnitId"/>'s subtree (the unit included) or everywhere.</summary>
    public async Task<List<QuotaStatus>> ForYearAsync(int year, int? withinUnitId = null, CancellationToken ct = default)
    {
        var plan = await plans.GetAsync(year, ct);
        if (plan is null || plan.Quotas.Count == 0) return [];
        var hierarchy = await periods.ForYearAsync(year, ct);
        var dossiers = await db.Submissions.AsNoTracking().Where(s => s.Year == year).Select(s => new { s.UnitId, s.PackId }).Distinct().ToListAsync(ct);
        var registered = dossiers.Where(d => !plan.RegistrationRequired(d.PackId)).Select(d => d.UnitId).ToHashSet();
        registered.UnionWith(await db.Registrations.AsNoTracking().Where(r => r.Year == year && r.Status == RegistrationStatus.Accepted).Select(r => r.UnitId).ToListAsync(ct));
        var result = new List<QuotaStatus>();
        foreach (var quota in plan.Quotas.OrderBy(q => q.Id))
        {
            var kinds = quota.UnitKinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            var counts = hierarchy.Units.Values
                .Where(u => u.LevelId == quota.AppliesToLevel && (withinUnitId is not int within || hierarchy.IsWithin(u.Id, within)))
                .ToDictionary(u => u.Id, _ => 0);
            foreach (var unit in hierarchy.Units.Values.Where(u => kinds.Contains(u.KindId) && registered.Contains(u.Id)))
                foreach (var ancestor in hierarchy.Ancestors(unit.Id))
                    if (counts.TryGetValue(ancestor.Id, out var count)) counts[ancestor.Id] = count + 1;
            var rows = counts.Select(c => new QuotaUnit(c.Key, hierarchy.Find(c.Key)!.Name, c.Value)).OrderBy(c => c.UnitName, VietnameseText.Order).ToList();
            result.Add(new QuotaStatus(quota.Id, quota.Text, quota.AppliesToLevel, quota.Minimum, rows.Count, rows));
        }
        return result;
    }
}
