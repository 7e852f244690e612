namespace Antq.FormEngine.Packs.Diff;

/// <summary>
/// The readable difference between two compiled versions of a pack (usually of the same id):
/// manifest, form fields, criteria and rules, outcome levels, templates and deadlines. Read-only
/// over the packs' own files and models; safe to call from many threads.
/// </summary>
public static class PackDiff
{
    public static PackDiffResult Compare(CompiledPack from, CompiledPack to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var entries = new List<PackDiffEntry>();
        entries.AddRange(ManifestDiff.Compare(from.Manifest, to.Manifest));
        entries.AddRange(FormDiff.Compare(from.Form, to.Form));
        entries.AddRange(RuleDiff.Compare(from.Files.Get("rules.json")!, to.Files.Get("rules.json")!, from.Manifest.Workflow, to.Manifest.Workflow));
        entries.AddRange(OutcomeDiff.Compare(from.Manifest.Outcome, to.Manifest.Outcome));
        entries.AddRange(TemplateDiff.Compare(from.Files, to.Files));
        entries.AddRange(DeadlineDiff.Compare(from.Deadlines, to.Deadlines));
        return new PackDiffResult(to.Manifest.Id, from.Manifest.Version, to.Manifest.Version, entries);
    }
}
