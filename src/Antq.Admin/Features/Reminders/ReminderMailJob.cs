using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// Sends the e-mail copy of one notification. The notification row is the outbox: the job first
/// claims it (pending/failed → sending, in one conditional update), so a duplicate or concurrent
/// job finds nothing to do; a failure marks it failed and rethrows for Hangfire to retry; a process
/// killed mid-send leaves it in "sending", which is never sent again (at most once).
/// </summary>
public sealed class ReminderMailJob(AntqDbContext db, IReminderMailSender sender, TimeProvider time, ILogger<ReminderMailJob> logger)
{
    private const int ErrorLength = 1000;

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 900, 3600, 10800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task SendAsync(Guid notificationId, CancellationToken ct)
    {
        var claimed = await db.Notifications
            .Where(n => n.Id == notificationId && (n.EmailStatus == EmailStatuses.Pending || n.EmailStatus == EmailStatuses.Failed))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.EmailStatus, EmailStatuses.Sending)
                .SetProperty(n => n.EmailAttempts, n => n.EmailAttempts + 1), ct);
        if (claimed == 0)
        {
            logger.LogInformation("E-mail of notification {NotificationId}: already sent or being sent; nothing to do.", notificationId);
            return;
        }
        var notification = await db.Notifications.AsNoTracking().Include(n => n.Recipient).SingleAsync(n => n.Id == notificationId, ct);
        var email = new ReminderEmail(notification.Id, notification.EmailTo!, notification.Recipient?.DisplayName ?? "", notification.Title,
            notification.EmailBody ?? notification.Body);
        try
        {
            await sender.SendAsync(email, ct);
        }
        catch (Exception ex)
        {
            // Back to "failed" (not "sending"), so the retry Hangfire schedules may claim it again.
            var error = ex.Message.Length > ErrorLength ? ex.Message[..ErrorLength] : ex.Message;
            await db.Notifications.Where(n => n.Id == notificationId)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailStatus, EmailStatuses.Failed).SetProperty(n => n.EmailError, error), CancellationToken.None);
            logger.LogWarning(ex, "E-mail of notification {NotificationId} to {To} failed (attempt {Attempt}); it will be retried.",
                notificationId, email.To, notification.EmailAttempts);
            throw;
        }
        var sentAt = time.GetUtcNow();
        await db.Notifications.Where(n => n.Id == notificationId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailStatus, EmailStatuses.Sent).SetProperty(n => n.EmailSentAt, sentAt)
                .SetProperty(n => n.EmailError, (string?)null), CancellationToken.None);
        logger.LogInformation("E-mail of notification {NotificationId} sent to {To}: {Subject}", notificationId, email.To, email.Subject);
    }
}
