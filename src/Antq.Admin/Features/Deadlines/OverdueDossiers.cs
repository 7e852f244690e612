using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Deadlines;

/// <summary>
/// The dossiers that are late ("Quá hạn" filter of the dossier list and its export): those whose unit is overdue on a deadline of
/// its pack and year as the deadline board computes it (the plan's dates over the pack's), so the list, the calendar and the
/// reminders agree on who is late.
/// </summary>
public sealed class OverdueDossiers(AntqDbContext db, DeadlineBoard board, Plans.YearPlans plans, TimeProvider time)
{
    /// <summary>The ids of the overdue dossiers in <paramref name="within"/>'s subtree, of <paramref name="year"/> or of every year with dossiers there.</summary>
    public async Task<HashSet<Guid>> IdsAsync(Unit within, int? year, CancellationToken ct)
    {
        var path = within.Path;
        var years = year is int y ? [y]
            : await db.Submissions.AsNoTracking().Where(s => s.Unit!.Path.StartsWith(path)).Select(s => s.Year).Distinct().ToListAsync(ct);
        var now = time.GetUtcNow();
        var packs = await board.ActivePacksAsync(ct);
        var ids = new HashSet<Guid>();
        foreach (var each in years)
            foreach (var instance in await board.ComputeAsync(each, await plans.DeadlineListAsync(each, packs, ct), within, ct))
                foreach (var unit in instance.Units)
                    if (unit.Submission is { } submission && unit.StateAt(now, instance.DueAt) == DeadlineState.Overdue) ids.Add(submission.Id);
        return ids;
    }
}
