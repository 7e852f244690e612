using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>
/// A unit's history and managing authority for the API and the units page alike: reads in the caller's scope,
/// changes by administrators. A change is a new period from a date (<see cref="UnitPeriods.AddAsync"/>), never an
/// edit of the past; refusals come back per field, in Vietnamese.
/// </summary>
public sealed class UnitHistoryCommands(AntqDbContext db, UnitDirectory directory, UnitPeriods periods, CurrentAccount current, TimeProvider time)
{
    public async Task<List<UnitPeriodView>> HistoryAsync(int id, CancellationToken ct)
    {
        await directory.GetVisibleAsync(await current.RequireAsync(ct), id, ct);
        return (await periods.HistoryAsync(id, ct)).Select(UnitPeriodView.Of).ToList();
    }

    public async Task<Result<List<UnitPeriodView>>> AddPeriodAsync(int id, UnitPeriodView body, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        await directory.GetVisibleAsync(account, id, ct);
        if (!account.IsAdmin) throw new AccessDeniedException("Chỉ quản trị viên mới được ghi thay đổi của đơn vị.");
        var errors = new FieldErrors();
        if (body.ValidFrom.Year < 1900) errors.Add("validFrom", "Ngày có hiệu lực phải từ năm 1900 trở đi.");
        if (UnitRules.CodeProblem(body.Code?.Trim()) is { } codeProblem) errors.Add("code", codeProblem);
        if (UnitRules.NameProblem(body.Name?.Trim()) is { } nameProblem) errors.Add("name", nameProblem);
        if (string.IsNullOrWhiteSpace(body.KindId) || !await db.UnitKinds.AnyAsync(k => k.Id == body.KindId, ct)) errors.Add("kindId", "Cần chọn loại đơn vị.");
        if (string.IsNullOrWhiteSpace(body.LevelId) || !await db.UnitLevels.AnyAsync(l => l.Id == body.LevelId, ct)) errors.Add("levelId", "Cần chọn cấp.");
        if (body.ParentId == id) errors.Add("parentId", "Đơn vị không thể trực thuộc chính nó.");
        else if (body.ParentId is not null && !await VisibleAsync(account, body.ParentId, ct)) errors.Add("parentId", UnitRules.ParentNotFound);
        if (errors.Any) return Refusal.Invalid(errors);

        var period = new UnitPeriod
        {
            ValidFrom = body.ValidFrom, ValidTo = body.ValidTo, Code = body.Code!.Trim(), Name = body.Name!.Trim(), KindId = body.KindId, LevelId = body.LevelId,
            ParentId = body.ParentId, CommitteeName = Clean(body.CommitteeName), AuthorityName = Clean(body.AuthorityName), PlaceName = Clean(body.PlaceName), Basis = Clean(body.Basis),
        };
        if (await periods.ProblemAsync(id, period, ct) is { } problem)
        {
            errors.Add(problem.Field, problem.Message);
            return Refusal.Invalid(errors);
        }
        if (await periods.RecordChangeAsync(id, period, VietnamTime.DateOf(time.GetUtcNow()), ct) is { } refused) return Refusal.BadRequest(refused);
        return (await periods.HistoryAsync(id, ct)).Select(UnitPeriodView.Of).ToList();
    }

    public async Task<Result<UnitAuthorityView>> SetAuthorityAsync(int id, UnitAuthorityView body, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        await directory.GetVisibleAsync(account, id, ct);
        if (!account.IsAdmin) throw new AccessDeniedException("Chỉ quản trị viên mới được sửa cơ quan quản lý của đơn vị.");
        if (body.ManagingUnitId == id)
        {
            var errors = new FieldErrors();
            errors.Add("managingUnitId", "Đơn vị không thể tự quản lý chính nó.");
            return Refusal.Invalid(errors);
        }
        if (body.ManagingUnitId is int m) await directory.GetVisibleAsync(account, m, ct);
        var unit = await db.Units.FirstAsync(u => u.Id == id, ct);
        unit.ManagingUnitId = body.ManagingUnitId;
        unit.ManagedAt = Clean(body.ManagedAt);
        unit.DelegatesRecognition = body.DelegatesRecognition && unit.ParentId is null;
        await db.SaveChangesAsync(ct);
        return new UnitAuthorityView(unit.Id, unit.ManagingUnitId, unit.ManagedAt, unit.DelegatesRecognition);
    }

    private async Task<bool> VisibleAsync(Account account, int? id, CancellationToken ct) =>
        id is int unitId && await directory.FindAsync(unitId, ct) is { } unit && account.CanSee(unit);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
