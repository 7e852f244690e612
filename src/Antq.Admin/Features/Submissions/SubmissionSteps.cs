using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>What every step of the review procedure does first (load the record the caller may see) and last (commit it with its audit row and its notifications, and answer its view).</summary>
public sealed class SubmissionSteps(CurrentAccount current, SubmissionStore store, SubmissionQueries queries, StepNotifications notifications)
{
    public async Task<(Account, SubmissionRecord)> LoadAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        return (account, await store.GetVisibleAsync(account, id, ct));
    }

    public async Task<Result<SubmissionView>> CommitAsync(Account account, SubmissionRecord record, string action, string from, object details, CancellationToken ct)
    {
        await notifications.StageStepAsync(account, record, action, from, details, ct); // committed with the step, or not at all
        try
        {
            if (await store.CommitAsync(account, record, action, from, details, ct) is { } failure) return failure;
        }
        catch (DbUpdateException ex) when (Reminders.UniqueViolation.Is(ex))
        {
            // The same step on the same revision, committed a moment ago by a concurrent request with its notifications.
            return Refusal.Conflict("Hồ sơ vừa được cập nhật ở nơi khác nên thao tác này không được ghi. Hãy tải lại hồ sơ rồi thử lại.");
        }
        await notifications.QueueEmailsAsync(ct);
        return await queries.ViewAsync(record, record.Unit!, ct);
    }

    /// <summary>For a step that committed inside its own transaction: the e-mails of its notifications, once that committed.</summary>
    public Task QueueEmailsAsync(CancellationToken ct) => notifications.QueueEmailsAsync(ct);
}
