namespace Antq.Admin.Data.Entities;

/// <summary>Where an impact run is: waiting for its runner, evaluating, finished with a result, or failed (error text set).</summary>
public static class ImpactRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>
/// An impact preview computed in the background (issue 19): the pack's submissions in one administrator's scope
/// re-evaluated under a candidate version. Kept in the database so any instance can answer its progress and
/// its finished result is reused while the submissions it read have not changed (<see cref="SubmissionsStamp"/>).
/// </summary>
public sealed class ImpactRun
{
    public Guid Id { get; set; }
    public required string PackId { get; set; }
    public required string Version { get; set; }

    /// <summary>The scope unit of the requesting administrator: only submissions in its subtree were read.</summary>
    public int ScopeUnitId { get; set; }

    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    public string Status { get; set; } = ImpactRunStatus.Queued;

    /// <summary>Submissions evaluated so far (written every few hundred, not per dossier) and in scope when requested.</summary>
    public int Done { get; set; }
    public int Total { get; set; }

    /// <summary>
    /// Count and revision sum of the pack's submissions in scope when the run was requested: every save of a
    /// submission raises its revision, so a different stamp means the stored result may no longer be true.
    /// </summary>
    public required string SubmissionsStamp { get; set; }

    /// <summary>Last sign of life of the runner (start and every progress write): a running run silent for long is abandoned.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The <c>PackImpactView</c> as JSON, once done.</summary>
    public string? ResultJson { get; set; }

    /// <summary>Why the run failed, in Vietnamese for the administrator.</summary>
    public string? Error { get; set; }
}
