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

    /// <summary>
    /// Additive (docs/packs.md, "Who recognises"): rules naming the recognising level by unit kind,
    /// managing level and date; the first that applies wins, <see cref="RecognisedBy"/> is the fallback.
    /// </summary>
    public IReadOnlyList<RecognitionRule> Recognition { get; init; } = [];
}

/// <summary>
/// One row of a pack's recognition table. <see cref="By"/>: <c>commune</c>, <c>district</c>, <c>province</c>
/// (the nearest ancestor of that level; the root when the level does not exist that year), <c>managing</c>
/// (the unit's managing unit) or <c>outside</c> (decided outside the province, e.g. the Minister; recorded only).
/// Empty <see cref="UnitKinds"/>/<see cref="ManagedAt"/> match any; <see cref="From"/>/<see cref="Until"/> bound
/// the dates (inclusive) the row applies to. <see cref="Delegable"/>: a province that delegates recognition
/// (TT124 Điều 10 k5) hands it one level down.
/// </summary>
public sealed record RecognitionRule(IReadOnlyList<string> UnitKinds, IReadOnlyList<string> ManagedAt, string By,
    DateOnly? From = null, DateOnly? Until = null, bool Delegable = false)
{
    public bool Applies(string kindId, string managedAt, DateOnly date) =>
        (UnitKinds.Count == 0 || UnitKinds.Contains(kindId)) && (ManagedAt.Count == 0 || ManagedAt.Contains(managedAt))
        && (From is null || From <= date) && (Until is null || date <= Until);
}

/// <summary>An outcome level: the first whose <see cref="When"/> holds is the outcome.</summary>
public sealed record OutcomeLevel(string Id, string Title, string When);

/// <summary>A dossier document the pack produces, by template id.</summary>
/// <param name="RequiredAtSubmit">The dossier cannot be sent without it (TT124 Điều 9 khoản 2 điểm b). On the meeting's minutes it also
/// means the unit holds its own assessment meeting (Điều 9 khoản 1) before sending, instead of the reviewing level.</param>
public sealed record DocumentRef(string Id, string Title, string Template, bool RequiredAtSubmit = false)
{
    /// <summary>
    /// On the minutes of the unit's own meeting: whom its attendees must include, as <see cref="Documents.MeetingRoles"/> ids
    /// (TT124 Điều 9 khoản 1 names the Công an cơ sở for every kind and, for an agency, enterprise or school, the authority
    /// managing it). Absent in pack.json: the Công an cơ sở only.
    /// </summary>
    public IReadOnlyList<string> RequiredRoles { get; init; } = Documents.MeetingRoles.DefaultRequired;
}
