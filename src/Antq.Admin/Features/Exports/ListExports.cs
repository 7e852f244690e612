using Antq.Admin.Features.Deadlines;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Accounts;
using Antq.Admin.Features.Dashboard;
using Antq.Admin.Features.Reminders;
using Antq.Admin.Features.Review;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Antq.Admin.Features.Exports;

/// <summary>
/// The other lists as exports: each reads through the list's own query service (so scope and filters are the
/// screen's) and maps its rows to cells; <see cref="ExportTable"/> writes them.
/// </summary>
public sealed class ListExports(IServiceProvider services)
{
    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task<ExportFile> ReviewQueueAsync(CancellationToken ct)
    {
        var set = await Get<ReviewQueues>().LoadAsync(ct);
        if (set.Failure is { } failure) throw new ExportRefusedException(failure.Detail);
        ExportColumn[] columns = [new("Đơn vị", Width: 32), new("Bộ tiêu chí", Width: 40), new("Năm", CellKind.Number, 8), new("Trạng thái", Width: 26),
            new("Cập nhật", CellKind.DateTime, 16), new("Hạn xét", CellKind.DateTime, 16), new("Quá hạn", Width: 8),
            new("Trả lại lúc", CellKind.DateTime, 16), new("Người trả lại", Width: 20), new("Lý do trả lại", Width: 50)];
        object?[] Row(ReviewRow r) => [r.Submission.Unit.Name, r.PackTitle, r.Submission.Year, SubmissionStates.Label(r.Submission.Status),
            r.Submission.UpdatedAt, r.DueAt, r.Overdue ? "Có" : "Không", r.Returned?.At, r.Returned?.By, r.Returned?.Reason];
        var value = set.Value!;
        return new ExportFile("hang-doi-xet-duyet",
        [
            new("Cần xem xét", columns, Stream(value.Pending.Select(Row))),
            new("Đã trả lại", columns, Stream(value.Returned.Select(Row))),
            new("Quá hạn", columns, Stream(value.Overdue.Select(Row))),
        ]);
    }

    public async Task<ExportFile> DeadlinesAsync(int? year, int? unitId, string? status, CancellationToken ct)
    {
        var result = await Get<DeadlineQueries>().GetAsync(year, unitId, status, ct);
        if (result.Failure is { } failure) throw new ExportRefusedException(failure.Detail);
        var calendar = result.Value!;
        var rows = calendar.Deadlines.SelectMany(d => d.Units.Select(u => new object?[]
        {
            d.PackTitle, d.Title, d.StageText, d.DueDate, u.UnitCode, u.UnitName, u.StatusText, u.Situation, u.WaitingOn?.UnitName,
        }));
        return new ExportFile($"thoi-han-{calendar.Year}",
        [
            new("Thời hạn", [new("Bộ tiêu chí", Width: 40), new("Thời hạn", Width: 40), new("Bước", Width: 30), new("Hạn chót", CellKind.Date, 12),
                new("Mã đơn vị", Width: 12), new("Đơn vị", Width: 32), new("Tình trạng", Width: 18), new("Diễn giải", Width: 50), new("Đang chờ", Width: 30)],
                Stream(rows)),
        ]);
    }

    public Task<ExportFile> UnitsAsync(int? parentId, string? level, string? kind, string? q, CancellationToken ct)
    {
        var queries = Get<UnitQueries>();
        async IAsyncEnumerable<object?[]> Rows()
        {
            for (var skip = 0; ; skip += UnitFilter.MaxTake)
            {
                var page = await queries.ListAsync(new UnitFilter(parentId, level, kind, q, skip, UnitFilter.MaxTake), ct);
                foreach (var u in page.Items) yield return [u.Code, u.Name, u.Kind, u.Level, u.ParentId, u.Depth, UnitStanding.State(u)];
                if (skip + page.Items.Count >= page.Total || page.Items.Count == 0) yield break;
            }
        }
        return Task.FromResult(new ExportFile("don-vi",
        [
            new("Đơn vị", [new("Mã đơn vị", Width: 12), new("Tên đơn vị", Width: 36), new("Loại", Width: 22), new("Cấp", Width: 14),
                new("Mã số đơn vị cấp trên", CellKind.Number, 10), new("Độ sâu", CellKind.Number, 8), new("Trạng thái", Width: 16)], Rows()),
        ]));
    }

    public Task<ExportFile> AccountsAsync(int? unitId, string? role, string? q, CancellationToken ct)
    {
        var queries = Get<AccountQueries>();
        async IAsyncEnumerable<object?[]> Rows()
        {
            for (var skip = 0; ; skip += 500)
            {
                var page = await queries.ListAsync(new AccountFilter(unitId, role, q, skip, 500), ct);
                foreach (var a in page.Items)
                    yield return [a.Email, a.DisplayName, RoleLabel(a.Role), a.UnitCode, a.UnitName,
                        !a.Active ? "Đã khóa" : a.LockedOut ? "Tạm khóa do đăng nhập sai" : "Đang hoạt động"];
                if (skip + page.Items.Count >= page.Total || page.Items.Count == 0) yield break;
            }
        }
        return Task.FromResult(new ExportFile("tai-khoan",
        [
            new("Tài khoản", [new("Thư điện tử", Width: 30), new("Tên hiển thị", Width: 28), new("Vai trò", Width: 20), new("Mã đơn vị", Width: 12),
                new("Đơn vị", Width: 32), new("Trạng thái", Width: 24)], Rows()),
        ]));
    }

    public async Task<ExportFile> AuditAsync(Guid submissionId, CancellationToken ct)
    {
        var entries = await Get<SubmissionQueries>().AuditAsync(submissionId, ct);
        return new ExportFile($"nhat-ky-ho-so-{submissionId:N}",
        [
            new("Nhật ký", [new("Thời điểm", CellKind.DateTime, 16), new("Thao tác", Width: 24), new("Người thực hiện", Width: 28),
                new("Từ trạng thái", Width: 26), new("Sang trạng thái", Width: 26), new("Chi tiết", Width: 60)],
                Stream(entries.Select(e => new object?[]
                {
                    e.At, AuditWords.Action(e.Action), e.ActorName,
                    e.FromStatus is null ? null : SubmissionStates.Label(e.FromStatus), e.ToStatus is null ? null : SubmissionStates.Label(e.ToStatus),
                    e.Details.ValueKind == System.Text.Json.JsonValueKind.Object && e.Details.TryGetProperty("reason", out var r) ? r.ToString() : null,
                }))),
        ]);
    }

    /// <summary>The dashboard's tables: per pack, one row per unit one level down with its counts; then the criteria most often not met.</summary>
    public async Task<ExportFile> DashboardAsync(int? year, int? unitId, CancellationToken ct)
    {
        var result = await Get<DashboardQueries>().GetAsync(year, unitId, ct);
        if (result.Failure is { } failure) throw new ExportRefusedException(failure.Detail);
        var view = result.Value!;
        var rows = view.Packs.SelectMany(p => p.Rows.Select(r => new object?[]
        {
            p.Title, p.Version, r.Unit.Code, r.Unit.Name, r.Unit.LevelName, r.Counts.Total, r.Counts.NotStarted, r.Counts.Draft, r.Counts.Submitted,
            r.Counts.Returned, r.Counts.Approved, r.Counts.Recognised, r.Counts.NotRecognised,
        }).Append([p.Title, p.Version, null, "Tổng cộng", null, p.Totals.Total, p.Totals.NotStarted, p.Totals.Draft, p.Totals.Submitted,
            p.Totals.Returned, p.Totals.Approved, p.Totals.Recognised, p.Totals.NotRecognised]));
        return new ExportFile($"tong-quan-{view.Year}-{view.Unit.Code}",
        [
            new("Tình hình theo đơn vị", [new("Bộ tiêu chí", Width: 40), new("Phiên bản", Width: 10), new("Mã đơn vị", Width: 12), new("Đơn vị", Width: 32),
                new("Cấp", Width: 14), new("Số đơn vị", CellKind.Number, 10), new("Chưa lập", CellKind.Number, 10), new("Bản nháp", CellKind.Number, 10),
                new("Đang xét duyệt", CellKind.Number, 10), new("Bị trả lại", CellKind.Number, 10), new("Chờ quyết định", CellKind.Number, 10),
                new("Đã công nhận", CellKind.Number, 10), new("Không công nhận", CellKind.Number, 10)], Stream(rows)),
            new("Tiêu chí chưa đạt", [new("Bộ tiêu chí", Width: 40), new("Mã tiêu chí", Width: 12), new("Tiêu chí", Width: 50),
                new("Số hồ sơ chưa đạt", CellKind.Number, 12), new("Số hồ sơ được đánh giá", CellKind.Number, 12)],
                Stream(view.Unmet.Select(u => new object?[] { u.PackTitle, u.CriterionId, u.Title, u.Count, u.Evaluated }))),
        ]);
    }

    private static string RoleLabel(string role) => role switch
    {
        Roles.Admin => "Quản trị viên",
        Roles.Reviewer => "Cán bộ xét duyệt",
        Roles.UnitUser => "Cán bộ đơn vị",
        _ => role,
    };

    private static async IAsyncEnumerable<object?[]> Stream(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }
}

/// <summary>Routes of the list exports (all under <c>/api/exports</c>, <c>format=xlsx|csv</c>).</summary>
internal static class ListExportsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/review-queue", (string? format, int? sheet, ListExports e, CancellationToken ct) =>
                ExportsApi.SendAsync(format, sheet, c => e.ReviewQueueAsync(c), ct))
            .WithName("ExportReviewQueue").WithSummary("The caller's review queues (to review, returned, overdue), one sheet each.");
        group.MapGet("/deadlines", (string? format, int? year, int? unitId, string? status, ListExports e, CancellationToken ct) =>
                ExportsApi.SendAsync(format, 0, c => e.DeadlinesAsync(year, unitId, status, c), ct))
            .WithName("ExportDeadlines").WithSummary("Deadlines of the caller's scope, one row per deadline and unit (filters as `GET /api/deadlines`).");
        group.MapGet("/units", (string? format, int? parentId, string? level, string? kind, string? q, ListExports e, CancellationToken ct) =>
                ExportsApi.SendAsync(format, 0, c => e.UnitsAsync(parentId, level, kind, q, c), ct))
            .WithName("ExportUnits").WithSummary("Units of the caller's scope (filters as `GET /api/units`, every page).");
        group.MapGet("/accounts", (string? format, int? unitId, string? role, string? q, ListExports e, CancellationToken ct) =>
                ExportsApi.SendAsync(format, 0, c => e.AccountsAsync(unitId, role, q, c), ct))
            .WithName("ExportAccounts").WithSummary("Accounts the caller manages (filters as `GET /api/accounts`, every page).");
        group.MapGet("/dossiers/{id:guid}/audit", (Guid id, string? format, ListExports e, CancellationToken ct) =>
                ExportsApi.SendAsync(format, 0, c => e.AuditAsync(id, c), ct))
            .WithName("ExportSubmissionAudit").WithSummary("A dossier's audit trail, oldest first.");
        group.MapGet("/dashboard", (string? format, int? year, int? unitId, int? sheet, ListExports e, CancellationToken ct) =>
                ExportsApi.SendAsync(format, sheet, c => e.DashboardAsync(year, unitId, c), ct))
            .WithName("ExportDashboard").WithSummary("The dashboard's tables: counts per unit and pack, and the criteria most often not met.");
    }
}

/// <summary>The audit trail's actions in words.</summary>
public static class AuditWords
{
    public static string Action(string action) => action switch
    {
        SubmissionAudit.Created => "Lập hồ sơ",
        SubmissionAudit.Saved => "Lưu bản nháp",
        SubmissionAudit.Moved => "Chuyển phiên bản bộ tiêu chí",
        SubmissionAudit.Submitted => "Gửi xét duyệt",
        SubmissionAudit.Endorsed => "Thông qua",
        SubmissionAudit.Returned => "Trả lại để bổ sung",
        SubmissionAudit.Recognised => "Công nhận",
        SubmissionAudit.Rejected => "Không công nhận",
        "submission.meeting-recorded" => "Ghi biên bản họp xét",
        "submission.document-reissued" => "Ban hành lại văn bản",
        "submission.document-issued" => "Ban hành văn bản",
        // An action this list does not know yet is still said in words, never by its code.
        _ => "Thao tác khác trên hồ sơ",
    };
}
