using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Submissions;

/// <summary>What every step of the review procedure does first (load the record the caller may see) and last (commit it with its audit row and answer its view).</summary>
public sealed class SubmissionSteps(CurrentAccount current, SubmissionStore store, SubmissionQueries queries)
{
    public async Task<(Account, SubmissionRecord)> LoadAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        return (account, await store.GetVisibleAsync(account, id, ct));
    }

    public async Task<Result<SubmissionView>> CommitAsync(Account account, SubmissionRecord record, string action, string from, object details, CancellationToken ct)
    {
        if (await store.CommitAsync(account, record, action, from, details, ct) is { } failure) return failure;
        return await queries.ViewAsync(record, record.Unit!, ct);
    }
}
