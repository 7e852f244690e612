using Antq.Admin.Features.Submissions;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs.Diff;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// What a pack version changes for one dossier (ADR 0010): its verdict compared with the one stored with it
/// (outcome and every criterion, nested ones included), and the form fields the new version adds, removes or
/// re-types. The impact preview, the activation that moves drafts and the unit's own move all read it here.
/// </summary>
public static class VersionChanges
{
    /// <summary>The stored verdict against <paramref name="now"/>; null when nothing differs.</summary>
    public static VerdictChange? Verdict(string storedEvaluationJson, string? storedOutcomeId, EvaluationResult now)
    {
        // A stored verdict that cannot be read compares as "no criteria": every new criterion shows as new.
        var verdict = StoredEvaluation.Read(storedEvaluationJson);
        var fromOutcome = storedOutcomeId ?? verdict?.Outcome?.Id;
        var fromStatuses = Statuses(verdict?.Criteria ?? []);
        var toStatuses = Statuses(now.Criteria);
        var order = toStatuses.Keys.Concat(fromStatuses.Keys.Where(id => !toStatuses.ContainsKey(id)));
        var criteria = order
            .Select(id => new CriterionImpact(id, fromStatuses.GetValueOrDefault(id), toStatuses.GetValueOrDefault(id)))
            .Where(c => c.From != c.To).ToList();
        var toOutcome = now.Outcome?.Id;
        return fromOutcome == toOutcome && criteria.Count == 0 ? null : new VerdictChange(fromOutcome, toOutcome, criteria);
    }

    /// <summary>The form fields added, removed or re-typed from <paramref name="from"/> to <paramref name="to"/>, as the pack diff words them.</summary>
    public static IReadOnlyList<string> Fields(CompiledPack from, CompiledPack to) =>
        ReferenceEquals(from, to) ? [] : PackDiff.Compare(from, to).Entries
            .Where(e => e.Area == DiffArea.Form && (e.Kind != DiffKind.Changed || e.Key.EndsWith("#type", StringComparison.Ordinal)))
            .Select(e => e.Description).ToList();

    /// <summary>
    /// The criteria of a change in words ("Đạt → Chưa đạt"), nested ones included, titled from the new verdict, else from the
    /// stored one (a criterion the new version removed).
    /// </summary>
    public static IReadOnlyList<ImpactCriterion> Describe(VerdictChange? change, string storedEvaluationJson, EvaluationResult now)
    {
        if (change is null) return [];
        var titles = (StoredEvaluation.Read(storedEvaluationJson)?.Criteria.Flatten() ?? []).Concat(now.Criteria.Flatten())
            .GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Title, StringComparer.Ordinal);
        return change.Criteria.Select(c => new ImpactCriterion(c.Id, titles.GetValueOrDefault(c.Id) ?? "", PackLabels.CriterionStatus(c.From), PackLabels.CriterionStatus(c.To))).ToList();
    }

    /// <summary>Every criterion's status by id in tree order (the first of a duplicated id counts).</summary>
    private static OrderedDictionary<string, string> Statuses(IEnumerable<CriterionResult> criteria)
    {
        var statuses = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var criterion in criteria.Flatten()) statuses.TryAdd(criterion.Id, criterion.Status.ToWire());
        return statuses;
    }
}

/// <summary>A verdict that differs: outcome ids before and after, and the criteria whose status changes.</summary>
public sealed record VerdictChange(string? FromOutcome, string? ToOutcome, IReadOnlyList<CriterionImpact> Criteria);
