using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Evaluation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>One declared fact of a submission: what the system says now, what the stored verdict used, and the units behind it.</summary>
public sealed record FactView(
    string Id,
    string Title,
    string Field,
    JsonElement? Current,
    string? CurrentSource,
    JsonElement? Stored,
    bool Moved,
    IReadOnlyList<HierarchyFacts.ChildUnit> Units);

/// <summary>The facts of a submission: <see cref="Applies"/> is false when the unit has no such units in the system (the typed values stand).</summary>
public sealed record SubmissionFactsView(Guid SubmissionId, bool Applies, bool MovedSinceEvaluation, IReadOnlyList<FactView> Facts);

/// <summary>
/// Hierarchy facts seen from a submission, and keeping dependants current: when a unit's submission
/// changes state (recognised, not recognised), the editable submissions of the units above it whose
/// pack reads facts about that kind of unit are re-evaluated; a submitted one keeps its stored verdict
/// and its view shows that the facts moved since.
/// </summary>
public sealed class HierarchyFactsService(AntqDbContext db, CurrentAccount current, SubmissionStore store)
{
    public async Task<SubmissionFactsView> ViewAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        var pack = await store.PinnedPackAsync(record, ct);
        var facts = await HierarchyFacts.ForAsync(db, pack, record.Unit!, record.Year, ct);
        var stored = StoredEvaluation.Read(record.EvaluationJson)?.Facts ?? [];
        var views = new List<FactView>();
        foreach (var declared in pack.Manifest.Facts)
        {
            FactValue? now = facts is not null && facts.Values.TryGetValue(declared.Id, out var v) ? v : null;
            var then = stored.FirstOrDefault(s => s.Id == declared.Id);
            var moved = (now?.Value.GetRawText() ?? "") != (then?.Value.GetRawText() ?? "");
            var units = HierarchyFacts.Parse(declared.Id) is { } parsed
                ? await HierarchyFacts.ChildrenAsync(db, record.Unit!, parsed.Kind, record.Year, ct) : [];
            var listed = HierarchyFacts.Parse(declared.Id)?.Measure switch
            {
                "registered" => units.Where(u => u.Registered).ToList(),
                "recognised" => units.Where(u => u.Recognised).ToList(),
                _ => units,
            };
            views.Add(new FactView(declared.Id, declared.Title, declared.Fills, now?.Value, now?.Source, then?.Value, moved, listed));
        }
        return new SubmissionFactsView(record.Id, facts is not null, views.Any(f => f.Moved), views);
    }

    /// <summary>Re-evaluates the editable submissions above <paramref name="changed"/>'s unit that read facts about its kind; returns how many.</summary>
    public async Task<int> RefreshDependantsAsync(SubmissionRecord changed, SubmissionEvaluator evaluator, CancellationToken ct)
    {
        var unit = changed.Unit ?? await db.Units.FirstAsync(u => u.Id == changed.UnitId, ct);
        var ancestors = unit.AncestorIds();
        if (ancestors.Count == 0) return 0;
        var candidates = await db.Submissions.Include(s => s.Unit)
            .Where(s => s.Year == changed.Year && ancestors.Contains(s.UnitId)
                && (s.Status == SubmissionStatus.Draft || s.Status == SubmissionStatus.Returned))
            .ToListAsync(ct);
        var refreshed = 0;
        foreach (var record in candidates)
        {
            var pack = await store.PinnedPackAsync(record, ct);
            if (!pack.Manifest.Facts.Any(f => HierarchyFacts.Parse(f.Id)?.Kind == unit.KindId)) continue;
            var data = SubmissionEvaluator.Parse(record.DataJson);
            var result = await evaluator.EvaluateAsync(pack, record.Unit!, record.Year, data, ct);
            SubmissionEvaluator.Store(record, pack, data, result);
            refreshed++;
        }
        if (refreshed > 0) await db.SaveChangesAsync(ct);
        return refreshed;
    }

    public static void MapRoutes(IEndpointRouteBuilder app) =>
        app.MapGroup("/api/submissions").WithTags("Submissions").RequireAuthorization()
            .MapGet("/{id:guid}/facts", async Task<Ok<SubmissionFactsView>> (Guid id, HierarchyFactsService facts, CancellationToken ct) =>
                TypedResults.Ok(await facts.ViewAsync(id, ct)))
            .WithName("GetSubmissionFacts")
            .WithSummary("The hierarchy facts the submission's pack reads: current values computed from the system's records, the values its stored verdict used, whether they moved, and the units behind each number.");
}
