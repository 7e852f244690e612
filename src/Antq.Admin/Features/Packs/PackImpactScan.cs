using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// The work of an impact preview, for whoever was allowed to ask (<see cref="PackImpact"/> inline, <see cref="Impact.ImpactRunner"/>
/// in the background): every stored submission of a pack under a scope path, re-evaluated under a candidate version and
/// compared with the verdict stored with it (outcome and every criterion, nested ones included). Nothing is written.
/// Each row says whether activating the candidate moves the dossier (drafts and returned ones, ADR 0010) or whether it
/// stays pinned and would only change if re-evaluated (returned to its unit).
/// </summary>
public sealed class PackImpactScan(AntqDbContext db)
{
    /// <summary>How many dossiers pass between two progress reports: a report is a database write.</summary>
    public const int ProgressEvery = 200;

    private IQueryable<SubmissionRecord> InScope(string packId, string scopePath) =>
        db.Submissions.AsNoTracking().Where(s => s.PackId == packId && s.Unit!.Path.StartsWith(scopePath));

    /// <summary>
    /// The pack's submissions in scope as a count and a revision sum: every save of a submission raises its revision and a
    /// new or removed one changes the count, so an equal stamp means a finished preview still holds.
    /// </summary>
    public async Task<SubmissionsStamp> StampAsync(string packId, string scopePath, CancellationToken ct)
    {
        var totals = await InScope(packId, scopePath).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Revisions = g.Sum(s => (long)s.Revision) })
            .FirstOrDefaultAsync(ct);
        return totals is null ? new SubmissionsStamp(0, 0) : new SubmissionsStamp(totals.Count, totals.Revisions);
    }

    /// <param name="progress">Called with the number evaluated so far every <see cref="ProgressEvery"/> dossiers.</param>
    public async Task<PackImpactView> RunAsync(string packId, CompiledPack candidate, string scopePath, Func<int, Task>? progress, CancellationToken ct)
    {
        var submissions = InScope(packId, scopePath)
            .OrderBy(s => s.UnitId).ThenBy(s => s.Year)
            .Select(s => new Stored(s.Id, s.UnitId, s.Unit!.Name, s.Unit.KindId, s.Unit.Code, s.Unit.LevelId, s.Year, s.PackVersion,
                s.DataJson, s.EvaluationJson, s.OutcomeId, s.Status))
            .AsAsyncEnumerable();
        var changed = new List<SubmissionImpact>();
        var unchanged = 0;
        await foreach (var stored in submissions.WithCancellation(ct))
        {
            var impact = Compare(stored, candidate);
            if (impact is null) unchanged++;
            else changed.Add(impact);
            if (progress is not null && (changed.Count + unchanged) % ProgressEvery == 0) await progress(changed.Count + unchanged);
        }
        return new PackImpactView(packId, candidate.Manifest.Version, changed, unchanged);
    }

    private sealed record Stored(Guid Id, int UnitId, string UnitName, string Kind, string Code, string Level, int Year, string PackVersion,
        string DataJson, string EvaluationJson, string? OutcomeId, string Status);

    private static SubmissionImpact? Compare(Stored stored, CompiledPack candidate)
    {
        using var data = ParseOrNull(stored.DataJson);
        var result = candidate.Evaluate(new UnitInfo(stored.Kind, stored.Code, stored.UnitName, stored.Level), stored.Year, data.RootElement);
        // Drafts and returned dossiers move to the candidate when it is activated (ADR 0010), even with the same verdict.
        var moves = SubmissionStates.IsEditable(stored.Status) && stored.PackVersion != candidate.Manifest.Version;
        var change = VersionChanges.Verdict(stored.EvaluationJson, stored.OutcomeId, result);
        if (change is null && !moves) return null;
        var (from, to) = change is null ? (result.Outcome?.Id, result.Outcome?.Id) : (change.FromOutcome, change.ToOutcome);
        return new SubmissionImpact(stored.Id, stored.UnitId, stored.UnitName, stored.Year, stored.PackVersion, from, to, change?.Criteria ?? [], stored.Status, moves);
    }

    private static JsonDocument ParseOrNull(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("null"); // evaluated as missing data: every criterion not evaluable
        }
    }
}

/// <summary>Count and revision sum of a pack's submissions in a scope (<see cref="PackImpactScan.StampAsync"/>).</summary>
public sealed record SubmissionsStamp(int Count, long Revisions)
{
    public override string ToString() => FormattableString.Invariant($"{Count}:{Revisions}");
}
