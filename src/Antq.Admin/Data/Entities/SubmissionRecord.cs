namespace Antq.Admin.Data.Entities;

/// <summary>Where a submission is in the review procedure.</summary>
public static class SubmissionStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    /// <summary>Endorsed by the recognising level; waiting for the recognition decision.</summary>
    public const string Approved = "approved";
    public const string Recognised = "recognised";
    public const string NotRecognised = "notRecognised";
}

/// <summary>One unit's submission for one pack and year.</summary>
public sealed class SubmissionRecord
{
    /// <summary>Supplied by the client on create, so a retried create is idempotent.</summary>
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public required string PackId { get; set; }
    public int Year { get; set; }

    /// <summary>The pack version the submission is pinned to (the active one at creation).</summary>
    public required string PackVersion { get; set; }

    public string Status { get; set; } = SubmissionStatus.Draft;

    /// <summary>The unit whose reviewers must act next (null while a draft or once decided).</summary>
    public int? PendingUnitId { get; set; }

    public required string DataJson { get; set; }

    /// <summary>Optimistic concurrency: every save increments it; a save with a stale value is refused.</summary>
    public int Revision { get; set; } = 1;

    /// <summary>SHA-256 of the create request's content, to tell a retry from a conflicting create.</summary>
    public required string CreateHash { get; set; }

    public required string EvaluationJson { get; set; }
    public required string EvaluatedPackHash { get; set; }

    /// <summary>
    /// The leaf criteria the stored evaluation did not meet, one per line as id, tab, title (written with it by
    /// SubmissionEvaluator.Store): the dashboard counts them over a whole country without reading ~20 KB of
    /// evaluation per dossier. Null for a dossier stored before the column existed (its evaluation is read instead).
    /// </summary>
    public string? UnmetCriteria { get; set; }
    public string? OutcomeId { get; set; }
    public bool Valid { get; set; }

    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    public Unit? Unit { get; set; }
}
