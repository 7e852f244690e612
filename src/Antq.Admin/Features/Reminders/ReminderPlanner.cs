using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reminders;

/// <summary>What one planner run did (for the log and the tests).</summary>
public sealed class PlannerRun(DateTimeOffset at)
{
    public DateTimeOffset At { get; } = at;
    public List<Guid> Notifications { get; } = [];
    public int AlreadySent { get; set; }
    public int EmailsRequeued { get; set; }
}

/// <summary>
/// Decides, at <see cref="TimeProvider.GetUtcNow"/>, which reminders and escalations are due and
/// sends each once. It keeps no state of its own: for every deadline whose reminder or escalation
/// moment applies now (<see cref="ReminderOccasion"/>), it computes who has not acted
/// (<see cref="DeadlineBoard"/>) and whom to tell, then inserts the notification together with its
/// <see cref="ReminderDispatch"/> rows (one per unit and recipient) in one SaveChanges. The unique
/// key on those rows makes the insert fail for anything already sent — by an earlier run, a retry
/// of this one, or another instance at the same time — so nothing is sent twice. E-mail goes out
/// afterwards as its own job; one whose queueing was lost in a crash is queued again by a later run.
/// </summary>
public sealed class ReminderPlanner(
    AntqDbContext db, DeadlineBoard board, ReminderMessages messages, NotificationOutbox outbox, ReminderSettings settings,
    TimeProvider time, ILogger<ReminderPlanner> logger, Plans.YearPlans plans)
{
    public async Task<PlannerRun> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var run = new PlannerRun(now);
        run.EmailsRequeued = await outbox.RequeueLostAsync(now, ct);
        var packs = await board.ActivePacksAsync(ct);
        RecipientDirectory? people = null;
        Dictionary<string, string>? levels = null;
        var thisYear = VietnamTime.YearOf(now);
        // A deadline of next year can be reminded of now (up to 366 days ahead), and last year's escalated.
        for (var year = thisYear - 1; year <= thisYear + 1; year++)
        {
            var planned = await plans.DeadlinesAsync(year, ct); // the year's plan overrides the packs' dates
            var applying = packs
                .SelectMany(pack => planned(pack).Select(definition => (Pack: pack, Definition: definition, Occasion: ReminderOccasion.Current(definition, year, now))))
                .Where(d => d.Occasion is not null)
                .ToList();
            if (applying.Count == 0) continue;
            people ??= await RecipientDirectory.LoadAsync(db, now, ct);
            levels ??= await db.UnitLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
            var instances = await board.ComputeAsync(year, applying.Select(d => (d.Pack, d.Definition)).ToList(), null, ct);
            for (var i = 0; i < instances.Count; i++)
                await DispatchAsync(instances[i], applying[i].Occasion!, people, levels, run, ct);
        }
        logger.LogInformation("Reminder planner at {At:o}: {Sent} notifications, {Skipped} already sent elsewhere, {Requeued} e-mails queued again.",
            now, run.Notifications.Count, run.AlreadySent, run.EmailsRequeued);
        return run;
    }

    private async Task DispatchAsync(DeadlineInstance deadline, ReminderOccasion occasion, RecipientDirectory people,
        IReadOnlyDictionary<string, string> levels, PlannerRun run, CancellationToken ct)
    {
        var told = new List<(Recipient Who, UnitDeadline About)>();
        foreach (var unit in deadline.Units.Where(u => !u.Done && u.WaitingOn is not null))
        {
            var actor = unit.WaitingOn!;
            var who = occasion.IsEscalation ? people.ReviewersAt(unit.EscalateToId ?? actor.ParentId)
                : unit.WaitingOnReviewers ? people.ReviewersAt(actor.Id)
                : people.UnitAccountsAt(unit.Unit.Id);
            told.AddRange(who.Select(w => (w, unit)));
        }
        if (told.Count == 0) return;

        var (packId, deadlineId, year) = (deadline.Pack.Manifest.Id, deadline.Definition.Id, deadline.Year);
        var sent = (await db.ReminderDispatches.AsNoTracking()
                .Where(d => d.PackId == packId && d.DeadlineId == deadlineId && d.Year == year && d.Occasion == occasion.Key)
                .Select(d => new { d.UnitId, d.RecipientId })
                .ToListAsync(ct))
            .Select(d => (d.UnitId, d.RecipientId))
            .ToHashSet();
        var stageText = DeadlineStages.Text(deadline.Definition.Stage, levels);
        foreach (var group in told.Where(t => !sent.Contains((t.About.Unit.Id, t.Who.UserId))).GroupBy(t => t.Who.UserId))
        {
            var recipient = group.First().Who;
            var units = group.Select(t => t.About).ToList();
            await SendAsync(new ReminderSubject(deadline, occasion, recipient, units, stageText, LinkFor(deadline, occasion, recipient)), run, ct);
        }
    }

    private async Task SendAsync(ReminderSubject subject, PlannerRun run, CancellationToken ct)
    {
        var now = run.At;
        var (pack, definition, recipient) = (subject.Deadline.Pack.Manifest, subject.Deadline.Definition, subject.Recipient);
        var inApp = messages.Render(subject, "in-app", now);
        var email = settings.Smtp is not null && !string.IsNullOrWhiteSpace(recipient.Email) ? messages.Render(subject, "email", now) : null;
        var notification = new Notification
        {
            Id = Guid.CreateVersion7(now),
            RecipientId = recipient.UserId,
            Kind = subject.Occasion.IsEscalation ? NotificationKinds.Escalation : NotificationKinds.Reminder,
            Title = Clip(inApp.Title, 500),
            Body = inApp.Body,
            Link = subject.Link,
            CreatedAt = now,
            PackId = pack.Id,
            DeadlineId = definition.Id,
            Year = subject.Deadline.Year,
            Occasion = subject.Occasion.Key,
            EmailTo = email is null ? null : recipient.Email,
            EmailBody = email?.Body,
            EmailStatus = email is null ? null : EmailStatuses.Pending,
        };
        db.Notifications.Add(notification);
        foreach (var unit in subject.Units)
            db.ReminderDispatches.Add(new ReminderDispatch
            {
                PackId = pack.Id, DeadlineId = definition.Id, Year = subject.Deadline.Year, UnitId = unit.Unit.Id, Occasion = subject.Occasion.Key,
                RecipientId = recipient.UserId, NotificationId = notification.Id, SentAt = now, Channels = email is null ? "in-app" : "in-app,email",
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Another run (a retry, another instance) sent this one first: nothing more to do here.
            logger.LogInformation("Reminder {Occasion} of {Pack}/{Deadline} {Year} to {Recipient}: already sent by another run.",
                subject.Occasion.Key, pack.Id, definition.Id, subject.Deadline.Year, recipient.UserId);
            run.AlreadySent++;
            return;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        run.Notifications.Add(notification.Id);
        logger.LogInformation("Reminder {Occasion} of {Pack}/{Deadline} {Year} sent to {Recipient} ({Channels}) about {Units}.",
            subject.Occasion.Key, pack.Id, definition.Id, subject.Deadline.Year, recipient.Email ?? recipient.UserId,
            email is null ? "in-app" : "in-app, e-mail", string.Join(", ", subject.Units.Select(u => u.Unit.Code)));
        if (email is not null) await outbox.QueueAsync(notification.Id, now, ct);
    }

    private static string LinkFor(DeadlineInstance deadline, ReminderOccasion occasion, Recipient recipient) =>
        occasion.IsEscalation ? $"/thoi-han?nam={deadline.Year}"
        : recipient.Role == Roles.Reviewer ? "/xet-duyet"
        : "/ho-so";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

/// <summary>Recognises a unique-index violation on both providers.</summary>
internal static class UniqueViolation
{
    public static bool Is(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
