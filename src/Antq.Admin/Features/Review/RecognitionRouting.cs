using Antq.Admin.Features.Units;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Review;

/// <summary>
/// Where a dossier goes: the review chain (each unit endorses in turn, the last one recognises) built
/// from the pack's recognition rules over the hierarchy of the dossier's year.
/// </summary>
/// <param name="Chain">Reviewing units, first reviewer first, recognising unit last; empty when the unit has no one above it.</param>
/// <param name="By">The rule's <c>by</c> (or the pack's <c>recognisedBy</c>).</param>
/// <param name="Outside">Recognised outside the province (the Minister, TT124 Điều 10 k4): the last unit only records the decision.</param>
/// <param name="Delegated">The province delegated the recognition one level down (TT124 Điều 10 k5).</param>
public sealed record ReviewRoute(IReadOnlyList<UnitAsOf> Chain, string By, bool Outside, bool Delegated)
{
    public UnitAsOf? Recognising => Chain.Count == 0 ? null : Chain[^1];
}

public static class RecognitionRouting
{
    public const string Managing = "managing";
    public const string Outside = "outside";

    /// <summary>The managing level of a unit: its own <c>ManagedAt</c>, else its managing unit's level, else its parent's.</summary>
    public static string ManagedAt(UnitAsOf unit, UnitHierarchy hierarchy) =>
        unit.ManagedAt ?? ManagingUnit(unit, hierarchy)?.LevelId ?? "";

    public static UnitAsOf? ManagingUnit(UnitAsOf unit, UnitHierarchy hierarchy) =>
        unit.ManagingUnitId is int m && hierarchy.Find(m) is { } managing ? managing
        : unit.ParentId is int p ? hierarchy.Find(p) : null;

    public static ReviewRoute Route(UnitAsOf unit, PackManifest manifest, UnitHierarchy hierarchy)
    {
        var managedAt = ManagedAt(unit, hierarchy);
        var rule = manifest.Recognition.FirstOrDefault(r => r.Applies(unit.KindId, managedAt, hierarchy.Date));
        var by = rule?.By ?? manifest.RecognisedBy;
        var geographic = hierarchy.Ancestors(unit.Id);
        if (geographic.Count == 0) return new ReviewRoute([], by, false, false);
        var root = geographic[^1];

        if (by == Outside) return new ReviewRoute([root], by, true, false);

        // The way up starts at the managing unit when it is not the parent (a province-managed school in a phường).
        var path = unit.ManagingUnitId is int m && m != unit.ParentId && hierarchy.Find(m) is { } managing
            ? [managing, .. hierarchy.Ancestors(managing.Id)]
            : geographic;

        List<UnitAsOf> chain;
        if (by == Managing) chain = [path[0]];
        else
        {
            chain = [];
            foreach (var step in path)
            {
                chain.Add(step);
                if (step.LevelId == by) break;
            }
        }

        // Delegation: the province hands the decision to the unit one level below it on the unit's own path.
        if (rule is { Delegable: true } && chain[^1].Id == root.Id && root.DelegatesRecognition && geographic.Count >= 2)
        {
            return new ReviewRoute(geographic.Take(geographic.Count - 1).ToList(), by, false, true);
        }
        return new ReviewRoute(chain, by, false, false);
    }
}
