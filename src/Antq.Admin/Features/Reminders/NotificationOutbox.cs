using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// Queues the e-mail copy of notifications already committed (reminders and step notifications alike):
/// a Hangfire job per e-mail, and <see cref="Notification.EmailQueuedAt"/> set once it is queued. An
/// e-mail whose queueing was lost (the job store down, the process stopped between the commit and the
/// queueing) stays pending and unqueued; <see cref="RequeueLostAsync"/>, run by every planner run, queues it then.
/// </summary>
public sealed class NotificationOutbox(AntqDbContext db, IReminderMailQueue mail, ILogger<NotificationOutbox> logger)
{
    /// <summary>An e-mail still unqueued this long after its notification was written lost its queueing in a crash.</summary>
    public static readonly TimeSpan LostQueueAfter = TimeSpan.FromMinutes(5);

    public async Task<bool> QueueAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            mail.Enqueue(id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The job store is unreachable: the notification stays unqueued and a later planner run tries again.
            logger.LogError(ex, "Could not queue the e-mail of notification {NotificationId}; a later run will retry.", id);
            return false;
        }
        await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailQueuedAt, now), ct);
        return true;
    }

    /// <summary>E-mails whose queueing was lost (written, never queued): queue them now; how many were.</summary>
    public async Task<int> RequeueLostAsync(DateTimeOffset now, CancellationToken ct)
    {
        var before = now - LostQueueAfter;
        var lost = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailStatus == EmailStatuses.Pending && n.EmailQueuedAt == null && n.CreatedAt <= before)
            .Select(n => n.Id)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var id in lost)
        {
            logger.LogWarning("E-mail of notification {NotificationId} was never queued (the run that wrote it stopped); queueing it now.", id);
            if (await QueueAsync(id, now, ct)) queued++;
        }
        return queued;
    }
}
