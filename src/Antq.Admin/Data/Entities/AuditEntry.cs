namespace Antq.Admin.Data.Entities;

/// <summary>One action in the append-only audit trail (never updated or deleted).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid? SubmissionId { get; set; }
    public required string Action { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public int? ActorUnitId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Action details as JSON (reasons per criterion, from/to status, decision number…).</summary>
    public string DetailsJson { get; set; } = "{}";
}
