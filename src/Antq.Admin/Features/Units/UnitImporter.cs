using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>What an import did or, with <c>DryRun</c>, would do; a dry run lists every row with its action (the preview table).</summary>
public sealed record UnitImportSummary(int Created, int Updated, bool DryRun, IReadOnlyList<UnitImportPreviewRow>? Rows = null);

/// <summary>One row of a dry run: <c>Action</c> is <c>create</c>, <c>update</c>, <c>move</c> (an update that changes the parent) or <c>period</c> (a change from a date).</summary>
public sealed record UnitImportPreviewRow(int Row, string Code, string Name, string Kind, string Level, string ParentCode, string Action);

/// <summary>The summary, or every error found (nothing written), or a conflict with a concurrent change.</summary>
public sealed record UnitImportOutcome(UnitImportSummary? Summary, IReadOnlyList<UnitImportError> Errors, string? Conflict = null);

/// <summary>
/// Imports units from CSV or XLSX (<c>code,name,kind,level,parentCode</c>), all or nothing: codes
/// already in the caller's scope are updated (and moved when their parent differs), new codes are
/// created under parents that already exist or appear on an earlier row. Optional columns: <c>validFrom</c>/<c>validTo</c>
/// (dd/MM/yyyy) make a row a period of the unit — re-importing a unit with a new name from a date records the change
/// in its history instead of rewriting it — and <c>managingCode</c> sets the managing unit.
/// </summary>
public sealed class UnitImporter(AntqDbContext db, CurrentAccount current, AdminAudit audit, UnitPeriods periods, TimeProvider time)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = UnitImportTable.MaxRows;

    public async Task<UnitImportOutcome> ImportAsync(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        if (file is null || file.Length == 0) return Failed("Cần gửi tệp CSV hoặc XLSX (trường \"file\").");
        if (file.Length > MaxBytes) return TooLarge();
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        return await ImportAsync(file.FileName, bytes, dryRun, ct);
    }

    /// <summary>The same import from bytes already read (the UI's file picker).</summary>
    public async Task<UnitImportOutcome> ImportAsync(string fileName, byte[] bytes, bool dryRun, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        if (bytes.Length == 0) return Failed("Tệp rỗng: cần một tệp CSV hoặc XLSX có dữ liệu.");
        if (bytes.Length > MaxBytes) return TooLarge();

        var table = Read(fileName, bytes);
        if (table.Errors.Count > 0) return new(null, table.Errors);
        if (table.Rows.Count == 0) return Failed("Tệp không có dòng dữ liệu nào.");
        if (table.Rows.Count > MaxRows) return Failed($"Tệp có hơn {MaxRows} dòng; hãy chia thành nhiều tệp.");

        var plan = await UnitImportPlan.BuildAsync(db, account, table.Rows, ct);
        if (plan.Errors.Count > 0) return new(null, plan.Errors);
        var periodErrors = await PeriodErrorsAsync(plan, ct);
        if (periodErrors.Count > 0) return new(null, periodErrors);
        if (dryRun)
        {
            var preview = plan.Steps.Select(s => new UnitImportPreviewRow(s.Row.Row, s.Row.Code, s.Row.Name, s.Row.Kind, s.Row.Level, s.Row.ParentCode,
                s.IsNew ? "create" : s.Row.ValidFrom is not null ? "period" : s.Unit.ParentId != s.Parent?.Id && s.Parent is not null ? "move" : "update")).ToList();
            return new(new UnitImportSummary(plan.Created, plan.Updated, true, preview), []);
        }
        var summary = new UnitImportSummary(plan.Created, plan.Updated, false);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await plan.ApplyAsync(db, ct);
            await RecordPeriodsAsync(plan, ct);
            audit.Add(account, "units.imported", new
            {
                file = fileName,
                created = plan.Steps.Where(s => s.IsNew).Select(s => s.Unit.Code),
                updated = plan.Steps.Where(s => !s.IsNew).Select(s => s.Unit.Code),
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A unique code taken meanwhile by another request: nothing of this file is kept.
            return new(null, [], "Dữ liệu đơn vị vừa được thay đổi bởi một thao tác khác; vui lòng nhập lại tệp.");
        }
        return new(summary, []);
    }

    private static UnitPeriod PeriodOf(UnitImportRow row, int? parentId) => new()
    {
        ValidFrom = row.ValidFrom!.Value, ValidTo = row.ValidTo, Code = row.Code, Name = row.Name, KindId = row.Kind, LevelId = row.Level, ParentId = parentId,
    };

    /// <summary>Dated rows checked against the history before anything is written (dates in order, code free at the level then).</summary>
    private async Task<List<UnitImportError>> PeriodErrorsAsync(UnitImportPlan plan, CancellationToken ct)
    {
        var errors = new List<UnitImportError>();
        foreach (var (row, unit, isNew, parent) in plan.Steps.Where(s => s.Row.ValidFrom is not null))
        {
            var period = PeriodOf(row, parent?.Id);
            if (isNew)
            {
                if (await periods.CodeTakenAsync(0, period, ct) is { } taken) errors.Add(new(row.Row, "code", taken));
            }
            else if (await periods.ProblemAsync(unit.Id, period, ct) is { } problem)
                errors.Add(new(row.Row, problem.Field == "code" ? "code" : problem.Field == "validTo" ? "validTo" : "validFrom", problem.Message));
        }
        return errors;
    }

    /// <summary>
    /// After the rows are written: each dated row becomes a period (a unit without history first keeps its values until
    /// then, from an unknown start), and each managing code is set.
    /// </summary>
    private async Task RecordPeriodsAsync(UnitImportPlan plan, CancellationToken ct)
    {
        var today = VietnamTime.DateOf(time.GetUtcNow());
        foreach (var (row, unit, isNew, parent) in plan.Steps)
        {
            if (row.ValidFrom is not null)
            {
                var period = PeriodOf(row, parent?.Id ?? unit.ParentId);
                // Checked before writing (PeriodErrorsAsync); a refusal here means the data changed meanwhile: undo the whole file.
                var refused = isNew ? await periods.AddAsync(unit.Id, period, today, ct) : await periods.RecordChangeAsync(unit.Id, period, today, ct);
                if (refused is not null) throw new DbUpdateException(refused);
            }
            if (plan.ManagingId(row.ManagingCode) is int managing) unit.ManagingUnitId = managing;
        }
        await db.SaveChangesAsync(ct);
    }

    private static UnitImportTable Read(string fileName, byte[] bytes)
    {
        // An .xlsx is a zip archive; anything else is read as CSV text.
        var isZip = bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        if (isZip) return XlsxUnitReader.Read(bytes);
        if (fileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            return UnitImportTable.Failed(1, "Chỉ nhận tệp .xlsx (Excel 2007 trở lên) hoặc .csv.");
        return CsvUnitReader.Read(bytes);
    }

    private static UnitImportOutcome TooLarge() => Failed($"Tệp lớn hơn {MaxBytes / 1024 / 1024} MB; hãy chia thành nhiều tệp.");

    private static UnitImportOutcome Failed(string message) => new(null, [new UnitImportError(0, null, message)]);
}
