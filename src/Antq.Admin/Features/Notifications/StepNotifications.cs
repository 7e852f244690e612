using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Notifications;

/// <summary>
/// Tells people of each step of the procedure, in the inbox and by e-mail when SMTP is set, once per
/// (event, recipient). A step's notifications are <em>staged</em>: added to the step's own unit of work
/// before its SaveChanges, so the step, its audit row and its notifications commit together or not at
/// all (the <see cref="Notification"/> row is the e-mail outbox). Each event has a key; the unique
/// (event key, recipient) index makes a retried request or a second instance unable to write one twice,
/// and keys already written are skipped before that. After the commit, <see cref="QueueEmailsAsync"/>
/// queues the e-mails; one whose queueing is lost is queued by the next planner run
/// (<see cref="NotificationOutbox.RequeueLostAsync"/>).
/// </summary>
public sealed class StepNotifications(
    AntqDbContext db, PackCatalog catalog, UnitDirectory units, StepMessages messages, ReminderSettings settings,
    NotificationOutbox outbox, TimeProvider time, ILogger<StepNotifications> logger)
{
    private readonly List<Guid> _unqueued = [];

    /// <summary>
    /// Stages the notifications of a step on a dossier (<see cref="SubmissionSteps.CommitAsync"/> calls it just
    /// before the commit): <paramref name="action"/> is the audit action, <paramref name="details"/> the audit details
    /// (the return's <c>reason</c> and <c>criteria</c>, the refusal's <c>reason</c>), <paramref name="record"/> the
    /// dossier as the step leaves it. The event is the dossier's revision the step acted on, which only one step can.
    /// </summary>
    public async Task StageStepAsync(Account actor, SubmissionRecord record, string action, string fromStatus, object? details, CancellationToken ct)
    {
        var kind = action switch
        {
            SubmissionAudit.Submitted => fromStatus == SubmissionStatus.Returned ? NotificationKinds.Resubmitted : NotificationKinds.Submitted,
            SubmissionAudit.Endorsed => record.Status == SubmissionStatus.Approved ? NotificationKinds.Approved : NotificationKinds.Forwarded,
            SubmissionAudit.Returned => NotificationKinds.Returned,
            SubmissionAudit.Recognised => NotificationKinds.Recognised,
            SubmissionAudit.Rejected => NotificationKinds.Refused,
            _ => null, // drafts saved, dossiers moved: nobody to tell
        };
        if (kind is null) return;
        var unit = record.Unit!;
        var pack = await catalog.GetAsync(record.PackId, record.PackVersion, ct);
        var chain = pack is null ? [] : await units.ReviewChainAsync(unit, pack.Manifest, record.Year, ct);
        var facts = details is null ? null : JsonSerializer.SerializeToNode(details, SubmissionEvaluator.Json) as JsonObject;
        var waitingAt = record.PendingUnitId is int pending ? chain.FirstOrDefault(u => u.Id == pending) : null;
        var step = new StepEvent(kind, $"submission/{record.Id:N}/r{record.Revision}", unit, record.PackId, pack?.Manifest.Title ?? record.PackId, record.Year)
        {
            SubmissionId = record.Id,
            WaitingAt = waitingAt,
            Reason = facts?["reason"]?.GetValue<string>() ?? "",
            Criteria = kind == NotificationKinds.Returned ? Criteria(record, facts?["criteria"] as JsonObject) : [],
            DecisionNumber = record.DecisionNumber ?? "",
            DecisionDate = kind == NotificationKinds.Recognised ? record.DecisionDate : null,
            // A return moves the dossier to the active version when it was on another (ADR 0010).
            FromVersion = facts?["fromVersion"]?.GetValue<string>() ?? "",
            ToVersion = facts?["toVersion"]?.GetValue<string>() ?? "",
        };
        step = kind switch
        {
            // Sent or sent on: the reviewers of the unit it now waits at.
            NotificationKinds.Submitted or NotificationKinds.Resubmitted or NotificationKinds.Forwarded =>
                step with { ReviewerUnitIds = record.PendingUnitId is int at ? [at] : [] },
            NotificationKinds.Returned => step with { ToUnitAccounts = true },
            // The outcome: the unit and the levels above it that handled the dossier (its whole route; the account that decided excepted).
            _ => step with { ToUnitAccounts = true, ReviewerUnitIds = chain.Select(u => u.Id).ToList() },
        };
        await StageAsync(step, actor, ct);
    }

    /// <summary>
    /// Stages the notification of a registration step (to call before the registration's SaveChanges, then
    /// <see cref="QueueEmailsAsync"/> after it): submitted → the reviewers of the reviewing unit; accepted or
    /// refused → the unit's accounts, with the reason. Once per registration revision and recipient.
    /// </summary>
    public Task RegistrationAsync(RegistrationNotice notice, Account actor, CancellationToken ct)
    {
        if (notice.Step == RegistrationStep.Refused && string.IsNullOrWhiteSpace(notice.Reason))
            throw new ArgumentException("A refused registration carries its reason.", nameof(notice));
        var submitted = notice.Step == RegistrationStep.Submitted;
        var kind = notice.Step switch
        {
            RegistrationStep.Submitted => NotificationKinds.RegistrationSubmitted,
            RegistrationStep.Accepted => NotificationKinds.RegistrationAccepted,
            _ => NotificationKinds.RegistrationRefused,
        };
        return StageAsync(new StepEvent(kind, $"registration/{notice.RegistrationId:N}/r{notice.Revision}", notice.Unit, notice.PackId, notice.PackTitle, notice.Year)
        {
            ReviewerUnitIds = submitted ? [notice.ReviewingUnitId] : [],
            ToUnitAccounts = !submitted,
            Reason = notice.Reason?.Trim() ?? "",
        }, actor, ct);
    }

    /// <summary>
    /// Stages "document issued" for a document of a dossier (before the SaveChanges that issues it, then
    /// <see cref="QueueEmailsAsync"/>): the unit's accounts are told its title and number. Once per document
    /// (its verification code is the key: unique and known before the row is saved).
    /// </summary>
    public async Task DocumentIssuedAsync(IssuedDocument document, Account actor, Unit unit, int year, CancellationToken ct)
    {
        var pack = await catalog.GetAsync(document.PackId, document.PackVersion, ct);
        await StageAsync(new StepEvent(NotificationKinds.DocumentIssued, $"document/{document.VerificationCode}", unit, document.PackId,
            pack?.Manifest.Title ?? document.PackId, year)
        {
            ToUnitAccounts = true,
            SubmissionId = document.SubmissionId,
            DocumentTitle = document.Title,
            DocumentNumber = document.Number,
        }, actor, ct);
    }

    /// <summary>
    /// Stages "your dossier moved to the new version" (an activation moved a draft or returned dossier, ADR 0010; before the
    /// SaveChanges that moves it, then <see cref="QueueEmailsAsync"/>): the unit's accounts are told the versions, the form
    /// fields that changed and the criteria whose verdict changes on its data. Keyed by the revision the move acts on.
    /// </summary>
    public async Task VersionMovedAsync(Account actor, SubmissionRecord record, VersionMoveView move, CancellationToken ct)
    {
        var pack = await catalog.GetAsync(record.PackId, move.ToVersion, ct);
        var criteria = move.Criteria.Select(c => new CriterionNote(c.Id, c.Title, $"{c.From} → {c.To}"));
        if (move.OutcomeChanged) criteria = criteria.Prepend(new CriterionNote("", "Kết quả chung", $"{move.FromOutcome} → {move.ToOutcome}"));
        await StageAsync(new StepEvent(NotificationKinds.VersionMoved, $"submission/{record.Id:N}/r{record.Revision}", record.Unit!, record.PackId,
            pack?.Manifest.Title ?? record.PackId, record.Year)
        {
            ToUnitAccounts = true,
            SubmissionId = record.Id,
            FromVersion = move.FromVersion,
            ToVersion = move.ToVersion,
            Fields = move.Fields,
            Criteria = criteria.ToList(),
        }, actor, ct);
    }

    /// <summary>
    /// Queues the e-mails of what was staged, once the step has committed. Inside a transaction still open
    /// (a step that also issues documents) it waits: the caller calls it again after the commit.
    /// </summary>
    public async Task QueueEmailsAsync(CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null || _unqueued.Count == 0) return;
        var ids = _unqueued.ToList();
        _unqueued.Clear();
        var now = time.GetUtcNow();
        // Only rows that really committed (a step refused after staging wrote none).
        var committed = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct);
        foreach (var id in committed) await outbox.QueueAsync(id, now, ct);
    }

    private async Task StageAsync(StepEvent step, Account actor, CancellationToken ct)
    {
        var unitIds = step.ReviewerUnitIds.Append(step.Unit.Id).Distinct().ToList();
        var people = await RecipientDirectory.LoadAsync(db, unitIds, ct);
        var told = step.ReviewerUnitIds.SelectMany(id => people.ReviewersAt(id))
            .Concat(step.ToUnitAccounts ? people.UnitAccountsAt(step.Unit.Id) : [])
            .Where(r => r.UserId != actor.UserId) // whoever took the step knows it
            .DistinctBy(r => r.UserId)
            .ToList();
        var already = await db.Notifications.AsNoTracking().Where(n => n.EventKey == step.Key).Select(n => n.RecipientId).ToListAsync(ct);
        var now = time.GetUtcNow();
        var staged = 0;
        foreach (var recipient in told.Where(r => !already.Contains(r.UserId)))
        {
            staged++;
            var link = LinkFor(step, recipient);
            var inApp = messages.Render(step, recipient, actor, link, "in-app", now);
            var email = settings.Smtp is not null && !string.IsNullOrWhiteSpace(recipient.Email)
                ? messages.Render(step, recipient, actor, link, "email", now) : null;
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(now),
                RecipientId = recipient.UserId,
                Kind = step.Kind,
                Title = inApp.Title.Length <= 500 ? inApp.Title : inApp.Title[..499] + "…",
                Body = inApp.Body,
                Link = link,
                CreatedAt = now,
                PackId = step.PackId,
                Year = step.Year,
                EventKey = step.Key,
                EmailTo = email is null ? null : recipient.Email,
                EmailBody = email?.Body,
                EmailStatus = email is null ? null : EmailStatuses.Pending,
            };
            db.Notifications.Add(notification);
            if (email is not null) _unqueued.Add(notification.Id);
        }
        logger.LogInformation("{Kind} of {Unit} ({Key}): {Count} notifications staged.", step.Kind, step.Unit.Code, step.Key, staged);
    }

    /// <summary>The dossier itself: the unit's page for its accounts, the review page for reviewers; else their lists.</summary>
    private static string LinkFor(StepEvent step, Recipient recipient) =>
        (recipient.Role == Roles.Reviewer, step.SubmissionId) switch
        {
            (true, Guid id) => $"/xet-duyet/{id}",
            (false, Guid id) => $"/ho-so/{id}",
            (true, null) => "/xet-duyet",
            _ => "/ho-so",
        };

    /// <summary>The criteria a return names, with their titles from the dossier's stored evaluation.</summary>
    private static List<CriterionNote> Criteria(SubmissionRecord record, JsonObject? reasons)
    {
        if (reasons is null || reasons.Count == 0) return [];
        var titles = (StoredEvaluation.Read(record.EvaluationJson)?.Criteria.Flatten() ?? []).ToDictionary(c => c.Id, c => c.Title, StringComparer.Ordinal);
        return reasons.Select(r => new CriterionNote(r.Key, titles.GetValueOrDefault(r.Key, r.Key), r.Value?.GetValue<string>() ?? "")).ToList();
    }
}
