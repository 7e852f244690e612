using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reminders;

/// <summary>One notification about to be written, with its dispatch rows and what it is about (for the log).</summary>
public sealed record OutgoingReminder(Notification Notification, List<ReminderDispatch> Dispatches, ReminderSubject Subject);

/// <summary>
/// The notifications of one deadline's moment, written <see cref="MaxNotifications"/> at a time (or fewer when they
/// carry many dispatch rows: <see cref="MaxRows"/>) in one SaveChanges each. A save per notification cost a round trip
/// per account told — ~100,000 at a national reminder moment. When a batch is refused because one of its rows was
/// sent meanwhile by another run (the unique key of <see cref="ReminderDispatch"/>; or a deadlock between two
/// instances' batches), nothing of it was written: each notification is then inserted alone, so the ones not sent
/// elsewhere still go out, once, and only the others are counted as already sent.
/// </summary>
public sealed class ReminderBatch(AntqDbContext db, NotificationOutbox outbox, ILogger logger, PlannerRun run)
{
    public const int MaxNotifications = 200;
    public const int MaxRows = 2_000;

    private readonly List<OutgoingReminder> _pending = [];
    private int _pendingRows;

    /// <summary>Notifications of this deadline written by this run.</summary>
    public int Sent { get; private set; }

    /// <summary>Of those, the units told (dispatch rows).</summary>
    public int Dispatches { get; private set; }

    /// <summary>Notifications another run wrote first.</summary>
    public int AlreadySent { get; private set; }

    public async Task AddAsync(OutgoingReminder reminder, CancellationToken ct)
    {
        _pending.Add(reminder);
        _pendingRows += 1 + reminder.Dispatches.Count;
        if (_pending.Count >= MaxNotifications || _pendingRows >= MaxRows) await FlushAsync(ct);
    }

    /// <summary>Writes what is pending, then queues the e-mails of what was written.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        var batch = _pending.ToList();
        _pending.Clear();
        _pendingRows = 0;
        var written = batch;
        if (!await TryInsertAsync(batch, ct))
        {
            written = [];
            foreach (var reminder in batch)
            {
                foreach (var dispatch in reminder.Dispatches) dispatch.Id = 0; // no key from the refused attempt
                if (await TryInsertAsync([reminder], ct)) written.Add(reminder);
                else Refused(reminder);
            }
        }
        foreach (var reminder in written) Written(reminder);
        var emails = written.Where(r => r.Notification.EmailTo is not null).Select(r => r.Notification.Id).ToList();
        if (emails.Count > 0) await outbox.QueueAsync(emails, run.At, ct);
    }

    private async Task<bool> TryInsertAsync(List<OutgoingReminder> reminders, CancellationToken ct)
    {
        foreach (var reminder in reminders)
        {
            db.Notifications.Add(reminder.Notification);
            db.ReminderDispatches.AddRange(reminder.Dispatches);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex) || (reminders.Count > 1 && UniqueViolation.IsDeadlock(ex)))
        {
            // A single notification refused by the unique key was sent by another run; a refused batch is retried one by one.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private void Written(OutgoingReminder reminder)
    {
        Sent++;
        Dispatches += reminder.Dispatches.Count;
        run.Notifications.Add(reminder.Notification.Id);
        run.Dispatches += reminder.Dispatches.Count;
        var (subject, notification) = (reminder.Subject, reminder.Notification);
        if (logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("Reminder {Occasion} of {Pack}/{Deadline} {Year} sent to {Recipient} ({Channels}) about {Units}.",
                subject.Occasion.Key, notification.PackId, notification.DeadlineId, notification.Year, subject.Recipient.Email ?? subject.Recipient.UserId,
                notification.EmailTo is null ? "in-app" : "in-app, e-mail", string.Join(", ", subject.Units.Select(u => u.Unit.Code)));
    }

    private void Refused(OutgoingReminder reminder)
    {
        AlreadySent++;
        run.AlreadySent++;
        var notification = reminder.Notification;
        logger.LogDebug("Reminder {Occasion} of {Pack}/{Deadline} {Year} to {Recipient}: already sent by another run.",
            notification.Occasion, notification.PackId, notification.DeadlineId, notification.Year, notification.RecipientId);
    }
}
