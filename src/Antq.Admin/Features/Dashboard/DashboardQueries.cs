using System.Globalization;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Plans;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Dashboard;

/// <summary>
/// The dashboard of one unit of the caller's scope: its own unit by default, or any visible unit
/// (404 outside the scope, whether or not it exists). Everything is computed from the current
/// units, active packs and submissions; nothing is stored. The deadline boards and the counts (boards, years, unmet
/// criteria) are shared for 30 s and dropped on any change they read (<see cref="DeadlineBoardCache"/>): nationally they
/// are scans of 150,000 units and their dossiers.
/// </summary>
public sealed class DashboardQueries(
    AntqDbContext db, CurrentAccount current, UnitDirectory directory, DeadlineBoard board, DeadlineBoardCache boardCache,
    DashboardPackBoards packBoards, TimeProvider time, UnitPeriods periods, YearPlans plans, PlanQuotas quotas)
{
    internal static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    public async Task<Result<DashboardView>> GetAsync(int? year, int? unitId, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var now = time.GetUtcNow();
        var thisYear = VietnamTime.YearOf(now);
        if (year is < 2000 or > 2100) return Refusal.BadRequest($"Năm {year} không hợp lệ (từ 2000 đến 2100).");
        var focus = await directory.GetVisibleAsync(account, unitId ?? account.ScopeUnit.Id, ct);
        var years = await boardCache.GetCountsAsync(string.Create(CultureInfo.InvariantCulture, $"years:{focus.Id}"), () => YearsAsync(focus, ct));
        // Reviewers early in a year would otherwise open on an empty board: show the latest year that has
        // submissions until this year's first one arrives. A unit always sees this year (its work to do).
        var chosenYear = year
            ?? (account.IsUnit || years.Contains(thisYear) || !years.Any(y => y < thisYear) ? thisYear : years.Where(y => y < thisYear).Max());

        var levels = await db.UnitLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var packs = await board.ActivePacksAsync(ct);

        // The plan's dates over the packs'; a unit's deadline counts here when the unit lay below the focus that
        // year or its dossier's review route passes through the focus (a school managed from another commune).
        // The filtered board is kept with the board it filters (the same 30 s and invalidation): it reads the year's
        // whole hierarchy (150,000 units nationally).
        var deadlineList = await plans.DeadlineListAsync(chosenYear, packs, ct);
        var instances = await boardCache.GetFilteredAsync(chosenYear, deadlineList, focus.Id,
            () => ConcerningAsync(focus, chosenYear, deadlineList, periods, board, ct),
            (services, refreshing) => ConcerningAsync(focus, chosenYear, deadlineList, services.GetRequiredService<UnitPeriods>(),
                services.GetRequiredService<DeadlineBoard>(), refreshing));
        var deadlines = Deadlines(instances, now, levels);

        // The counts of a focus with a large board (the country, a big province) are served, like the board, while they are
        // counted again after a change: nationally they are scans of 150,000 units and their dossiers.
        var large = boardCache.IsLarge(instances);
        var countsKey = string.Create(CultureInfo.InvariantCulture,
            $"{chosenYear}:{focus.Id}:{string.Join(',', packs.Select(p => p.Manifest.Id + "@" + p.Manifest.Version))}");
        var (boards, own) = await boardCache.GetCountsAsync("boards:" + countsKey, () => packBoards.ForAsync(focus, chosenYear, packs, levels, ct),
            (services, refreshing) => services.GetRequiredService<DashboardPackBoards>().ForAsync(focus, chosenYear, packs, levels, refreshing), large);
        var titles = packs.ToDictionary(p => p.Manifest.Id, p => p.Manifest.Title);
        var unmet = await boardCache.GetCountsAsync("unmet:" + countsKey, () => UnmetAsync(db, focus, chosenYear, titles, ct),
            (services, refreshing) => UnmetAsync(services.GetRequiredService<AntqDbContext>(), focus, chosenYear, titles, refreshing), large);
        var steps = DashboardNextSteps.For(focus, packs, own, instances, now);
        var waiting = account.IsUnit ? 0 : await db.Submissions.AsNoTracking()
            .CountAsync(s => s.PendingUnitId == account.ScopeUnit.Id && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.Approved), ct);

        var ancestors = await directory.AncestorsAsync(focus, ct);
        var breadcrumb = ancestors.Where(account.CanSee).Append(focus).Select(u => Ref(u, levels)).ToList();
        var yearChoices = years.Concat([thisYear - 1, thisYear, thisYear + 1, chosenYear]).Distinct().OrderDescending().ToList();

        var quotaList = await quotas.ForYearAsync(chosenYear, focus.Id, ct);

        return new DashboardView(chosenYear, thisYear, now, Ref(focus, levels), breadcrumb, yearChoices, boards, deadlines, unmet, steps, waiting,
            quotaList.Where(q => q.Units > 0).ToList());
    }

    /// <summary>
    /// The years with a dossier in the subtree: the few years of all dossiers (read from the index that leads with the year),
    /// each kept when one dossier of the subtree exists — a join of every dossier with its unit cost 100–200 ms nationally.
    /// </summary>
    private async Task<List<int>> YearsAsync(Unit focus, CancellationToken ct)
    {
        var years = new List<int>();
        foreach (var year in await db.Submissions.AsNoTracking().Select(s => s.Year).Distinct().ToListAsync(ct))
            if (await db.Submissions.AsNoTracking().AnyAsync(s => s.Year == year && s.Unit!.Path.StartsWith(focus.Path), ct)) years.Add(year);
        return years;
    }

    /// <summary>The year's deadline board restricted to the units that concern <paramref name="focus"/> (<see cref="Concerns"/>).</summary>
    private static async Task<List<DeadlineInstance>> ConcerningAsync(Unit focus, int year,
        IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlineList, UnitPeriods periods, DeadlineBoard board, CancellationToken ct)
    {
        var hierarchy = await periods.ForYearAsync(year, ct);
        // A pack has several deadlines over the same units: decide once per (pack, unit), not per deadline (150,000 units nationally).
        var concerns = new Dictionary<(string PackId, int UnitId), bool>();
        bool Concerned(FormEngine.Packs.PackManifest manifest, int unitId) =>
            concerns.TryGetValue((manifest.Id, unitId), out var known) ? known : concerns[(manifest.Id, unitId)] = Concerns(focus, unitId, manifest, hierarchy);
        return (await board.CachedAsync(year, deadlineList, null, ct))
            .Select(i => i with { Units = i.Units.Where(u => Concerned(i.Pack.Manifest, u.Unit.Id)).ToList() })
            .ToList();
    }

    private static bool Concerns(Unit focus, int unitId, FormEngine.Packs.PackManifest manifest, UnitHierarchy hierarchy) =>
        hierarchy.IsWithin(unitId, focus.Id)
        || (hierarchy.Find(unitId) is { } unit && RecognitionRouting.Route(unit, manifest, hierarchy).Chain.Any(c => c.Id == focus.Id));

    internal sealed record SubmissionRow(Guid Id, int UnitId, string PackId, string Status, int? PendingUnitId);

    /// <summary>Deadlines some unit has not met yet, soonest first: overdue ones with their late units.</summary>
    private static List<DeadlineSummary> Deadlines(List<DeadlineInstance> instances, DateTimeOffset now, Dictionary<string, string> levels) =>
        instances
            .Select(instance =>
            {
                var due = instance.DueAt;
                var states = instance.Units.Select(u => (Unit: u, State: u.StateAt(now, due))).ToList();
                var late = states.Where(s => s.State == DeadlineState.Overdue).ToList();
                return new DeadlineSummary(instance.Pack.Manifest.Id, instance.Pack.Manifest.Title, instance.Definition.Id, instance.Definition.Title,
                    DeadlineStages.Text(instance.Definition.Stage, levels), due, VietnamTime.DateOf(due), now >= due,
                    states.Count(s => s.State == DeadlineState.Done), states.Count(s => s.State == DeadlineState.Pending), late.Count,
                    late.Take(20).Select(s => new LateUnit(s.Unit.Unit.Id, s.Unit.Unit.Name, s.Unit.Submission?.Id, s.Unit.WaitingOn?.Name)).ToList());
            })
            .Where(d => d.Pending + d.Late > 0)
            .OrderBy(d => d.DueAt).ThenBy(d => d.PackId, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The leaf criteria most often not met in the stored evaluations of the subtree's non-draft
    /// submissions (a draft is work in progress). Evaluations are read as stored: each submission
    /// keeps the verdicts of the version it was evaluated with, counted from the unmet leaves stored beside
    /// it (<see cref="SubmissionRecord.UnmetCriteria"/>, grouped in SQL: a few hundred distinct texts, not 100,000 evaluations).
    /// </summary>
    private static async Task<List<UnmetCriterion>> UnmetAsync(AntqDbContext db, Unit focus, int year, Dictionary<string, string> packTitles,
        CancellationToken ct)
    {
        var stored = await db.Submissions.AsNoTracking()
            .Where(s => s.Year == year && s.Status != SubmissionStatus.Draft && s.Unit!.Path.StartsWith(focus.Path))
            .GroupBy(s => new { s.PackId, s.UnmetCriteria })
            .Select(g => new { g.Key.PackId, g.Key.UnmetCriteria, Count = g.Count() })
            .ToListAsync(ct);
        // Dossiers stored before the ids were (UnmetCriteria null) are read from their evaluation.
        var older = stored.Any(s => s.UnmetCriteria is null)
            ? await db.Submissions.AsNoTracking()
                .Where(s => s.Year == year && s.Status != SubmissionStatus.Draft && s.UnmetCriteria == null && s.Unit!.Path.StartsWith(focus.Path))
                .Select(s => new { s.PackId, s.EvaluationJson })
                .ToListAsync(ct)
            : [];
        var evaluated = stored.GroupBy(s => s.PackId).ToDictionary(g => g.Key, g => g.Sum(s => s.Count));
        var counts = new Dictionary<(string PackId, string Id), (string Title, int Count)>();
        void Add(string packId, string id, string title, int count) =>
            counts[(packId, id)] = (title, counts.TryGetValue((packId, id), out var c) ? c.Count + count : count);
        foreach (var group in stored.Where(s => s.UnmetCriteria is { Length: > 0 }))
            foreach (var (id, title) in StoredEvaluation.ReadUnmet(group.UnmetCriteria!))
                Add(group.PackId, id, title, group.Count);
        foreach (var submission in older)
            foreach (var leaf in StoredEvaluation.Read(submission.EvaluationJson) is { } result ? StoredEvaluation.UnmetLeaves(result) : [])
                Add(submission.PackId, leaf.Id, leaf.Title, 1);
        return counts
            .OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key.PackId, StringComparer.Ordinal).ThenBy(c => c.Key.Id, StringComparer.Ordinal)
            .Take(10)
            .Select(c => new UnmetCriterion(c.Key.PackId, packTitles.GetValueOrDefault(c.Key.PackId, c.Key.PackId), c.Key.Id, c.Value.Title,
                c.Value.Count, evaluated[c.Key.PackId]))
            .ToList();
    }

    internal static DashboardUnit Ref(Unit unit, IReadOnlyDictionary<string, string> levels) =>
        new(unit.Id, unit.Code, unit.Name, unit.LevelId, levels.GetValueOrDefault(unit.LevelId, unit.LevelId));
}
