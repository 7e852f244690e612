using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Documents;
using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Antq.FormEngine.Documents;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Reports;

/// <summary>
/// The yearly result report of a level as an official document (issue 17 items 4–5): issued by the level itself (its reviewers
/// or administrators) through <see cref="DocumentIssuer.StoreAsync"/> — a number in the level's register (kind <c>BC</c>), a
/// verification code, HTML and DOCX, an immutable version; issuing again makes the next version, the older ones stay and read
/// "superseded" on /verify. The figures are those of <see cref="YearlyReport"/> at the time of issue; the officer's assessment and
/// proposals are kept with the version. The province's report is its summary (the same template in its province mode).
/// </summary>
public sealed class YearlyReportDocuments(AntqDbContext db, CurrentAccount current, UnitDirectory units, YearlyReport report, DocumentIssuer issuer,
    DocumentLinks links, TimeProvider time)
{
    public const string Kind = "BC";
    private const int MaxText = 20_000;

    /// <summary>Whether <paramref name="account"/> may issue its level's report: the level's own reviewers and administrators.</summary>
    public static bool MayIssue(Account account, Unit level) => (account.IsReviewer || account.IsAdmin) && account.ScopeUnit.Id == level.Id;

    public async Task<YearlyReportsView> ListAsync(int? unitId, int? year, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var level = unitId is int id ? await units.GetVisibleAsync(account, id, ct) : account.ScopeUnit;
        var y = year ?? VietnamTime.YearOf(time.GetUtcNow());
        var prefix = Prefix(y);
        // The level's own reports and those of the levels below it (a province sees what its communes reported).
        var rows = await db.IssuedDocuments.AsNoTracking()
            .Where(d => d.SubmissionId == null && d.Kind == Kind && d.DocumentId.StartsWith(prefix)
                && db.Units.Any(u => u.Id == d.IssuerUnitId && u.Path.StartsWith(level.Path)))
            .Select(d => new ReportRow(d.Id, d.DocumentId, d.IssuerUnitId, d.Title, d.Number, d.IssueDate, d.Version, d.VerificationCode, d.IssuedByName, d.IssuedAt, d.Note))
            .ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.IssuerUnitId), ct);
        var newest = rows.GroupBy(r => r.DocumentId).ToDictionary(g => g.Key, g => g.Max(r => r.Version));
        var views = rows.OrderBy(r => r.IssuerUnitId == level.Id ? 0 : 1).ThenBy(r => names.GetValueOrDefault(r.IssuerUnitId, ""), VietnameseText.Order)
            .ThenByDescending(r => r.Version)
            .Select(r => View(r, y, names.GetValueOrDefault(r.IssuerUnitId, ""), newest[r.DocumentId] == r.Version)).ToList();
        return new YearlyReportsView(y, level.Id, level.Name, MayIssue(account, level), views);
    }

    /// <summary>Issues (a new version of) the caller's level's report for the year; the stored version, or why not.</summary>
    public async Task<Result<IssuedReportView>> IssueAsync(IssueReportRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var level = account.ScopeUnit;
        if (!MayIssue(account, level))
            throw new AccessDeniedException("Chỉ cán bộ xét duyệt hoặc quản trị viên của cấp báo cáo mới được ban hành báo cáo kết quả của cấp mình.");
        if ((request.Assessment?.Length ?? 0) > MaxText || (request.Proposals?.Length ?? 0) > MaxText)
            return Refusal.BadRequest($"Phần đánh giá và phần đề xuất, kiến nghị mỗi phần tối đa {MaxText:N0} ký tự.");
        if (string.IsNullOrWhiteSpace(request.Assessment))
            return Refusal.BadRequest("Cần nhập phần đánh giá chung trước khi ban hành báo cáo.");
        var year = request.Year ?? VietnamTime.YearOf(time.GetUtcNow());
        if (year is < 2000 or > 2100) return Refusal.BadRequest($"Năm {year} không hợp lệ (từ 2000 đến 2100).");

        var documentId = YearlyReport.DocumentId(level, year);
        var issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SubmissionId == null && d.DocumentId == documentId)
            .MaxAsync(d => (int?)d.Version, ct) ?? 0;
        if (issued >= DocumentCommands.MaxVersions)
            return Refusal.Conflict($"Báo cáo năm {year} đã có {issued} phiên bản; không ban hành thêm được.");
        if (issued > 0 && string.IsNullOrWhiteSpace(request.Note))
            return Refusal.BadRequest($"Báo cáo năm {year} đã được ban hành; cần nêu lý do ban hành lại (note).");

        var input = new ReportInput(request.Assessment.Trim(), request.Proposals?.Trim() ?? "");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await StoreAsync(account, level, year, input, issued == 0 ? "report" : "reissue",
            string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), null, ct);
        if (stored.Failure is { } failure)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return failure;
        }
        await transaction.CommitAsync(ct);
        var d = stored.Value!;
        return View(new ReportRow(d.Id, d.DocumentId, d.IssuerUnitId, d.Title, d.Number, d.IssueDate, d.Version, d.VerificationCode, d.IssuedByName,
            d.IssuedAt, d.Note), year, level.Name, current: true);
    }

    /// <summary>The clerk's number for a report awaiting one (<see cref="ClerkNumbers"/>, in its transaction): a new version, rendered
    /// again from the kept assessment and proposals and the figures as they are now.</summary>
    public async Task<Result<IssuedDocument>> NumberAsync(Account actor, IssuedDocument document, Unit level, DocumentIssuer.GivenNumber number, CancellationToken ct)
    {
        var input = JsonSerializer.Deserialize<ReportInput>(document.InputJson ?? "{}") ?? new ReportInput("", "");
        var year = int.Parse(document.DocumentId["bao-cao-ket-qua-".Length..].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        return await StoreAsync(actor, level, year, input, "number-entered", null, number, ct);
    }

    /// <summary>Whether an issued document is a level's yearly report (not a dossier's own "báo cáo kết quả").</summary>
    public static bool IsReport(IssuedDocument document) =>
        document.SubmissionId is null && document.Kind == Kind && document.DocumentId.StartsWith("bao-cao-ket-qua-", StringComparison.Ordinal);

    private async Task<Result<IssuedDocument>> StoreAsync(Account actor, Unit level, int year, ReportInput input, string reason, string? note,
        DocumentIssuer.GivenNumber? number, CancellationToken ct)
    {
        CurrentTemplate template;
        try { template = await report.TemplateAsync(ct); }
        catch (ExportRefusedException refused) { return Refusal.Unprocessable(refused.Message); }
        var text = new YearlyReportRequest(year, level.Id, input.Assessment, input.Proposals);
        var spec = new DocumentIssuer.Issue(YearlyReport.DocumentId(level, year), YearlyReport.Title(level, year), Kind, level, year, null, template, null, [],
            reason, note, null, DocumentKinds.SignerTitle(level), YearlyReport.Recipient(level), JsonSerializer.Serialize(input), number,
            DocumentKinds.IssuerSuffix(level));
        if (await issuer.StoreAsync(actor, spec, info => report.DocumentModelAsync(info, level, year, text, ct), ct) is { } failure) return failure;
        return issuer.LastIssued!;
    }

    /// <summary>One issued report version whose level the caller can see.</summary>
    public async Task<IssuedDocument> GetAsync(long id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null || !IsReport(document)) throw new AccessDeniedException("Không có báo cáo này.", StatusCodes.Status404NotFound);
        await units.GetVisibleAsync(account, document.IssuerUnitId, ct);
        return document;
    }

    /// <summary>The document ids of the reports of a year start so (<see cref="YearlyReport.DocumentId"/>).</summary>
    public static string Prefix(int year) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bao-cao-ket-qua-{year}-");

    private sealed record ReportRow(long Id, string DocumentId, int IssuerUnitId, string Title, string Number, DateOnly IssueDate, int Version,
        string VerificationCode, string IssuedByName, DateTimeOffset IssuedAt, string? Note);

    private IssuedReportView View(ReportRow r, int year, string unitName, bool current) =>
        new(r.Id, r.DocumentId, year, r.IssuerUnitId, unitName, r.Title, r.Number, r.IssueDate, r.Version, current, r.Number.Length == 0,
            r.VerificationCode, links.Verify(r.VerificationCode), r.IssuedByName, r.IssuedAt, r.Note, Links(r.Id));

    public static IReadOnlyDictionary<string, string> Links(long id)
    {
        var path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/api/reports/{id}?format=");
        return new Dictionary<string, string> { ["html"] = path + "html", ["docx"] = path + "docx", ["pdf"] = path + "pdf" };
    }

    private async Task<Dictionary<int, string>> NamesAsync(IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Units.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }
}
