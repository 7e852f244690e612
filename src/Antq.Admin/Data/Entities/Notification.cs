namespace Antq.Admin.Data.Entities;

/// <summary>
/// A message in one account's in-app inbox (reminders, escalations, steps of the procedure), and its e-mail copy when SMTP
/// is configured: the e-mail fields make this row the outbox the mail job sends from, so a retried
/// job can tell whether the e-mail already went.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public required string RecipientId { get; set; }

    /// <summary><see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>A path in the UI (e.g. <c>/thoi-han?nam=2026</c>), or null.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The deadline the message is about (null for other messages).</summary>
    public string? PackId { get; set; }
    public string? DeadlineId { get; set; }
    public int? Year { get; set; }

    /// <summary>Which reminder (<c>P7D</c>) or <c>escalation</c>.</summary>
    public string? Occasion { get; set; }

    /// <summary>
    /// The event a step notification tells of (<c>submission/{id}/r{revision}</c>, <c>registration/…</c>,
    /// <c>document/…</c>); unique with the recipient, so an event reaches each account once. Null for reminders
    /// (their <see cref="ReminderDispatch"/> rows keep them once).
    /// </summary>
    public string? EventKey { get; set; }

    /// <summary>Recipient address; null when the message is in-app only.</summary>
    public string? EmailTo { get; set; }
    public string? EmailBody { get; set; }

    /// <summary><see cref="EmailStatuses"/>; null when there is no e-mail.</summary>
    public string? EmailStatus { get; set; }

    public int EmailAttempts { get; set; }

    /// <summary>When the mail job was queued; null while not yet queued (a crash right after the insert).</summary>
    public DateTimeOffset? EmailQueuedAt { get; set; }

    public DateTimeOffset? EmailSentAt { get; set; }
    public string? EmailError { get; set; }

    public AppUser? Recipient { get; set; }
}

public static class NotificationKinds
{
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string Submitted = "submission.submitted";
    public const string Resubmitted = "submission.resubmitted";
    public const string Forwarded = "submission.forwarded";
    public const string Approved = "submission.approved";
    public const string Returned = "submission.returned";
    public const string Recognised = "submission.recognised";
    public const string Refused = "submission.refused";
    public const string RegistrationSubmitted = "registration.submitted";
    public const string RegistrationAccepted = "registration.accepted";
    public const string RegistrationRefused = "registration.refused";
    public const string DocumentIssued = "document.issued";
    public const string VersionMoved = "submission.version-moved";

    /// <summary>The kind as the inbox shows it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Reminder] = "Nhắc hạn",
        [Escalation] = "Quá hạn",
        [Submitted] = "Hồ sơ gửi đến",
        [Resubmitted] = "Hồ sơ gửi lại",
        [Forwarded] = "Hồ sơ chuyển lên",
        [Approved] = "Hồ sơ được thông qua",
        [Returned] = "Hồ sơ bị trả lại",
        [Recognised] = "Được công nhận",
        [Refused] = "Không được công nhận",
        [RegistrationSubmitted] = "Đăng ký gửi đến",
        [RegistrationAccepted] = "Đăng ký được chấp nhận",
        [RegistrationRefused] = "Đăng ký bị từ chối",
        [DocumentIssued] = "Văn bản ban hành",
        [VersionMoved] = "Hồ sơ chuyển phiên bản",
    };

    public static string Label(string kind) => Labels.TryGetValue(kind, out var label) ? label : "Thông báo";
}

/// <summary>
/// The e-mail copy's life: pending → sending → sent, or → failed (retried by the job) → sending…
/// A row left in <c>sending</c> by a killed process is never sent again: at most once.
/// </summary>
public static class EmailStatuses
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
