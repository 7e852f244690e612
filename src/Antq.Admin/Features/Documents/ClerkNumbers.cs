using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>Body of <c>POST /api/documents/{id}/number</c>: the number and date the clerk's register gave.</summary>
public sealed record ClerkNumberRequest(string? Number, DateOnly? Date);

/// <summary>
/// The organisation's clerk (văn thư) enters the number and date of a document issued "chờ cấp số" (numbering mode
/// <see cref="NumberingModes.Clerk"/>). Issued documents are immutable, so the entry makes a NEW version rendered from the
/// same inputs with the number and date (and without the awaiting stamp): the awaiting version stays, superseded, and the
/// verification code of each keeps answering for what it shows. The number must be new in the organisation's registry year
/// (Decree 30 Điều 15: unique within the year); entries of one organisation and year are serialised on its registry
/// counter row so two clerks cannot give the same number at once. Entering the number of a decision recognises its
/// dossiers with it and issues their certificates.
/// </summary>
public sealed class ClerkNumbers(
    AntqDbContext db, CurrentAccount current, SubmissionStore store, DocumentIssuer issuer, OutcomeIssuer outcomes, RegistryNumbers numbers,
    RecognitionDecisions decisions, Reports.YearlyReportDocuments reports, TimeProvider time)
{
    /// <summary>The counter series that orders the clerk's entries of one organisation and year (never printed).</summary>
    public const string EntrySeries = "#clerk";

    public async Task<Result<OutcomeDocumentView>> EnterAsync(long id, ClerkNumberRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new AccessDeniedException("Không có văn bản này.", StatusCodes.Status404NotFound);
        var issuerUnit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == document.IssuerUnitId, ct);
        if (!account.CanSee(issuerUnit)) throw new AccessDeniedException("Không có văn bản này.", StatusCodes.Status404NotFound);
        if (account.ScopeUnit.Id != issuerUnit.Id)
            throw new AccessDeniedException($"Chỉ cán bộ (văn thư) của {issuerUnit.Name}, cơ quan ban hành, mới ghi số văn bản này.");
        if (!document.AwaitingNumber) return Refusal.Conflict($"Văn bản đã có số {document.Number}; không ghi số lại.");
        var newer = await db.IssuedDocuments.AnyAsync(d => d.SubmissionId == document.SubmissionId && d.DocumentId == document.DocumentId && d.Version > document.Version, ct);
        if (newer) return Refusal.Conflict("Văn bản này đã có phiên bản mới hơn; hãy ghi số vào phiên bản hiện hành.");
        var number = request.Number?.Trim() ?? "";
        if (number.Length is 0 or > 64) return Refusal.BadRequest("Cần ghi số, ký hiệu văn bản (number, tối đa 64 ký tự), ví dụ 15/QĐ-UBND.");
        var today = VietnamTime.DateOf(time.GetUtcNow());
        if (request.Date is not { } date) return Refusal.BadRequest("Cần ghi ngày ban hành (date).");
        if (date > today || date < VietnamTime.DateOf(document.IssuedAt))
            return Refusal.Unprocessable($"Ngày ban hành phải từ ngày lập văn bản ({VietnamTime.DateOf(document.IssuedAt):dd/MM/yyyy}) đến hôm nay ({today:dd/MM/yyyy}).");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await numbers.NextAsync(issuerUnit.Id, date.Year, EntrySeries, ct);
        if (await db.IssuedDocuments.AnyAsync(d => d.IssuerUnitId == issuerUnit.Id && d.RegistryYear == date.Year && d.Number == number, ct))
            return Refusal.Conflict($"Số {number} đã được cấp cho một văn bản khác của {issuerUnit.Name} trong năm {date.Year}; mỗi số chỉ dùng một lần trong năm.");
        var given = new DocumentIssuer.GivenNumber(number, date);
        var result = await IssueNumberedAsync(account, document, issuerUnit, given, ct);
        if (result.Failure is { } failure)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return failure;
        }
        await transaction.CommitAsync(ct);
        return decisions.View(result.Value!);
    }

    private async Task<Result<IssuedDocument>> IssueNumberedAsync(Account account, IssuedDocument document, Unit issuerUnit, DocumentIssuer.GivenNumber given, CancellationToken ct)
    {
        if (document.InputJson is null)
        {
            // A dossier document: rendered again from its submission, like a re-issue, with the given number.
            var record = await store.FindAsync(document.SubmissionId!.Value, ct) ?? throw new InvalidOperationException("dossier missing");
            var pack = await store.PinnedPackAsync(record, ct);
            var reference = pack.Manifest.Documents.FirstOrDefault(d => d.Id == document.DocumentId);
            if (reference is null) return Refusal.NotFound($"Bộ tiêu chí của hồ sơ không còn văn bản «{document.DocumentId}».");
            var meeting = document.MeetingId is { } m ? await db.Meetings.AsNoTracking().FirstAsync(x => x.Id == m, ct) : null;
            var order = new DocumentIssuer.Order(reference, issuerUnit, "number-entered", meeting, Number: given);
            if (await issuer.IssueInTransactionAsync(account, record, pack, order, ct) is { } failed) return failed;
            return issuer.LastIssued!;
        }
        // A level's yearly report: rendered again from its kept text.
        if (Reports.YearlyReportDocuments.IsReport(document)) return await reports.NumberAsync(account, document, issuerUnit, given, ct);
        var input = JsonSerializer.Deserialize<OutcomeInput>(document.InputJson)!;
        var subjects = await db.IssuedDocumentSubjects.AsNoTracking().Where(s => s.IssuedDocumentId == document.Id).Select(s => s.SubmissionId).ToListAsync(ct);
        var records = new List<SubmissionRecord>();
        foreach (var subject in subjects) records.Add(await store.FindAsync(subject, ct) ?? throw new InvalidOperationException("dossier missing"));
        switch (document.Kind)
        {
            case OutcomeDocuments.DecisionKind:
                var decision = await outcomes.DecisionAsync(account, issuerUnit, records, input, document.DocumentId, given, ct);
                if (decision.Failure is { } failed) return failed;
                var certificates = await decisions.RecogniseAsync(account, issuerUnit, records, decision.Value!, input, ct);
                return certificates.Failure is { } refused ? refused : decision;
            case OutcomeDocuments.CertificateKind:
                var record = records.Single();
                return await outcomes.CertificateAsync(account, issuerUnit, record, input, record.DecisionNumber ?? "", record.DecisionDate ?? given.Date, given, ct);
            default:
                return await outcomes.NoticeAsync(account, issuerUnit, records.Single(), input, given, ct);
        }
    }
}
