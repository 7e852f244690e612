using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Plans;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Review;

/// <summary>
/// A submission in a reviewer's queue, with the pack's title and the review deadline when the pack
/// sets one; a returned one with when, by whom and why it was last returned.
/// </summary>
public sealed record ReviewRow(SubmissionSummary Submission, string PackTitle, DateTimeOffset? DueAt, bool Overdue, ReturnNote? Returned = null);

public sealed record ReturnNote(DateTimeOffset At, string By, string Reason, int CriteriaCount);

public sealed record ReviewQueueSet(IReadOnlyList<ReviewRow> Pending, IReadOnlyList<ReviewRow> Returned, IReadOnlyList<ReviewRow> Overdue);

/// <summary>
/// The reviewer's queues: what waits on the caller's own committee ("Cần xem xét"), what was
/// returned for changes in the caller's scope ("Đã trả lại"), and what waits here past the pack's
/// deadline for this step ("Quá hạn": <c>reviewed:&lt;level&gt;</c>, or <c>recognised</c> when the caller's
/// committee ends the dossier's <see cref="ReviewRoute"/>), with the year plan's dates over the pack's.
/// Scope is enforced by <see cref="SubmissionQueries"/>.
/// </summary>
public sealed class ReviewQueues(CurrentAccount current, SubmissionQueries queries, PackCatalog catalog, AntqDbContext db, TimeProvider time,
    UnitPeriods periods, YearPlans plans)
{
    public async Task<Result<ReviewQueueSet>> LoadAsync(CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var pending = await queries.ListAsync(new SubmissionFilter(null, null, null, null, Pending: true), ct);
        if (pending.Failure is { } failure) return failure;
        var returned = await queries.ListAsync(new SubmissionFilter(null, null, null, SubmissionStatus.Returned, Pending: false), ct);
        if (returned.Failure is { } failure2) return failure2;

        var now = time.GetUtcNow();
        var years = new Dictionary<int, (UnitHierarchy Hierarchy, Func<CompiledPack, IReadOnlyList<DeadlineDefinition>> Deadlines)>();
        var pendingRows = new List<ReviewRow>();
        foreach (var row in pending.Value!)
        {
            var pack = await catalog.GetAsync(row.PackId, row.PackVersion, ct);
            if (!years.TryGetValue(row.Year, out var year))
                years[row.Year] = year = (await periods.ForYearAsync(row.Year, ct), await plans.DeadlinesAsync(row.Year, ct));
            var due = pack is null ? null : DueAt(pack, year.Deadlines(pack), year.Hierarchy, account, row);
            pendingRows.Add(new ReviewRow(row, pack?.Manifest.Title ?? row.PackId, due, due is { } d && d < now));
        }
        var notes = await ReturnNotesAsync(returned.Value!.Select(r => r.Id).ToList(), ct);
        var returnedRows = new List<ReviewRow>();
        foreach (var row in returned.Value!)
        {
            var pack = await catalog.GetAsync(row.PackId, row.PackVersion, ct);
            returnedRows.Add(new ReviewRow(row, pack?.Manifest.Title ?? row.PackId, null, false, notes.GetValueOrDefault(row.Id)));
        }
        return new ReviewQueueSet(pendingRows, returnedRows, pendingRows.Where(r => r.Overdue).OrderBy(r => r.DueAt).ToList());
    }

    /// <summary>The latest return of each submission, from the audit trail (one query; the ids are already scope-checked).</summary>
    private async Task<Dictionary<Guid, ReturnNote>> ReturnNotesAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubmissionId != null && ids.Contains(a.SubmissionId.Value) && a.Action == SubmissionAudit.Returned)
            .Select(a => new { SubmissionId = a.SubmissionId!.Value, a.Id, a.At, a.ActorName, a.DetailsJson })
            .ToListAsync(ct);
        return entries.GroupBy(e => e.SubmissionId).ToDictionary(g => g.Key, g =>
        {
            var last = g.MaxBy(e => e.Id)!;
            var details = SubmissionEvaluator.Parse(last.DetailsJson);
            var reason = details.ValueKind == JsonValueKind.Object && details.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() ?? "" : "";
            var criteria = details.ValueKind == JsonValueKind.Object && details.TryGetProperty("criteria", out var c) && c.ValueKind == JsonValueKind.Object ? c.EnumerateObject().Count() : 0;
            return new ReturnNote(last.At, last.ActorName, reason, criteria);
        });
    }

    /// <summary>
    /// The earliest deadline of the step the caller's committee has to take, in the submission's year: its
    /// level's review, and the recognition when it is the last unit of the dossier's route (or already approved).
    /// </summary>
    private static DateTimeOffset? DueAt(CompiledPack pack, IReadOnlyList<DeadlineDefinition> deadlines, UnitHierarchy hierarchy, Account account, SubmissionSummary row)
    {
        var stages = new HashSet<string>(StringComparer.Ordinal) { $"{DeadlineStages.ReviewedPrefix}{account.ScopeUnit.LevelId}" };
        var recognising = hierarchy.Find(row.Unit.Id) is { } unit ? RecognitionRouting.Route(unit, pack.Manifest, hierarchy).Recognising : null;
        if (row.Status == SubmissionStatus.Approved || recognising?.Id == account.ScopeUnit.Id) stages.Add(DeadlineStages.Recognised);
        var dues = deadlines.Where(d => stages.Contains(d.Stage)).Select(d => d.DueAt(row.Year)).ToList();
        return dues.Count == 0 ? null : dues.Min();
    }
}
