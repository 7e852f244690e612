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
/// Nothing is written; the candidate need not be active.
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
                s.DataJson, s.EvaluationJson, s.OutcomeId))
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
        string DataJson, string EvaluationJson, string? OutcomeId);

    private static SubmissionImpact? Compare(Stored stored, CompiledPack candidate)
    {
        using var data = ParseOrNull(stored.DataJson);
        var result = candidate.Evaluate(new UnitInfo(stored.Kind, stored.Code, stored.UnitName, stored.Level), stored.Year, data.RootElement);
        // A stored verdict that cannot be read compares as "no criteria": every candidate criterion shows as new.
        var verdict = StoredEvaluation.Read(stored.EvaluationJson);
        var fromOutcome = stored.OutcomeId ?? verdict?.Outcome?.Id;
        var fromStatuses = Statuses(verdict?.Criteria ?? []);
        var toStatuses = Statuses(result.Criteria);
        var order = toStatuses.Keys.Concat(fromStatuses.Keys.Where(id => !toStatuses.ContainsKey(id)));
        var criteria = order
            .Select(id => new CriterionImpact(id, fromStatuses.GetValueOrDefault(id), toStatuses.GetValueOrDefault(id)))
            .Where(c => c.From != c.To).ToList();
        var toOutcome = result.Outcome?.Id;
        return fromOutcome == toOutcome && criteria.Count == 0
            ? null
            : new SubmissionImpact(stored.Id, stored.UnitId, stored.UnitName, stored.Year, stored.PackVersion, fromOutcome, toOutcome, criteria);
    }

    /// <summary>Every criterion's status by id in tree order (the first of a duplicated id counts).</summary>
    private static OrderedDictionary<string, string> Statuses(IEnumerable<CriterionResult> criteria)
    {
        var statuses = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var criterion in criteria.Flatten()) statuses.TryAdd(criterion.Id, criterion.Status.ToWire());
        return statuses;
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
