using Antq.Admin.Data;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Re-issuing: a new version with a new registry number and verification code, rendered from the
/// current template and the submission as submitted; the older versions stay, marked superseded.
/// Who may: the staff of the level that issued the document — for documents issued at submission
/// the accounts of the submitting (issuing) unit, for the minutes the reviewers of the unit that held
/// the meeting. Administrators do not re-issue other levels' documents. A reason is required (it is
/// printed nowhere but kept with the version and in the audit), a re-issue consumes a new registry
/// number and supersedes the previous version, so it is refused once the dossier has its final
/// decision (recognised or not) and after <see cref="MaxVersions"/> versions of one document.
/// </summary>
public sealed class DocumentCommands(CurrentAccount current, SubmissionStore store, AntqDbContext db, DocumentIssuer issuer, DocumentQueries queries, TimeProvider time)
{
    /// <summary>Versions one document of one dossier may have (each one consumed a registry number).</summary>
    public const int MaxVersions = 10;

    public static bool MayReissue(Account account, Data.Entities.SubmissionRecord record, DocumentStep step, int issuerUnitId) =>
        step == DocumentStep.Submitted
            ? account.IsUnit && account.ScopeUnit.Id == record.UnitId && account.ScopeUnit.Id == issuerUnitId
            // The minutes: the reviewing level's (old procedure) by its reviewers, the unit's own meeting's by the unit.
            : account.ScopeUnit.Id == issuerUnitId && (account.IsReviewer || (account.IsUnit && issuerUnitId == record.UnitId));

    /// <summary>A final decision (recognised or not) closes the dossier's documents.</summary>
    public static bool IsFinal(string status) => status is Data.Entities.SubmissionStatus.Recognised or Data.Entities.SubmissionStatus.NotRecognised;

    public async Task<Result<IssuedDocumentView>> ReissueAsync(Guid id, string documentId, ReissueRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        var latest = await db.IssuedDocuments.AsNoTracking().Where(d => d.SubmissionId == id && d.DocumentId == documentId)
            .OrderByDescending(d => d.Version).Select(d => new { d.IssuerUnitId, d.MeetingId, d.Version }).FirstOrDefaultAsync(ct);
        if (latest is null) return Refusal.NotFound($"Hồ sơ chưa có văn bản «{documentId}» được ban hành nên chưa thể ban hành lại.");
        if (string.IsNullOrWhiteSpace(request.Note)) return Refusal.BadRequest("Cần nêu lý do ban hành lại (trường «note»): văn bản mới lấy số mới và thay thế phiên bản hiện hành.");
        if (request.Note.Length > 1000) return Refusal.BadRequest("Lý do ban hành lại tối đa 1.000 ký tự.");
        var pack = await store.PinnedPackAsync(record, ct);
        var document = pack.Manifest.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null) return Refusal.NotFound($"Bộ tiêu chí của hồ sơ không còn văn bản «{documentId}».");
        var step = DocumentKinds.StepOf(document);
        if (!MayReissue(account, record, step, latest.IssuerUnitId))
            throw new AccessDeniedException(step == DocumentStep.Submitted
                ? "Chỉ tài khoản của đơn vị đã ban hành văn bản (đơn vị lập hồ sơ) mới được ban hành lại văn bản này."
                : step == DocumentStep.Appraisal ? "Chỉ tài khoản xét duyệt của đơn vị đã thẩm định mới được ban hành lại báo cáo thẩm định."
                : "Chỉ tài khoản xét duyệt của đơn vị đã chủ trì họp xét mới được ban hành lại biên bản.");
        // While the unit edits its form again, the data is not what was submitted: it submits anew instead.
        if (SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "ban hành lại văn bản");
        if (IsFinal(record.Status)) return SubmissionStates.WrongState(record, "ban hành lại văn bản sau khi đã có quyết định công nhận");
        if (latest.Version >= MaxVersions)
            return Refusal.Unprocessable($"Văn bản «{documentId}» đã được ban hành {latest.Version} phiên bản (tối đa {MaxVersions}); không thể ban hành lại thêm.");

        var meeting = latest.MeetingId is { } meetingId ? await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == meetingId, ct) : null;
        // The appraisal report renders the issuing level's latest appraisal (a correction of it issues a new version itself).
        var appraisal = step == DocumentStep.Appraisal
            ? await db.Appraisals.AsNoTracking().Where(a => a.SubmissionId == id && a.UnitId == latest.IssuerUnitId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct)
            : null;
        var issuerUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == latest.IssuerUnitId, ct);
        var order = new DocumentIssuer.Order(document, issuerUnit, "reissue", meeting, request.Note.Trim(), Appraisal: appraisal);
        var failure = await issuer.WithDocumentsAsync(account, record, pack, [order], async () =>
        {
            db.AuditEntries.Add(SubmissionAudit.Entry(account, record, "submission.document-reissued", record.Status,
                new { documentId, previousVersion = latest.Version, reason = order.Note }, time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        if (failure is not null) return failure;
        var list = await queries.ListAsync(id, ct);
        return list.Documents.First(d => d.DocumentId == documentId && d.Current);
    }
}
