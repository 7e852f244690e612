using Antq.Admin.Data;
using Antq.Admin.Features.Exports;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

/// <summary>One document of an organisation's year, as its register and its documents page list it.</summary>
public sealed record RegisterEntry(long Id, Guid? SubmissionId, string DocumentId, string Kind, string KindName, string Number, DateOnly IssueDate,
    string Title, string Signer, string Recipients, int Version, bool AwaitingNumber, string VerificationCode);

/// <summary>
/// The outgoing register (Sổ đăng ký văn bản đi, Decree 30 Điều 16 and Phụ lục IV) of one organisation and year: every
/// document it issued with a number — number, date, kind, summary (trích yếu), signer, recipients — in registry order, as
/// XLSX or CSV through the exports' streaming writer; and the same rows, with those still awaiting their clerk's number,
/// as the organisation's documents list. Read by the organisation's own staff and the levels above it (whose scope covers it).
/// </summary>
public sealed class OutgoingRegister(AntqDbContext db, CurrentAccount current, UnitDirectory units, TimeProvider time)
{
    /// <summary>Registry kinds by name (Phụ lục III).</summary>
    public static string KindName(string kind) => kind switch
    {
        "TTr" => "Tờ trình",
        "BC" => "Báo cáo",
        "BB" => "Biên bản",
        OutcomeDocuments.DecisionKind => "Quyết định",
        OutcomeDocuments.CertificateKind => "Giấy công nhận",
        OutcomeDocuments.NoticeKind => "Thông báo",
        _ => "Văn bản",
    };

    public async Task<IReadOnlyList<RegisterEntry>> ListAsync(int unitId, int? year, CancellationToken ct)
    {
        var (unit, y) = await ScopeAsync(unitId, year, ct);
        var rows = await Query(unit.Id, y, numberedOnly: false).ToListAsync(ct);
        return rows.Select(Entry).ToList();
    }

    public async Task<ExportFile> ExportAsync(int unitId, int? year, CancellationToken ct)
    {
        var (unit, y) = await ScopeAsync(unitId, year, ct);
        ExportColumn[] columns = [new("Số, ký hiệu văn bản", Width: 22), new("Ngày tháng văn bản", CellKind.Date, 14), new("Tên loại", Width: 16),
            new("Trích yếu nội dung", Width: 70), new("Người ký", Width: 28), new("Nơi nhận văn bản", Width: 40), new("Mã xác thực", Width: 28),
            new("Ghi chú", Width: 24)];
        return new ExportFile($"so-dang-ky-van-ban-di-{y}-{ExportTable.Ascii(unit.Name)}",
            [new ExportSheet($"Sổ văn bản đi {y}", columns, Rows(unit.Id, y, ct))]);
    }

    private async IAsyncEnumerable<object?[]> Rows(int unitId, int year, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var row in Query(unitId, year, numberedOnly: true).AsAsyncEnumerable().WithCancellation(ct))
        {
            var e = Entry(row);
            yield return [e.Number, e.IssueDate, e.KindName, e.Title, e.Signer, e.Recipients, e.VerificationCode,
                e.Version > 1 ? $"Phiên bản {e.Version}" : null];
        }
    }

    private IQueryable<RegisterRow> Query(int unitId, int year, bool numberedOnly) =>
        db.IssuedDocuments.AsNoTracking().Where(d => d.IssuerUnitId == unitId && d.RegistryYear == year && (!numberedOnly || d.Number != ""))
            .OrderBy(d => d.IssueDate).ThenBy(d => d.Sequence).ThenBy(d => d.Id)
            .Select(d => new RegisterRow(d.Id, d.SubmissionId, d.DocumentId, d.Kind, d.Number, d.IssueDate, d.Title, d.Signer, d.Recipients, d.Version, d.VerificationCode));

    private sealed record RegisterRow(long Id, Guid? SubmissionId, string DocumentId, string Kind, string Number, DateOnly IssueDate, string Title,
        string? Signer, string? Recipients, int Version, string VerificationCode);

    private static RegisterEntry Entry(RegisterRow d) => new(d.Id, d.SubmissionId, d.DocumentId, d.Kind, KindName(d.Kind), d.Number, d.IssueDate, d.Title,
        d.Signer ?? "", (d.Recipients ?? "").Replace('\n', ' '), d.Version, d.Number.Length == 0, d.VerificationCode);

    private async Task<(Data.Entities.Unit Unit, int Year)> ScopeAsync(int unitId, int? year, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var unit = await units.GetVisibleAsync(account, unitId, ct);
        return (unit, year ?? FormEngine.Deadlines.VietnamTime.YearOf(time.GetUtcNow()));
    }
}
