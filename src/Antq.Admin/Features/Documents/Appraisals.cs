using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// The reviewing level's appraisal (thẩm định) of a dossier waiting at it: TT124 Điều 9 khoản 1 (điểm a–c) sends the unit's
/// dossier up "để thẩm định và báo cáo, đề xuất" — the level that proposes recognition checks it (the assessment meeting
/// before it is the unit's own, <see cref="Meetings"/>). The appraiser
/// gives an opinion on every criterion of the unit's verdict and a conclusion; when the pack declares an appraisal report
/// (a document <c>bao-cao-tham-dinh…</c>) it is issued by the reviewing level in the same transaction. Recording again is
/// a correction: a new record and a new version of the report.
/// </summary>
public sealed class Appraisals(CurrentAccount current, SubmissionStore store, AntqDbContext db, DocumentIssuer issuer, DocumentQueries queries, TimeProvider time)
{
    public async Task<Result<SubmissionDocumentsView>> RecordAsync(Guid id, RecordAppraisalRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        SubmissionStore.RequireReviewer(account);
        if (!SubmissionStates.IsUnderReview(record.Status)) return SubmissionStates.WrongState(record, "thẩm định hồ sơ");
        if (record.PendingUnitId != account.ScopeUnit.Id)
            throw new AccessDeniedException("Hồ sơ không chờ đơn vị của bạn xét duyệt nên đơn vị không thẩm định được.");
        var criteria = StoredEvaluation.Read(record.EvaluationJson)?.Criteria ?? [];
        if (Check(request, criteria) is { } invalid) return Refusal.BadRequest(invalid);

        var appraisal = ToRecord(request, record, account);
        var pack = await store.PinnedPackAsync(record, ct);
        var orders = DocumentIssuer.OrdersFor(pack, DocumentStep.Appraisal, account.ScopeUnit, null, appraisal);
        var failure = await issuer.WithDocumentsAsync(account, record, pack, orders, async () =>
        {
            db.Appraisals.Add(appraisal);
            db.AuditEntries.Add(SubmissionAudit.Entry(account, record, "submission.appraisal-recorded", record.Status,
                new { appraisalUnitId = account.ScopeUnit.Id, appraisal.Proposes, disagreements = request.Opinions!.Count(o => o.Agrees == false) }, time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        if (failure is not null) return failure;
        return await queries.ListAsync(id, ct);
    }

    /// <summary>Whether <paramref name="account"/> may appraise the dossier now (the reviewers of the level it waits at).</summary>
    public static bool MayAppraise(Account account, SubmissionRecord record) =>
        account.IsReviewer && record.PendingUnitId == account.ScopeUnit.Id && SubmissionStates.IsUnderReview(record.Status);

    private static string? Check(RecordAppraisalRequest r, IReadOnlyList<CriterionResult> criteria)
    {
        var problems = new List<string>();
        if (Blank(r.Appraiser?.Name, 200)) problems.Add("họ tên người thẩm định");
        if (r.Appraiser?.Title is { Length: > 300 }) problems.Add("chức vụ người thẩm định tối đa 300 ký tự");
        var opinions = r.Opinions ?? [];
        var unknown = opinions.Where(o => !criteria.Any(c => c.Id == o.CriterionId)).Select(o => o.CriterionId ?? "(trống)").ToList();
        if (unknown.Count > 0) problems.Add("ý kiến về tiêu chí không có trong hồ sơ: " + string.Join(", ", unknown));
        var twice = opinions.GroupBy(o => o.CriterionId).Where(g => g.Key is not null && g.Count() > 1).Select(g => g.Key!).ToList();
        if (twice.Count > 0) problems.Add("mỗi tiêu chí chỉ một ý kiến (trùng: " + string.Join(", ", twice) + ")");
        var missing = criteria.Where(c => !opinions.Any(o => o.CriterionId == c.Id && o.Agrees is not null)).Select(c => "«" + c.Title + "»").ToList();
        if (missing.Count > 0) problems.Add("ý kiến nhất trí hay không với kết quả tự đánh giá của đơn vị ở tiêu chí " + string.Join(", ", missing));
        if (opinions.Any(o => o.Agrees == false && string.IsNullOrWhiteSpace(o.Opinion)))
            problems.Add("lý do ở mỗi tiêu chí không nhất trí với đơn vị");
        if (opinions.Any(o => o.Opinion is { Length: > 2000 })) problems.Add("ý kiến mỗi tiêu chí tối đa 2.000 ký tự");
        if (r.Proposes is null) problems.Add("kết luận có đề nghị công nhận hay không");
        if (Blank(r.Conclusion, 4000)) problems.Add("kết luận thẩm định (tối đa 4.000 ký tự)");
        return problems.Count == 0 ? null : "Kết quả thẩm định còn thiếu hoặc sai: " + string.Join("; ", problems) + ".";
    }

    private static bool Blank(string? text, int max) => string.IsNullOrWhiteSpace(text) || text.Trim().Length > max;

    private AppraisalRecord ToRecord(RecordAppraisalRequest r, SubmissionRecord record, Account account) => new()
    {
        SubmissionId = record.Id, UnitId = account.ScopeUnit.Id,
        AppraiserName = r.Appraiser!.Name!.Trim(), AppraiserTitle = r.Appraiser.Title?.Trim() ?? "",
        OpinionsJson = JsonSerializer.Serialize(r.Opinions!.Select(o => new AppraisalOpinionDto(o.CriterionId, o.Agrees, o.Opinion?.Trim() ?? "")).ToList(), SubmissionEvaluator.Json),
        Proposes = r.Proposes!.Value, Conclusion = r.Conclusion!.Trim(),
        RecordedById = account.UserId, RecordedByName = account.Name, RecordedAt = time.GetUtcNow(),
    };

    public static IReadOnlyList<AppraisalOpinionDto> Opinions(AppraisalRecord a) =>
        JsonSerializer.Deserialize<List<AppraisalOpinionDto>>(a.OpinionsJson, SubmissionEvaluator.Json) ?? [];

    /// <summary>The appraisal as the template model reads it: the opinions in the verdict's order, beside the unit's own result.</summary>
    public static AppraisalInfo? ToInfo(AppraisalRecord? a, EvaluationResult evaluation)
    {
        if (a is null) return null;
        var opinions = Opinions(a);
        return new AppraisalInfo(a.AppraiserName, a.AppraiserTitle,
            evaluation.Criteria.Select(c => opinions.FirstOrDefault(o => o.CriterionId == c.Id) is { } o
                    ? new AppraisalOpinion(c.Id, c.Title, c.Status.ToVietnamese(), o.Agrees ?? true, o.Opinion ?? "") : null)
                .OfType<AppraisalOpinion>().ToList(),
            a.Proposes, a.Conclusion);
    }

    public static AppraisalView View(AppraisalRecord a) => new(a.Id, a.UnitId, new MeetingPersonDto(a.AppraiserName, a.AppraiserTitle),
        Opinions(a), a.Proposes, a.Conclusion, a.RecordedByName, a.RecordedAt);
}
