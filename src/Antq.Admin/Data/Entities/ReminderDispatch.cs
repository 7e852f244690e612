namespace Antq.Admin.Data.Entities;

/// <summary>
/// That one recipient was told about one unit for one occasion of a deadline (a reminder offset or
/// the escalation). The unique key (pack, deadline, year, unit, occasion, recipient) is what makes
/// the planner idempotent: it inserts these rows together with the notification, and a retried or
/// concurrent run that tries the same key fails on the index instead of telling anyone twice.
/// </summary>
public sealed class ReminderDispatch
{
    public long Id { get; set; }
    public required string PackId { get; set; }
    public required string DeadlineId { get; set; }
    public int Year { get; set; }
    public int UnitId { get; set; }

    /// <summary>The reminder offset as ISO 8601 (<c>P14D</c>) or <c>escalation</c>.</summary>
    public required string Occasion { get; set; }

    public required string RecipientId { get; set; }
    public Guid NotificationId { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary><c>in-app</c> or <c>in-app,email</c>.</summary>
    public required string Channels { get; set; }
}
