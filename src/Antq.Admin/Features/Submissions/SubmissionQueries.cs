using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>Reads of submissions and their audit trail, always limited to the caller's scope (its subtree; for a reviewer also
/// the dossiers whose review route passes through its unit).</summary>
public sealed class SubmissionQueries(AntqDbContext db, CurrentAccount current, SubmissionStore store, Deadlines.OverdueDossiers overdue)
{
    public async Task<SubmissionView> GetAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        return await ViewAsync(record, record.Unit!, ct);
    }

    public async Task<Result<IReadOnlyList<SubmissionSummary>>> ListAsync(SubmissionFilter filter, CancellationToken ct)
    {
        var page = await PageAsync(filter, ct);
        if (page.Failure is { } failure) return failure;
        return page.Value!.Items.ToList();
    }

    /// <summary>The filtered list in a stable order (year, unit name, pack, id), one page of it, and the total.</summary>
    public async Task<Result<SubmissionPage>> PageAsync(SubmissionFilter filter, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        if (filter.Status is { } status && !SubmissionStates.Labels.ContainsKey(status))
            return Refusal.BadRequest($"Trạng thái «{status}» không có. Các trạng thái: {string.Join(", ", SubmissionStates.Labels.Keys)}.");
        var scopePath = account.ScopeUnit.Path;
        var routed = await RoutedHereAsync(account, ct);
        var query = db.Submissions.AsNoTracking().Where(s => s.Unit!.Path.StartsWith(scopePath) || routed.Contains(s.Id));
        if (filter.UnitId is { } unitId) query = query.Where(s => s.UnitId == unitId);
        if (!string.IsNullOrWhiteSpace(filter.PackId)) query = query.Where(s => s.PackId == filter.PackId);
        if (filter.Year is { } year) query = query.Where(s => s.Year == year);
        if (filter.Status is not null) query = query.Where(s => s.Status == filter.Status);
        if (filter.Overdue)
        {
            var late = (await overdue.IdsAsync(account.ScopeUnit, filter.Year, ct)).ToList();
            query = query.Where(s => late.Contains(s.Id));
        }
        if (filter.Pending)
        {
            // What waits on the caller's own committee, not on units below it.
            var scopeId = account.ScopeUnit.Id;
            query = query.Where(s => s.PendingUnitId == scopeId && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.Approved));
        }
        // Counted only for a page; listing everything, the rows are the total.
        var total = filter.Take is null ? -1 : await query.CountAsync(ct);
        var ordered = query.OrderByDescending(s => s.Year).ThenBy(s => s.Unit!.Name).ThenBy(s => s.PackId).ThenBy(s => s.Id)
            .Skip(Math.Max(0, filter.Skip));
        if (filter.Take is { } take) ordered = ordered.Take(take);
        var rows = await ordered
            .Select(s => new SubmissionSummary(s.Id, new UnitRef(s.UnitId, s.Unit!.Name, s.Unit!.KindId), s.PackId, s.PackVersion, s.Year,
                s.Status, s.PendingUnitId, s.Revision, s.Valid, s.OutcomeId, s.UpdatedAt, s.SubmittedAt))
            .ToListAsync(ct);
        return new SubmissionPage(rows, total < 0 ? rows.Count + Math.Max(0, filter.Skip) : total);
    }

    /// <summary>
    /// For a reviewer, the dossiers of units outside its subtree whose review route passes through its unit. A route
    /// climbs from a unit by its managing unit or its parent of the year (a period's, or the row's); so it can reach the
    /// reviewer's subtree from outside only over a period parent or a managing unit that lies in it (or in a subtree
    /// already reached that way). Those subtrees are found from the few period and managing links first; only their
    /// dossiers are routed one by one. Reading and routing every dossier with a history (every commune since the 2025
    /// reform) made a province reviewer's list take minutes at national size.
    /// </summary>
    private async Task<List<Guid>> RoutedHereAsync(Account account, CancellationToken ct)
    {
        if (!account.IsReviewer) return [];
        var reached = await SubtreesRoutedIntoAsync(account.ScopeUnit.Path, ct);
        var routed = new List<Guid>();
        var seen = new HashSet<Guid>();
        foreach (var path in reached)
        {
            var candidates = await db.Submissions.AsNoTracking().Include(s => s.Unit).Where(s => s.Unit!.Path.StartsWith(path)).ToListAsync(ct);
            foreach (var record in candidates)
                if (seen.Add(record.Id) && await store.RoutedThroughAsync(account, record, ct)) routed.Add(record.Id);
        }
        return routed;
    }

    /// <summary>Paths of the subtrees outside <paramref name="scopePath"/> that a route can lead into it from.</summary>
    private async Task<List<string>> SubtreesRoutedIntoAsync(string scopePath, CancellationToken ct)
    {
        var links = await db.UnitPeriods.AsNoTracking().Where(p => p.ParentId != null).Select(p => new { From = p.UnitId, To = p.ParentId!.Value })
            .Concat(db.Units.AsNoTracking().Where(u => u.ManagingUnitId != null).Select(u => new { From = u.Id, To = u.ManagingUnitId!.Value }))
            .ToListAsync(ct);
        if (links.Count == 0) return [];
        var ids = links.SelectMany(l => new[] { l.From, l.To }).Distinct().ToList();
        var paths = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var reached = new List<string> { scopePath };
        bool Inside(string path) => reached.Exists(r => path.StartsWith(r, StringComparison.Ordinal));
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var link in links)
                if (paths.TryGetValue(link.From, out var from) && paths.TryGetValue(link.To, out var to) && !Inside(from) && Inside(to))
                {
                    reached.Add(from);
                    grew = true;
                }
        }
        return reached.Skip(1).ToList();
    }

    public async Task<IReadOnlyList<AuditView>> AuditAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        await store.GetVisibleAsync(account, id, ct);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.SubmissionId == id).OrderBy(a => a.Id).ToListAsync(ct);
        return entries.Select(e =>
        {
            var details = SubmissionEvaluator.Parse(e.DetailsJson);
            return new AuditView(e.Id, e.Action, e.ActorName, e.ActorUnitId, e.At, Text(details, "fromStatus"), Text(details, "toStatus"), details);
        }).ToList();
    }

    /// <summary>The record view: unit, where it waits, its review chain and the latest return reasons.</summary>
    public async Task<SubmissionView> ViewAsync(SubmissionRecord record, Unit unit, CancellationToken ct)
    {
        var pack = await store.PinnedPackAsync(record, ct);
        var chain = await store.ChainAsync(unit, pack, record.Year, ct);
        var pending = record.PendingUnitId is { } pendingId
            ? chain.FirstOrDefault(u => u.Id == pendingId) ?? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == pendingId, ct)
            : null;
        return new SubmissionView(record.Id, Ref(unit), record.PackId, record.PackVersion, record.Year, record.Status,
            pending is null ? null : Ref(pending), record.Revision,
            SubmissionEvaluator.Parse(record.DataJson), StoredEvaluation.ToElement(record.EvaluationJson), record.Valid, record.OutcomeId,
            record.EvaluatedPackHash,
            record.DecisionNumber is null ? null : new DecisionView(record.DecisionNumber, record.DecisionDate),
            chain.Select(Ref).ToList(), await LatestReturnAsync(record.Id, ct),
            record.CreatedAt, record.UpdatedAt, record.SubmittedAt);
    }

    /// <summary>Return reasons live in the audit trail (the record has no column for them).</summary>
    private async Task<ReturnReasonsView?> LatestReturnAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubmissionId == id && a.Action == SubmissionAudit.Returned)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (entry is null) return null;
        var details = SubmissionEvaluator.Parse(entry.DetailsJson);
        var criteria = details.TryGetProperty("criteria", out var c) && c.ValueKind == JsonValueKind.Object
            ? c.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : new Dictionary<string, string>();
        return new ReturnReasonsView(Text(details, "reason") ?? "", criteria, entry.ActorName, entry.At);
    }

    private static UnitRef Ref(Unit unit) => new(unit.Id, unit.Name, unit.KindId);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
