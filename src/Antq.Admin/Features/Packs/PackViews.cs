using System.Text.Json;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// A pack as listed: what its active version says about it, who activated that version and when,
/// and how many submissions of the pack the account can see.
/// </summary>
public sealed record PackSummary(string Id, string Title, string? ActiveVersion, IReadOnlyList<string> UnitKinds, string RecognisedBy, int Versions,
    string? ActivatedBy = null, DateTimeOffset? ActivatedAt = null, int Submissions = 0);

/// <summary>
/// One stored version: the uploaded bytes' SHA-256, who uploaded it and when. <see cref="Status"/> is
/// <c>active</c>, <c>previous</c> (active once, not now) or <c>never</c> (never activated).
/// </summary>
public sealed record PackVersionView(string Id, string Version, string Title, string Sha256, string UploadedBy, DateTimeOffset UploadedAt, bool Active)
{
    public string Status { get; init; } = PackVersionStatus.Never;

    /// <summary>When this version last became active (null if never).</summary>
    public DateTimeOffset? LastActivatedAt { get; init; }

    /// <summary>The reading account prepared this version and the four-eyes rule is on: another administrator activates it.</summary>
    public bool AwaitsOtherAdmin { get; init; }
}

public static class PackVersionStatus
{
    public const string Active = "active";
    public const string Previous = "previous";
    public const string Never = "never";
}

public sealed record PackUploaded(string Id, string Version, bool Activated);

public sealed record PackAlreadyStored(string Id, string Version);

/// <summary>A refusal reason of an upload, as in the 422 ProblemDetails' <c>errors</c>.</summary>
public sealed record PackErrorView(string Path, string Code, string Message);

/// <summary>
/// An activation's answer: the pointer has moved; <c>dossiersToMove</c> drafts and returned dossiers are being moved to the
/// version in the background by <c>moveRun</c> (null when none), whose progress is at its <c>location</c>.
/// </summary>
public sealed record PackActivationView(string Id, string ActiveVersion, string? PreviousVersion, DateTimeOffset ActivatedAt, bool Changed,
    int DossiersToMove, Moves.MoveRunView? MoveRun)
{
    public static PackActivationView Of(PackActivation done) =>
        new(done.PackId, done.Version, done.Previous, done.ActivatedAt, done.Changed, done.Moves is { } run ? run.Total - run.Done : 0, done.Moves);
}

/// <summary>What a form renderer needs: the schema with its x-ui hints, the criteria, documents and deadlines.</summary>
public sealed record PackFormView(
    string Id,
    string Version,
    string Title,
    JsonElement Schema,
    IReadOnlyList<PackCriterionView> Criteria,
    IReadOnlyList<DocumentRef> Documents,
    IReadOnlyList<PackDeadlineView> Deadlines);

public sealed record PackCriterionView(string Id, string Title, string? Group);

/// <summary>A deadline in the words of deadlines.json (<c>MM-DD</c>, ISO 8601 durations).</summary>
public sealed record PackDeadlineView(string Id, string Title, string Due, string? Opens, string Stage, IReadOnlyList<string> Remind, string? EscalateAfter);

/// <summary>Body of <c>POST /api/packs/{id}/evaluate</c>.</summary>
public sealed record EvaluateRequest(EvaluateUnit? Unit, int? Year, JsonElement Data);

/// <summary>The unit the data is evaluated for; only <see cref="Kind"/> is required.</summary>
public sealed record EvaluateUnit(string? Kind, string? Code = null, string? Name = null, string? Level = null);

/// <summary>Impact of a candidate version on the stored submissions of its pack.</summary>
public sealed record PackImpactView(string PackId, string Version, IReadOnlyList<SubmissionImpact> Changed, int Unchanged);

/// <summary>
/// A submission whose outcome or criteria would change, or that activation would move: <c>from</c>/<c>to</c> are
/// outcome ids; <c>moves</c>: a draft or returned dossier, moved to the candidate when it is activated; otherwise it
/// stays pinned to its version and changes only if it is returned.
/// </summary>
public sealed record SubmissionImpact(
    Guid SubmissionId,
    int UnitId,
    string UnitName,
    int Year,
    string PackVersion,
    string? From,
    string? To,
    IReadOnlyList<CriterionImpact> Criteria,
    string Status,
    bool Moves);

/// <summary>A criterion whose status changes (<c>met</c>, <c>notMet</c>, <c>notEvaluable</c>; null where absent).</summary>
public sealed record CriterionImpact(string Id, string? From, string? To);
