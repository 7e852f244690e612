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

    public async Task<bool> QueueAsync(Guid id, DateTimeOffset now, CancellationToken ct) => await QueueAsync([id], now, ct) == 1;

    /// <summary>
    /// Queues the e-mails of <paramref name="ids"/> one job each, then marks the queued ones in one update (a planner
    /// run queues thousands: one update per e-mail was a round trip each). Marked also when the queueing stops half
    /// way, so what was queued is not queued again by <see cref="RequeueLostAsync"/> — the mail job would not send
    /// twice anyway (<see cref="ReminderMailJob"/> reads the e-mail's status). Returns how many were queued.
    /// </summary>
    public async Task<int> QueueAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        var queued = new List<Guid>(ids.Count);
        try
        {
            foreach (var id in ids)
            {
                try
                {
                    mail.Enqueue(id);
                    queued.Add(id);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The job store is unreachable: the notification stays unqueued and a later planner run tries again.
                    logger.LogError(ex, "Could not queue the e-mail of notification {NotificationId}; a later run will retry.", id);
                }
            }
        }
        finally
        {
            if (queued.Count > 0)
                await db.Notifications.Where(n => queued.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailQueuedAt, now), CancellationToken.None);
        }
        return queued.Count;
    }

    /// <summary>E-mails whose queueing was lost (written, never queued): queue them now; how many were.</summary>
    public async Task<int> RequeueLostAsync(DateTimeOffset now, CancellationToken ct)
    {
        var before = now - LostQueueAfter;
        var lost = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailStatus == EmailStatuses.Pending && n.EmailQueuedAt == null && n.CreatedAt <= before)
            .Select(n => n.Id)
            .ToListAsync(ct);
        if (lost.Count == 0) return 0;
        logger.LogWarning("{Count} e-mails were never queued (the run that wrote them stopped), the first of notification {NotificationId}; queueing them now.",
            lost.Count, lost[0]);
        return await QueueAsync(lost, now, ct);
    }
}
