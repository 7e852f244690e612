namespace Antq.Admin.Data.Entities;

/// <summary>Where moving a pack's dossiers stands: waiting for a runner, moving, finished, failed (error set), or replaced by a later activation.</summary>
public static class MoveRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Superseded = "superseded";

    public static bool IsFinished(string status) => status is Done or Failed or Superseded;
}

/// <summary>
/// The drafts and returned dossiers of a pack being moved to the version an activation made active (ADR 0010, issue 19),
/// batch by batch after the activation has answered. Kept in the database so any instance reports its progress and takes
/// over a run whose runner went silent. <see cref="Claim"/> is the concurrency token of every batch: a takeover or a later
/// activation replaces it, and the batch of the runner that lost it then commits nothing.
/// </summary>
public sealed class MoveRun
{
    public Guid Id { get; set; }
    public required string PackId { get; set; }

    /// <summary>The version activated: the dossiers move to it.</summary>
    public required string Version { get; set; }

    /// <summary>The version active before (null for a pack's first activation), for the page's sentence.</summary>
    public string? FromVersion { get; set; }

    /// <summary>The administrator who activated: the moves are audited and notified in their name.</summary>
    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public int RequestedByUnitId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    public string Status { get; set; } = MoveRunStatus.Queued;

    /// <summary>Dossiers moved so far, and the drafts and returned dossiers there were to move at the activation.</summary>
    public int Done { get; set; }
    public int Total { get; set; }

    /// <summary>The runner holding the run; null while queued or once replaced.</summary>
    public Guid? Claim { get; set; }

    /// <summary>Last sign of life of the runner (its claim and every batch): a running run silent for long is taken over.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why the run failed, in Vietnamese for the administrator.</summary>
    public string? Error { get; set; }
}
