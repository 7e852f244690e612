using System.Globalization;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Deadlines;

/// <summary>The part of a submission the deadlines read.</summary>
public sealed record SubmissionSnapshot(Guid Id, int UnitId, string PackId, string Status, int? PendingUnitId);

/// <summary>The part of a registration the deadlines read.</summary>
public sealed record RegistrationSnapshot(string Status, int? ReviewingUnitId);

public enum DeadlineState
{
    Done,
    Pending,
    Overdue,
}

/// <summary>One unit against one deadline: done or not, and whose people must act while it is not.</summary>
public sealed record UnitDeadline(Unit Unit, SubmissionSnapshot? Submission, bool Done, Unit? WaitingOn, bool WaitingOnReviewers)
{
    /// <summary>Whom an escalation goes to: the next unit of the review route after the one that has to act (see <c>DeadlineBoard.EscalateTo</c>).</summary>
    public int? EscalateToId { get; init; }

    /// <summary>A level owing its yearly report (stage <c>reported</c>), not a unit's dossier.</summary>
    public bool Reporting { get; init; }

    /// <summary>For the <c>registered</c> stage: the unit's registration (null: none yet); what its reminders speak of.</summary>
    public RegistrationSnapshot? Registration { get; init; }

    public bool ForRegistration { get; init; }

    public DeadlineState StateAt(DateTimeOffset now, DateTimeOffset dueAt) =>
        Done ? DeadlineState.Done : now >= dueAt ? DeadlineState.Overdue : DeadlineState.Pending;
}

/// <summary>A deadline of an active pack made concrete for one year, with the units it concerns.</summary>
public sealed record DeadlineInstance(CompiledPack Pack, DeadlineDefinition Definition, int Year, IReadOnlyList<UnitDeadline> Units)
{
    public DateTimeOffset DueAt => Definition.DueAt(Year);
}

/// <summary>
/// Concrete deadlines per (year, unit, stage) from the active packs' deadlines.json, the unit
/// hierarchy and the submissions. Nothing is stored: every read computes them from the current
/// data, so activating a pack version or moving, adding or deactivating units shows at once.
/// A pack with a <c>registered</c> deadline concerns, for its later stages, only the units that
/// registered (an accepted registration, or a dossier that year where the plan does not require registration), as the
/// plan builds models from the registered units;
/// a pack without one concerns every active unit of its kinds.
/// </summary>
public sealed class DeadlineBoard(AntqDbContext db, PackCatalog catalog, DeadlineBoardCache cache, Plans.YearPlans plans)
{
    private static readonly StringComparer ByName = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    public async Task<IReadOnlyList<CompiledPack>> ActivePacksAsync(CancellationToken ct = default)
    {
        // One query for all active pointers; compiled versions come from the catalog's cache.
        var active = await db.ActivePacks.AsNoTracking().Select(a => new { a.PackId, a.Version!.Version }).ToListAsync(ct);
        var packs = new List<CompiledPack>();
        foreach (var pointer in active.OrderBy(a => a.PackId, StringComparer.Ordinal))
            if (await catalog.GetAsync(pointer.PackId, pointer.Version, ct) is { } pack) packs.Add(pack);
        return packs;
    }

    /// <summary>
    /// <see cref="ComputeAsync"/> through the short-lived shared cache (<see cref="DeadlineBoardCache"/>): for pages (dashboard,
    /// deadlines) that may show a board up to 30 s old on another instance, and a slow one a computation old on this one.
    /// Reminders and decisions compute afresh.
    /// </summary>
    public Task<List<DeadlineInstance>> CachedAsync(
        int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines, Unit? within, CancellationToken ct = default) =>
        cache.GetAsync(year, deadlines, within, () => ComputeAsync(year, deadlines, within, ct),
            (services, refreshing) => services.GetRequiredService<DeadlineBoard>().ComputeAsync(year, deadlines, within, refreshing));

    /// <summary>The given deadlines of <paramref name="year"/>, for every unit or only those in <paramref name="within"/>'s subtree.</summary>
    public async Task<List<DeadlineInstance>> ComputeAsync(
        int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines, Unit? within, CancellationToken ct = default)
    {
        if (deadlines.Count == 0) return [];
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        // The hierarchy of the year: who existed, of which kind, and where their dossiers go (two or three levels).
        var periods = await db.UnitPeriods.AsNoTracking().ToListAsync(ct);
        var hierarchy = Units.UnitHierarchy.Build(Units.UnitPeriods.ReferenceDate(year), units.Values, periods);
        var withHistory = periods.Select(p => p.UnitId).ToHashSet();
        var packIds = deadlines.Select(d => d.Pack.Manifest.Id).Distinct().ToList();
        var submissions = (await db.Submissions.AsNoTracking()
                .Where(s => s.Year == year && packIds.Contains(s.PackId))
                .Select(s => new { s.Id, s.UnitId, s.PackId, s.Status, s.PendingUnitId })
                .ToListAsync(ct))
            .ToDictionary(s => (s.PackId, s.UnitId), s => new SubmissionSnapshot(s.Id, s.UnitId, s.PackId, s.Status, s.PendingUnitId));
        var registrations = (await db.Registrations.AsNoTracking()
                .Where(r => r.Year == year && packIds.Contains(r.PackId))
                .Select(r => new { r.PackId, r.UnitId, r.Status, r.ReviewingUnitId })
                .ToListAsync(ct))
            .ToDictionary(r => (r.PackId, r.UnitId), r => new RegistrationSnapshot(r.Status, r.ReviewingUnitId));
        var plan = await plans.GetAsync(year, ct);

        // At national size (150,000 units, a score of deadlines) the culture-aware name order is the costliest part:
        // sort once, and every instance's rows come out in that order. The units a pack concerns are found once per pack.
        var byName = units.Values.OrderBy(u => u.Name, ByName).ToList();
        var concerned = new Dictionary<string, List<(Unit Unit, Units.UnitAsOf AsOf)>>(StringComparer.Ordinal);
        var instances = new List<DeadlineInstance>();
        HashSet<int>? reported = null;
        foreach (var (pack, definition) in deadlines)
        {
            if (definition.Stage == DeadlineStages.Reported)
            {
                reported ??= await ReportedAsync(year, ct);
                instances.Add(new DeadlineInstance(pack, definition, year, ReportingLevels(hierarchy, units, withHistory, within, reported)));
                continue;
            }
            if (!concerned.TryGetValue(pack.Manifest.Id, out var candidates))
                concerned[pack.Manifest.Id] = candidates = Concerned(pack, byName, hierarchy, withHistory, within);
            var onlyRegistered = definition.Stage != DeadlineStages.Registered && pack.Deadlines.Any(d => d.Stage == DeadlineStages.Registered);
            var registrationRequired = plan?.RegistrationRequired(pack.Manifest.Id) == true;
            var rows = new List<UnitDeadline>();
            foreach (var (unit, asOf) in candidates)
            {
                submissions.TryGetValue((pack.Manifest.Id, unit.Id), out var submission);
                registrations.TryGetValue((pack.Manifest.Id, unit.Id), out var registration);
                if (onlyRegistered && !DeadlineStages.Reached(DeadlineStages.Registered, submission, [], registration, registrationRequired)) continue;
                // The review chain is read by a "reviewed at" stage of a submitted dossier and by an escalation: not routed otherwise.
                List<Unit>? routed = null;
                var chain = submission is not null && DeadlineStages.ReadsChain(definition.Stage)
                    ? routed = ReviewChain(asOf, pack.Manifest, hierarchy, units) : [];
                var done = DeadlineStages.Reached(definition.Stage, submission, chain, registration, registrationRequired);
                var (waitingOn, reviewers) = done ? (null, false)
                    : definition.Stage == DeadlineStages.Registered ? DeadlineStages.RegistrationWaitingOn(unit, registration)
                    : DeadlineStages.WaitingOn(unit, submission);
                rows.Add(new UnitDeadline(unit, submission, done, waitingOn is int id ? units.GetValueOrDefault(id) : null, reviewers)
                {
                    EscalateToId = waitingOn is int w ? EscalateTo(w, unit.Id, routed ?? ReviewChain(asOf, pack.Manifest, hierarchy, units), hierarchy) : null,
                    ForRegistration = definition.Stage == DeadlineStages.Registered,
                    Registration = registration,
                });
            }
            instances.Add(new DeadlineInstance(pack, definition, year, rows));
        }
        return instances;
    }

    /// <summary>The levels that issued their yearly report of <paramref name="year"/> (a version awaiting its clerk's number counts).</summary>
    private async Task<HashSet<int>> ReportedAsync(int year, CancellationToken ct)
    {
        var prefix = Reports.YearlyReportDocuments.Prefix(year);
        return (await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.SubmissionId == null && d.Kind == Reports.YearlyReportDocuments.Kind && d.DocumentId.StartsWith(prefix))
            .Select(d => d.IssuerUnitId).Distinct().ToListAsync(ct)).ToHashSet();
    }

    /// <summary>
    /// The levels that report to the province that year (the plan: "hàng năm báo cáo kết quả … gửi về Ủy ban nhân dân tỉnh"): the
    /// province's direct children with units below them (the districts before 2025, the communes and wards since), active then.
    /// Their reviewers issue the report; an overdue one escalates to the province.
    /// </summary>
    private static List<UnitDeadline> ReportingLevels(Units.UnitHierarchy hierarchy, Dictionary<int, Unit> units, HashSet<int> withHistory, Unit? within,
        HashSet<int> reported)
    {
        var parents = hierarchy.Units.Values.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).ToHashSet();
        var rows = new List<UnitDeadline>();
        foreach (var asOf in hierarchy.Units.Values)
        {
            if (asOf.ParentId is not int parentId || hierarchy.Find(parentId)?.ParentId is not null || !parents.Contains(asOf.Id)) continue;
            if (!units.TryGetValue(asOf.Id, out var unit) || !(unit.Active || withHistory.Contains(unit.Id))) continue;
            if (within is not null && !unit.IsInSubtreeOf(within)) continue;
            var done = reported.Contains(unit.Id);
            rows.Add(new UnitDeadline(unit, null, done, done ? null : unit, !done) { EscalateToId = done ? null : parentId, Reporting = true });
        }
        rows.Sort((a, b) => ByName.Compare(a.Unit.Name, b.Unit.Name));
        return rows;
    }

    /// <summary>The units of the pack's kinds that existed in the year (active, or with a history), in name order.</summary>
    private static List<(Unit Unit, Units.UnitAsOf AsOf)> Concerned(
        CompiledPack pack, List<Unit> byName, Units.UnitHierarchy hierarchy, HashSet<int> withHistory, Unit? within)
    {
        var kinds = pack.Manifest.UnitKinds;
        var list = new List<(Unit, Units.UnitAsOf)>();
        foreach (var unit in byName)
        {
            var asOf = hierarchy.Find(unit.Id);
            var existed = asOf is not null && (unit.Active || withHistory.Contains(unit.Id));
            if (!existed || !kinds.Contains(asOf!.KindId) || (within is not null && !unit.IsInSubtreeOf(within))) continue;
            list.Add((unit, asOf));
        }
        return list;
    }

    /// <summary>
    /// The level that should act when <paramref name="waitingOn"/> is late: the next unit of the dossier's review route
    /// (the unit's first reviewer — the province for a commune after the two-level reform, the managing unit of an agency
    /// — or the reviewer after the late one), so the escalation follows the route the dossier takes, never a district
    /// that no longer exists. Off the route (the last reviewer, or a unit moved since), the parent in the year's hierarchy.
    /// </summary>
    private static int? EscalateTo(int waitingOn, int unitId, List<Unit> chain, Units.UnitHierarchy hierarchy)
    {
        var next = waitingOn == unitId ? 0 : chain.FindIndex(u => u.Id == waitingOn) is >= 0 and var at ? at + 1 : chain.Count;
        return next < chain.Count ? chain[next].Id : ParentThen(waitingOn, hierarchy);
    }

    /// <summary>The parent that year; when that parent did not exist then (a unit not yet given its periods), the root.</summary>
    private static int? ParentThen(int unitId, Units.UnitHierarchy hierarchy)
    {
        if (hierarchy.Find(unitId)?.ParentId is not int parentId) return null;
        return hierarchy.Find(parentId) is not null ? parentId : hierarchy.Units.Values.FirstOrDefault(u => u.ParentId is null)?.Id;
    }

    /// <summary>As <see cref="Units.UnitDirectory.ReviewChainAsync"/>, over units already in memory.</summary>
    private static List<Unit> ReviewChain(Units.UnitAsOf unit, FormEngine.Packs.PackManifest manifest, Units.UnitHierarchy hierarchy, Dictionary<int, Unit> units) =>
        Review.RecognitionRouting.Route(unit, manifest, hierarchy).Chain.Where(u => units.ContainsKey(u.Id)).Select(u => units[u.Id]).ToList();
}
