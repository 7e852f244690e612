using System.Globalization;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Features.Review;

/// <summary>
/// The reviewers' steps of the review procedure (the unit submits: <see cref="SubmissionSubmit"/>):
/// each unit of the review chain endorses in turn (or returns with reasons); the last one, the
/// recognising level, recognises or does not.
/// </summary>
public sealed class ReviewDecisions(SubmissionSteps steps, SubmissionStore store, SubmissionQueries queries, SubmissionEvaluator evaluator,
    HierarchyFactsService hierarchyFacts, Data.AntqDbContext db, Documents.OutcomeIssuer outcomes, Notifications.StepNotifications notifications,
    SubmissionMove moves, TimeProvider time)
{
    public async Task<Result<SubmissionView>> EndorseAsync(Guid id, CancellationToken ct)
    {
        var (account, record) = await steps.LoadAsync(id, ct);
        SubmissionStore.RequireReviewer(account);
        if (record.Status != SubmissionStatus.Submitted) return SubmissionStates.WrongState(record, "thông qua");
        RequirePendingHere(account, record);
        var chain = await store.ChainAsync(record.Unit!, await store.PinnedPackAsync(record, ct), record.Year, ct);
        var at = chain.FindIndex(u => u.Id == record.PendingUnitId);
        if (at < 0) return Refusal.Conflict("Cấp xét duyệt của hồ sơ đã thay đổi (đơn vị được chuyển nơi quản lý). Hãy báo quản trị viên.");

        // The recognising level's endorsement leaves the decision with it: still pending there.
        var from = record.Status;
        if (at == chain.Count - 1) record.Status = SubmissionStatus.Approved;
        else record.PendingUnitId = chain[at + 1].Id;
        return await steps.CommitAsync(account, record, SubmissionAudit.Endorsed, from, new { reviewUnitId = account.ScopeUnit.Id }, ct);
    }

    public async Task<Result<SubmissionView>> ReturnAsync(Guid id, ReturnRequest request, CancellationToken ct)
    {
        var (account, record) = await steps.LoadAsync(id, ct);
        SubmissionStore.RequireReviewer(account);
        if (!SubmissionStates.IsUnderReview(record.Status)) return SubmissionStates.WrongState(record, "trả lại");
        RequirePendingHere(account, record);
        if (string.IsNullOrWhiteSpace(request.Reason)) return Refusal.BadRequest("Cần nêu lý do trả lại hồ sơ.");
        var criteria = request.Criteria ?? [];
        var known = (StoredEvaluation.Read(record.EvaluationJson)?.Criteria.Flatten() ?? []).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (criteria.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            return Refusal.BadRequest($"Bộ tiêu chí không có tiêu chí «{unknown}».");
        if (criteria.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Value)) is { Key: { } empty })
            return Refusal.BadRequest($"Cần nêu lý do cho tiêu chí {empty}.");

        var from = record.Status;
        record.Status = SubmissionStatus.Returned;
        record.PendingUnitId = null;
        // Editable again, so it follows the active version from now on (ADR 0010): moved now if a newer one is active.
        var moved = await moves.FollowActiveAsync(record, ct);
        return await steps.CommitAsync(account, record, SubmissionAudit.Returned, from,
            new { reason = request.Reason.Trim(), criteria, fromVersion = moved?.FromVersion, toVersion = moved?.ToVersion }, ct);
    }

    /// <summary>
    /// Records a recognition decision made OUTSIDE the system (typed number and date: the Minister's decision, TT124 Điều 10
    /// k4, or one signed on paper before the system issued decisions); nothing is issued. Decisions made here go through
    /// <see cref="RecognitionDecisions"/>, which issues the decision and the certificates.
    /// </summary>
    public async Task<Result<SubmissionView>> RecogniseAsync(Guid id, RecogniseRequest request, CancellationToken ct)
    {
        var (account, record) = await steps.LoadAsync(id, ct);
        if (await DecisionRefusalAsync(account, record, "công nhận", ct) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(request.DecisionNumber) || request.DecisionNumber.Length > 100 || request.DecisionDate is null)
            return Refusal.BadRequest("Cần có số quyết định công nhận (decisionNumber, tối đa 100 ký tự) và ngày quyết định (decisionDate).");
        // A decision is recorded after it is signed: its date cannot be later than today in Vietnam.
        var today = DateOnly.FromDateTime(VietnamTime.At(time.GetUtcNow()).DateTime);
        if (request.DecisionDate > today)
            return Refusal.Unprocessable(
                $"Ngày quyết định công nhận ({request.DecisionDate.Value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}) không được sau ngày hôm nay ({today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}): chỉ ghi quyết định đã ký.");

        var from = record.Status;
        record.Status = SubmissionStatus.Recognised;
        record.PendingUnitId = null;
        record.DecisionNumber = request.DecisionNumber.Trim();
        record.DecisionDate = request.DecisionDate;
        var recognised = await steps.CommitAsync(account, record, SubmissionAudit.Recognised, from, new { decisionNumber = record.DecisionNumber, decisionDate = record.DecisionDate, issuedInSystem = false }, ct);
        // Units above whose packs count recognised units of this kind (TT124 Điều 5 k4) see the new number in their drafts.
        if (recognised.Failure is null) await hierarchyFacts.RefreshDependantsAsync(record, evaluator, ct);
        return recognised;
    }

    /// <summary>
    /// The recognising level decides not to recognise, with its reasons: the dossier is closed and the reasoned notice
    /// (Thông báo, <c>templates/thong-bao-khong-cong-nhan.scriban</c>) is issued to the unit in the same transaction.
    /// </summary>
    public async Task<Result<SubmissionView>> RejectAsync(Guid id, RejectRequest request, CancellationToken ct)
    {
        var (account, record) = await steps.LoadAsync(id, ct);
        if (await DecisionRefusalAsync(account, record, "quyết định không công nhận", ct) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(request.Reason)) return Refusal.BadRequest("Cần nêu lý do không công nhận.");
        if (request.Reason.Length > 4000) return Refusal.BadRequest("Lý do không công nhận tối đa 4.000 ký tự.");

        var from = record.Status;
        record.Status = SubmissionStatus.NotRecognised;
        record.PendingUnitId = null;
        var reason = request.Reason.Trim();
        var unitName = record.Unit!.Name;
        var input = new OutcomeInput(RecognitionDecisions.DefaultSignerTitle, "", [unitName + ";", "Lưu: VT."], reason);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await notifications.StageStepAsync(account, record, SubmissionAudit.Rejected, from, new { reason }, ct); // committed with the step
        if (await store.CommitAsync(account, record, SubmissionAudit.Rejected, from, new { reason }, ct) is { } conflict) return conflict;
        var notice = await outcomes.NoticeAsync(account, account.ScopeUnit, record, input, null, ct);
        if (notice.Failure is { } failed)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return failed;
        }
        await transaction.CommitAsync(ct);
        await steps.QueueEmailsAsync(ct);
        return await queries.ViewAsync(record, record.Unit, ct);
    }

    /// <summary>The decision belongs to the last unit of the chain, once the submission has reached it.</summary>
    private async Task<Refusal?> DecisionRefusalAsync(Account account, SubmissionRecord record, string action, CancellationToken ct)
    {
        SubmissionStore.RequireReviewer(account);
        if (!SubmissionStates.IsUnderReview(record.Status)) return SubmissionStates.WrongState(record, action);
        var chain = await store.ChainAsync(record.Unit!, await store.PinnedPackAsync(record, ct), record.Year, ct);
        var recognising = chain[^1];
        if (account.ScopeUnit.Id != recognising.Id)
            throw new AccessDeniedException($"Chỉ Ban Chỉ đạo của {recognising.Name} mới được {action} hồ sơ này.");
        if (record.PendingUnitId != recognising.Id)
            return Refusal.Conflict($"Hồ sơ chưa được các cấp dưới thông qua đến {recognising.Name} nên chưa thể {action}.",
                new Dictionary<string, object?> { ["status"] = record.Status, ["pendingUnitId"] = record.PendingUnitId });
        return null;
    }

    private static void RequirePendingHere(Account account, SubmissionRecord record)
    {
        if (record.PendingUnitId != account.ScopeUnit.Id)
            throw new AccessDeniedException("Hồ sơ không chờ đơn vị của bạn xét duyệt ở bước này.");
    }
}
