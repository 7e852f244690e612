using Antq.Admin.Data;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>
/// Re-issuing: a new version with a new registry number and verification code, rendered from the
/// current template and the submission as submitted; the older versions stay, marked superseded.
/// Who may: an administrator; for documents issued at submission the submitting unit; for the
/// minutes a reviewer of the unit that held the meeting.
/// </summary>
public sealed class DocumentCommands(CurrentAccount current, SubmissionStore store, AntqDbContext db, DocumentIssuer issuer, DocumentQueries queries, TimeProvider time)
{
    public static bool MayReissue(Account account, Data.Entities.SubmissionRecord record, DocumentStep step, int issuerUnitId) =>
        account.IsAdmin || (step == DocumentStep.Submitted
            ? account.IsUnit && account.ScopeUnit.Id == record.UnitId
            : account.IsReviewer && account.ScopeUnit.Id == issuerUnitId);

    public async Task<SubmissionResult<IssuedDocumentView>> ReissueAsync(Guid id, string documentId, ReissueRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        var latest = await db.IssuedDocuments.AsNoTracking().Where(d => d.SubmissionId == id && d.DocumentId == documentId)
            .OrderByDescending(d => d.Version).Select(d => new { d.IssuerUnitId, d.MeetingId, d.Version }).FirstOrDefaultAsync(ct);
        if (latest is null) return SubmissionFailure.NotFound($"Hồ sơ chưa có văn bản «{documentId}» được ban hành nên chưa thể ban hành lại.");
        if (request.Note is { Length: > 1000 }) return SubmissionFailure.BadRequest("Ghi chú ban hành lại tối đa 1.000 ký tự.");
        var pack = await store.PinnedPackAsync(record, ct);
        var document = pack.Manifest.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null) return SubmissionFailure.NotFound($"Bộ tiêu chí của hồ sơ không còn văn bản «{documentId}».");
        var step = DocumentKinds.StepOf(document);
        if (!MayReissue(account, record, step, latest.IssuerUnitId))
            throw new AccessDeniedException(step == DocumentStep.Submitted
                ? "Chỉ đơn vị lập hồ sơ hoặc quản trị viên mới được ban hành lại văn bản này."
                : "Chỉ đơn vị đã chủ trì họp xét hoặc quản trị viên mới được ban hành lại biên bản.");
        // While the unit edits its form again, the data is not what was submitted: it submits anew instead.
        if (SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "ban hành lại văn bản");

        var meeting = latest.MeetingId is { } meetingId ? await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == meetingId, ct) : null;
        var issuerUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == latest.IssuerUnitId, ct);
        var order = new DocumentIssuer.Order(document, issuerUnit, "reissue", meeting, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim());
        var failure = await issuer.WithDocumentsAsync(account, record, pack, [order], async () =>
        {
            db.AuditEntries.Add(SubmissionAudit.Entry(account, record, "submission.document-reissued", record.Status,
                new { documentId, previousVersion = latest.Version, note = order.Note }, time.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return null;
        }, ct);
        if (failure is not null) return failure;
        var list = await queries.ListAsync(id, ct);
        return list.Documents.First(d => d.DocumentId == documentId && d.Current);
    }
}
