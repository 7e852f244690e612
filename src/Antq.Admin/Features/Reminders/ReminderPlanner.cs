using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Deadlines;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reminders;

/// <summary>What one planner run did (for the log, the Hangfire dashboard and the tests).</summary>
public sealed class PlannerRun(DateTimeOffset at)
{
    public DateTimeOffset At { get; } = at;
    public List<Guid> Notifications { get; } = [];
    public int AlreadySent { get; set; }
    public int EmailsRequeued { get; set; }

    /// <summary>Deadlines whose reminder or escalation moment applied.</summary>
    public int Deadlines { get; set; }

    /// <summary>Dispatch rows written: one per unit and recipient told.</summary>
    public int Dispatches { get; set; }

    /// <summary>The run in a line for administrators: the job's result on the Hangfire dashboard (/hangfire, "Succeeded").</summary>
    public string Summary()
    {
        var vi = MessageTemplates.Vietnamese;
        return string.Create(vi, $"Lần chạy lúc {VietnamTime.At(At):dd/MM/yyyy HH:mm}: {Deadlines:N0} thời hạn đến lúc nhắc hoặc báo quá hạn, ")
            + string.Create(vi, $"gửi {Notifications.Count:N0} thông báo về {Dispatches:N0} lượt đơn vị, {AlreadySent:N0} thông báo đã do lần chạy khác gửi, ")
            + string.Create(vi, $"{EmailsRequeued:N0} e-mail bị lỡ được đưa lại vào hàng đợi.");
    }
}

/// <summary>
/// Decides, at <see cref="TimeProvider.GetUtcNow"/>, which reminders and escalations are due and
/// sends each once. It keeps no state of its own: for every deadline whose reminder or escalation
/// moment applies now (<see cref="ReminderOccasion"/>), it computes who has not acted
/// (<see cref="DeadlineBoard"/>) and whom to tell, then inserts the notifications together with their
/// <see cref="ReminderDispatch"/> rows (one per unit and recipient), a batch at a time
/// (<see cref="ReminderBatch"/>). The unique key on those rows makes an insert fail for anything
/// already sent — by an earlier run, a retry of this one, or another instance at the same time — so
/// nothing is sent twice. E-mail goes out afterwards as its own job; one whose queueing was lost in a
/// crash is queued again by a later run. Nationally one moment tells ~100,000 accounts: the log has a
/// line per deadline (progress) and one per run, the detail per notification at Debug.
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
        var thisYear = VietnamTime.YearOf(now);
        // A deadline of next year can be reminded of now (up to 366 days ahead), and last year's escalated.
        var due = new List<(int Year, List<(CompiledPack Pack, DeadlineDefinition Definition, ReminderOccasion Occasion)> Applying)>();
        for (var year = thisYear - 1; year <= thisYear + 1; year++)
        {
            var planned = await plans.DeadlinesAsync(year, ct); // the year's plan overrides the packs' dates
            var applying = packs
                .SelectMany(pack => planned(pack).Select(definition => (Pack: pack, Definition: definition, Occasion: ReminderOccasion.Current(definition, year, now))))
                .Where(d => d.Occasion is not null)
                .Select(d => (d.Pack, d.Definition, d.Occasion!))
                .ToList();
            if (applying.Count > 0) due.Add((year, applying));
        }
        run.Deadlines = due.Sum(d => d.Applying.Count);
        if (run.Deadlines > 0)
        {
            logger.LogInformation("Reminder planner at {At:o}: {Deadlines} deadlines have a reminder or escalation due.", now, run.Deadlines);
            var people = await RecipientDirectory.LoadAsync(db, now, ct);
            var levels = await db.UnitLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
            var done = 0;
            foreach (var (year, applying) in due)
            {
                var instances = await board.ComputeAsync(year, applying.Select(d => (d.Pack, d.Definition)).ToList(), null, ct);
                for (var i = 0; i < instances.Count; i++)
                {
                    var tally = await DispatchAsync(instances[i], applying[i].Occasion, people, levels, run, ct);
                    // Progress while something is sent; a moment already handled (every 15 minutes for a day) only at Debug.
                    logger.Log(tally.Sent + tally.AlreadySent > 0 ? LogLevel.Information : LogLevel.Debug,
                        "Reminder planner {Done}/{Deadlines}: {Occasion} of {Pack}/{Deadline} {Year}: {Sent} notifications about {Units} units, {Skipped} already sent elsewhere; {Total} notifications so far.",
                        ++done, run.Deadlines, applying[i].Occasion.Key, instances[i].Pack.Manifest.Id, instances[i].Definition.Id, year,
                        tally.Sent, tally.Dispatches, tally.AlreadySent, run.Notifications.Count);
                }
            }
        }
        logger.LogInformation("Reminder planner at {At:o}: {Sent} notifications ({Dispatches} units told) for {Deadlines} deadlines, {Skipped} already sent elsewhere, {Requeued} e-mails queued again.",
            now, run.Notifications.Count, run.Dispatches, run.Deadlines, run.AlreadySent, run.EmailsRequeued);
        return run;
    }

    private async Task<ReminderBatch> DispatchAsync(DeadlineInstance deadline, ReminderOccasion occasion, RecipientDirectory people,
        IReadOnlyDictionary<string, string> levels, PlannerRun run, CancellationToken ct)
    {
        var batch = new ReminderBatch(db, outbox, logger, run);
        var told = new List<(Recipient Who, UnitDeadline About)>();
        foreach (var unit in deadline.Units.Where(u => !u.Done && u.WaitingOn is not null))
        {
            var actor = unit.WaitingOn!;
            var who = occasion.IsEscalation ? people.ReviewersAt(unit.EscalateToId ?? actor.ParentId)
                : unit.WaitingOnReviewers ? people.ReviewersAt(actor.Id)
                : people.UnitAccountsAt(unit.Unit.Id);
            told.AddRange(who.Select(w => (w, unit)));
        }
        if (told.Count == 0) return batch;

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
            await batch.AddAsync(Compose(new ReminderSubject(deadline, occasion, recipient, units, stageText, LinkFor(deadline, occasion, recipient)), run.At), ct);
        }
        await batch.FlushAsync(ct);
        return batch;
    }

    /// <summary>The notification (in-app, and its e-mail when SMTP is set and the account has an address) and its dispatch rows.</summary>
    private OutgoingReminder Compose(ReminderSubject subject, DateTimeOffset now)
    {
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
        var dispatches = subject.Units.Select(unit => new ReminderDispatch
        {
            PackId = pack.Id, DeadlineId = definition.Id, Year = subject.Deadline.Year, UnitId = unit.Unit.Id, Occasion = subject.Occasion.Key,
            RecipientId = recipient.UserId, NotificationId = notification.Id, SentAt = now, Channels = email is null ? "in-app" : "in-app,email",
        }).ToList();
        return new OutgoingReminder(notification, dispatches, subject);
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

    /// <summary>PostgreSQL chose this transaction as a deadlock's victim (two instances writing overlapping batches).</summary>
    public static bool IsDeadlock(DbUpdateException ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected };
}
