using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Registration;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// The unit's step of the review procedure: it submits its (valid) form to the first unit of its
/// review chain. The reviewers' decisions are the Review feature's (<c>ReviewDecisions</c>).
/// </summary>
public sealed class SubmissionSubmit(SubmissionSteps steps, SubmissionStore store, SubmissionEvaluator evaluator, TimeProvider time, DocumentIssuer documents,
    RegistrationGate registrations, Meetings meetings)
{
    public async Task<Result<SubmissionView>> SubmitAsync(Guid id, CancellationToken ct)
    {
        var (account, record) = await steps.LoadAsync(id, ct);
        SubmissionStore.RequireOwner(account, record);
        if (!SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "gửi");
        var pack = await store.PinnedPackAsync(record, ct);
        var data = SubmissionEvaluator.Parse(record.DataJson);
        var result = await evaluator.EvaluateAsync(pack, record.Unit!, record.Year, data, ct);
        if (!result.Valid)
            return Refusal.Unprocessable("Biểu mẫu còn trường chưa hợp lệ nên chưa gửi được. Bản nháp vẫn được giữ nguyên; hãy sửa các trường được nêu rồi gửi lại.",
                new Dictionary<string, object?> { ["errors"] = result.Errors });
        // TT124 Điều 9 khoản 2 điểm a: when the year's plan requires it, the unit's registration must have been accepted.
        if (await registrations.CheckAsync(record, ct) is { } unregistered) return unregistered;
        // TT124 Điều 9 khoản 2 điểm b: the minutes of the unit's own meeting go up with the dossier when the pack requires them.
        if (await meetings.MissingMinutesAsync(record, pack, ct) is { } noMinutes) return noMinutes;
        var chain = await store.ChainAsync(record.Unit!, pack, record.Year, ct);
        if (chain.Count == 0) return Refusal.Unprocessable($"{record.Unit!.Name} không có cấp trên để xét duyệt hồ sơ.");

        var from = record.Status;
        SubmissionEvaluator.Store(record, pack, data, result);
        record.Status = SubmissionStatus.Submitted;
        record.PendingUnitId = chain[0].Id;
        record.SubmittedAt = time.GetUtcNow();
        // The pack's submission documents (Tờ trình, Báo cáo kết quả) are issued in the same transaction.
        Result<SubmissionView>? committed = null;
        var failure = await documents.WithDocumentsAsync(account, record, pack, DocumentIssuer.OrdersFor(pack, DocumentStep.Submitted, record.Unit!, null),
            async () => (committed = await steps.CommitAsync(account, record, SubmissionAudit.Submitted, from, new { outcomeId = result.Outcome?.Id }, ct)).Failure, ct,
            evaluation: result);
        if (failure is not null) return failure;
        await steps.QueueEmailsAsync(ct);
        return committed!;
    }
}
