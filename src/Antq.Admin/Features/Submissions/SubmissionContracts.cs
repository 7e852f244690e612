using System.Text.Json;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// Body of <c>PUT /api/submissions/{id}</c>. Without <see cref="Version"/> it is a create (or its
/// retry); with it, a draft save against that revision. <see cref="UnitId"/> only has to agree with
/// the account's unit: the unit always comes from the account and the stored record.
/// </summary>
public sealed record SaveSubmissionRequest(int? UnitId, string? PackId, int? Year, JsonElement Data, int? Version);

/// <summary>Return for changes: an overall reason and, optionally, one reason per criterion id.</summary>
public sealed record ReturnRequest(string? Reason, Dictionary<string, string>? Criteria);

public sealed record RecogniseRequest(string? DecisionNumber, DateOnly? DecisionDate);

public sealed record RejectRequest(string? Reason);

public sealed record MoveRequest(string? Version);

public sealed record UnitRef(int Id, string Name, string Kind);

public sealed record DecisionView(string Number, DateOnly? Date);

public sealed record ReturnReasonsView(string Reason, IReadOnlyDictionary<string, string> Criteria, string By, DateTimeOffset At);

/// <summary>One submission as its readers see it, with the stored evaluation and where it waits.</summary>
public sealed record SubmissionView(
    Guid Id,
    UnitRef Unit,
    string PackId,
    string PackVersion,
    int Year,
    string Status,
    UnitRef? PendingUnit,
    int Revision,
    JsonElement Data,
    JsonElement Evaluation,
    bool Valid,
    string? OutcomeId,
    string EvaluatedPackHash,
    DecisionView? Decision,
    IReadOnlyList<UnitRef> ReviewChain,
    ReturnReasonsView? LatestReturn,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt);

/// <summary>A row of the submission list (no form data).</summary>
public sealed record SubmissionSummary(
    Guid Id,
    UnitRef Unit,
    string PackId,
    string PackVersion,
    int Year,
    string Status,
    int? PendingUnitId,
    int Revision,
    bool Valid,
    string? OutcomeId,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt);

/// <summary>Which submissions to list; <paramref name="Take"/> null lists all that match (the API always sets a page).</summary>
/// <summary>The dossier list's filters; <see cref="Overdue"/>: only dossiers whose unit is past a deadline (<see cref="Deadlines.OverdueDossiers"/>).</summary>
public sealed record SubmissionFilter(int? UnitId, string? PackId, int? Year, string? Status, bool Pending, int Skip = 0, int? Take = null, bool Overdue = false);

/// <summary>A page of the list: the rows and how many match the filter in all.</summary>
public sealed record SubmissionPage(IReadOnlyList<SubmissionSummary> Items, int Total);

public sealed record AuditView(long Id, string Action, string ActorName, int? ActorUnitId, DateTimeOffset At, string? FromStatus, string? ToStatus, JsonElement Details);

/// <summary>
/// The answer to a draft save: the new revision, the pack version the draft is on (an activation may have moved it)
/// and the verdict in brief (outcome, counts, field errors). Autosave
/// needs only the revision; the full record (<see cref="SubmissionView"/>: data, 20 KB of evaluation, review chain)
/// is one GET away. Rebuilding it on every save cost six queries and two large JSON parses.
/// </summary>
public sealed record DraftSaved(
    Guid Id,
    int Revision,
    string Status,
    string PackVersion,
    DateTimeOffset UpdatedAt,
    bool Valid,
    Antq.FormEngine.Evaluation.OutcomeRef? Outcome,
    Antq.FormEngine.Evaluation.EvaluationSummary Summary,
    IReadOnlyList<Antq.FormEngine.Evaluation.FieldError> Errors);

/// <summary>What a PUT did: a create (201) or its retry (200) answers with the record (<see cref="View"/>), a draft save with <see cref="Saved"/>.</summary>
public sealed record SaveOutcome(bool Created, SubmissionView? View = null, DraftSaved? Saved = null)
{
    public int Revision => Saved?.Revision ?? View!.Revision;
}

/// <summary>
/// What moving a dossier from <see cref="FromVersion"/> to <see cref="ToVersion"/> changes for it (ADR 0010): its
/// outcome (titles) and the criteria whose verdict changes on its own data, the form fields added, removed or re-typed,
/// and whether its data is valid under the new version.
/// </summary>
public sealed record VersionMoveView(
    string FromVersion,
    string ToVersion,
    string FromOutcome,
    string ToOutcome,
    bool OutcomeChanged,
    IReadOnlyList<string> Fields,
    IReadOnlyList<Packs.ImpactCriterion> Criteria,
    bool Valid);
