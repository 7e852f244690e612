using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// Impact preview: every stored submission of a pack, re-evaluated under a candidate version and
/// compared with the verdict stored with it (outcome and every criterion, nested ones included).
/// Nothing is written; the candidate need not be active. Each row says whether activating the candidate
/// moves the dossier (drafts and returned ones, ADR 0010) or whether it stays pinned and would only
/// change if re-evaluated (returned to its unit).
/// </summary>
public sealed class PackImpact(AntqDbContext db, PackCatalog catalog, CurrentAccount current)
{
    public async Task<PackImpactView> PreviewAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var candidate = await catalog.GetAsync(packId, version, ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
        var scope = account.ScopeUnit.Path;
        var submissions = db.Submissions.AsNoTracking()
            .Where(s => s.PackId == packId && s.Unit!.Path.StartsWith(scope))
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
        }
        return new PackImpactView(packId, version, changed, unchanged);
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
