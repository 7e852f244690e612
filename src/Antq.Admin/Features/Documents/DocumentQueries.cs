using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.Documents;
using Antq.FormEngine.Documents;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>Reading issued documents: a submission's list and a version's bytes (authorised against the submission), and the public verify lookup.</summary>
public sealed class DocumentQueries(CurrentAccount current, SubmissionStore store, AntqDbContext db, DocumentLinks links)
{
    public async Task<SubmissionDocumentsView> ListAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, id, ct);
        var rows = await Concerning(id)
            .Select(d => new
            {
                d.Id, d.DocumentId, d.Title, d.Kind, d.Version, d.Number, d.IssueDate, d.Place, d.VerificationCode, d.IssuerUnitId, d.PackId,
                d.PackVersion, d.PackHash, d.TemplateKey, d.TemplateVersion, d.HtmlSha256, d.DocxSha256, d.Reason, d.Note, d.IssuedByName, d.IssuedAt,
                d.MeetingId,
            })
            .ToListAsync(ct);
        var latest = rows.GroupBy(r => r.DocumentId).ToDictionary(g => g.Key, g => g.Max(r => r.Version));
        var documents = rows.OrderBy(r => r.DocumentId, StringComparer.Ordinal).ThenByDescending(r => r.Version)
            .Select(r => new IssuedDocumentView(r.Id, r.DocumentId, r.Title, r.Version, latest[r.DocumentId] == r.Version, r.Number, r.IssueDate,
                r.Place, r.VerificationCode, links.Verify(r.VerificationCode), r.IssuerUnitId, r.PackId, r.PackVersion, r.PackHash, r.TemplateKey,
                r.TemplateVersion, r.HtmlSha256, r.DocxSha256, r.Reason, r.Note, r.IssuedByName, r.IssuedAt, Links(id, r.DocumentId, r.Version))
            { Kind = r.Kind, AwaitingNumber = r.Number.Length == 0 })
            .ToList();
        var meetings = (await db.Meetings.AsNoTracking().Where(m => m.SubmissionId == id).ToListAsync(ct))
            .OrderByDescending(m => m.Id).Select(m => Meetings.View(m, record.UnitId)).ToList();
        var pack = await store.PinnedPackAsync(record, ct);
        var minutes = Meetings.OwnMinutes(pack);
        var byUnit = minutes is not null;
        var canRecord = byUnit
            ? account.IsUnit && account.ScopeUnit.Id == record.UnitId && SubmissionStates.IsEditable(record.Status)
            : account.IsReviewer && record.PendingUnitId == account.ScopeUnit.Id && SubmissionStates.IsUnderReview(record.Status);
        // The minutes are the documents issued from a meeting, the appraisal report from an appraisal; the rest were issued at submission.
        var canReissue = SubmissionStates.IsEditable(record.Status) || DocumentCommands.IsFinal(record.Status) ? [] : rows.Where(r => latest[r.DocumentId] == r.Version && r.Version < DocumentCommands.MaxVersions
                && DocumentCommands.MayReissue(account, record, r.MeetingId is not null ? DocumentStep.Meeting
                    : pack.Manifest.Documents.FirstOrDefault(d => d.Id == r.DocumentId) is { } declared ? DocumentKinds.StepOf(declared) : DocumentStep.Submitted, r.IssuerUnitId))
            .Select(r => r.DocumentId).Order(StringComparer.Ordinal).ToList();
        var appraisals = (await db.Appraisals.AsNoTracking().Where(a => a.SubmissionId == id).ToListAsync(ct))
            .OrderByDescending(a => a.Id).Select(Appraisals.View).ToList();
        return new SubmissionDocumentsView(id, documents, meetings, canRecord, canReissue)
            { MeetingByUnit = byUnit, MeetingRoles = minutes is null ? [] : Meetings.RolesFor(await UnitKindAsync(record, ct), minutes), Appraisals = appraisals, CanAppraise = Appraisals.MayAppraise(account, record) };
    }

    private async Task<string> UnitKindAsync(SubmissionRecord record, CancellationToken ct) =>
        record.Unit?.KindId ?? await db.Units.Where(u => u.Id == record.UnitId).Select(u => u.KindId).FirstAsync(ct);

    /// <summary>The stored bytes of one version (the current one when <paramref name="version"/> is null).</summary>
    public async Task<IssuedDocument> GetAsync(Guid id, string documentId, int? version, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        await store.GetVisibleAsync(account, id, ct);
        var query = Concerning(id).Where(d => d.DocumentId == documentId);
        var document = version is { } v
            ? await query.FirstOrDefaultAsync(d => d.Version == v, ct)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        return document ?? throw new AccessDeniedException(
            version is null ? $"Hồ sơ chưa có văn bản «{documentId}» được ban hành." : $"Không có phiên bản {version} của văn bản «{documentId}».",
            StatusCodes.Status404NotFound);
    }

    /// <summary>The documents of a dossier: its own and those that concern it among others (the decision that recognised it).</summary>
    private IQueryable<IssuedDocument> Concerning(Guid id) =>
        db.IssuedDocuments.AsNoTracking().Where(d => d.SubmissionId == id || db.IssuedDocumentSubjects.Any(s => s.IssuedDocumentId == d.Id && s.SubmissionId == id));

    /// <summary>What a verification code stands for; null for an unknown code (nothing else is revealed).</summary>
    public async Task<VerificationView?> VerifyAsync(string? code, CancellationToken ct)
    {
        if (VerificationCodes.Normalise(code) is not { } canonical) return null;
        var d = await db.IssuedDocuments.AsNoTracking().Where(x => x.VerificationCode == canonical)
            .Select(x => new
            {
                x.Id, x.SubmissionId, x.DocumentId, x.Title, x.Kind, x.Number, x.IssueDate, x.Place, x.IssuerUnitId, x.Version, x.PackId, x.PackVersion,
                x.PackHash, x.TemplateKey, x.TemplateVersion, x.HtmlSha256, x.DocxSha256, x.IssuedByName, x.IssuedAt,
            })
            .FirstOrDefaultAsync(ct);
        if (d is null) return null;
        var newest = await db.IssuedDocuments.AsNoTracking().Where(x => x.SubmissionId == d.SubmissionId && x.DocumentId == d.DocumentId)
            .MaxAsync(x => x.Version, ct);
        // The dossiers it concerns: its own, or those a decision names.
        var dossiers = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == d.SubmissionId || db.IssuedDocumentSubjects.Any(x => x.IssuedDocumentId == d.Id && x.SubmissionId == s.Id))
            .Select(s => new { s.UnitId, s.Year, s.DecisionNumber, s.DecisionDate }).ToListAsync(ct);
        var unitIds = dossiers.Select(s => s.UnitId).Append(d.IssuerUnitId).ToList();
        var names = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var current = newest == d.Version;
        var view = new VerificationView(canonical, d.DocumentId, d.Title, d.Kind, d.Number, d.IssueDate, d.Place, names.GetValueOrDefault(d.IssuerUnitId, ""),
            string.Join("; ", dossiers.Select(s => names.GetValueOrDefault(s.UnitId, "")).Order(VietnameseText.Order)), d.Version, current,
            current ? "current" : "superseded", d.PackId, d.PackVersion, d.PackHash,
            d.TemplateKey, d.TemplateVersion, d.HtmlSha256, d.DocxSha256, d.IssuedByName, d.IssuedAt) { AwaitingNumber = d.Number.Length == 0 };
        // A certificate names its year and the decision it was granted by (that dossier's recorded decision).
        return d.Kind == OutcomeDocuments.CertificateKind && dossiers.Count == 1
            ? view with { Year = dossiers[0].Year, DecisionNumber = dossiers[0].DecisionNumber, DecisionDate = dossiers[0].DecisionDate }
            : view;
    }

    public static IReadOnlyDictionary<string, string> Links(Guid id, string documentId, int version)
    {
        var path = $"/api/submissions/{id}/documents/{Uri.EscapeDataString(documentId)}?version={version}&format=";
        return new Dictionary<string, string> { ["html"] = path + "html", ["docx"] = path + "docx", ["pdf"] = path + "pdf" };
    }

    public static string FileName(IssuedDocument d, DocumentFileFormat format) => $"{d.DocumentId}-{d.RegistryYear}-{d.Sequence:00}-v{d.Version}{format.Extension()}";
}
