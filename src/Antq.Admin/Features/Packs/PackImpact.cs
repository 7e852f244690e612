using System.Text.Json;
using Antq.Admin.Data;
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
        var (fromOutcome, fromStatuses) = ReadStored(stored);
        var toStatuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        Flatten(result.Criteria, toStatuses, order);
        order.AddRange(fromStatuses.Keys.Where(id => !toStatuses.ContainsKey(id)));
        var criteria = order
            .Select(id => new CriterionImpact(id, fromStatuses.GetValueOrDefault(id), toStatuses.GetValueOrDefault(id)))
            .Where(c => c.From != c.To).ToList();
        var toOutcome = result.Outcome?.Id;
        return fromOutcome == toOutcome && criteria.Count == 0
            ? null
            : new SubmissionImpact(stored.Id, stored.UnitId, stored.UnitName, stored.Year, stored.PackVersion, fromOutcome, toOutcome, criteria);
    }

    private static void Flatten(IEnumerable<CriterionResult> criteria, Dictionary<string, string> statuses, List<string> order)
    {
        foreach (var criterion in criteria)
        {
            if (statuses.TryAdd(criterion.Id, criterion.Status.ToWire())) order.Add(criterion.Id);
            Flatten(criterion.Children, statuses, order);
        }
    }

    /// <summary>The stored verdict: the record's outcome id and every criterion status of its evaluation JSON.</summary>
    private static (string? Outcome, Dictionary<string, string> Statuses) ReadStored(Stored stored)
    {
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        string? outcome = null;
        try
        {
            using var evaluation = JsonDocument.Parse(stored.EvaluationJson);
            var root = evaluation.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (Property(root, "criteria") is { } criteria) ReadCriteria(criteria, statuses);
                if (Property(root, "outcome") is { ValueKind: JsonValueKind.Object } o && Property(o, "id") is { ValueKind: JsonValueKind.String } id)
                    outcome = id.GetString();
            }
        }
        catch (JsonException)
        {
            // A verdict that cannot be read compares as "no criteria": every candidate criterion shows as new.
        }
        return (stored.OutcomeId ?? outcome, statuses);
    }

    private static void ReadCriteria(JsonElement criteria, Dictionary<string, string> statuses)
    {
        if (criteria.ValueKind != JsonValueKind.Array) return;
        foreach (var criterion in criteria.EnumerateArray())
        {
            if (criterion.ValueKind != JsonValueKind.Object) continue;
            if (Property(criterion, "id") is { ValueKind: JsonValueKind.String } id
                && Property(criterion, "status") is { ValueKind: JsonValueKind.String } status)
                statuses.TryAdd(id.GetString()!, status.GetString()!);
            if (Property(criterion, "children") is { } children) ReadCriteria(children, statuses);
        }
    }

    // Whoever stored the evaluation may have used other casing (camelCase on the wire, PascalCase by default).
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        return null;
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
