namespace Antq.FormEngine.Packs;

/// <summary>pack.json, as read after it passed the manifest schema.</summary>
public sealed record PackManifest(
    int Format,
    string Id,
    string Version,
    string Title,
    IReadOnlyList<string> LegalBasis,
    IReadOnlyList<string> UnitKinds,
    DateOnly? EffectiveFrom,
    string RecognisedBy,
    string Workflow,
    IReadOnlyList<OutcomeLevel> Outcome,
    IReadOnlyList<DocumentRef> Documents)
{
    /// <summary>Additive (docs/packs.md): hierarchy facts the pack reads, each filling one form field.</summary>
    public IReadOnlyList<Evaluation.FactDeclaration> Facts { get; init; } = [];
}

/// <summary>An outcome level: the first whose <see cref="When"/> holds is the outcome.</summary>
public sealed record OutcomeLevel(string Id, string Title, string When);

/// <summary>A dossier document the pack produces, by template id.</summary>
public sealed record DocumentRef(string Id, string Title, string Template);
