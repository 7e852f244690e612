using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Antq.Admin.Features.Plans.PlansFeature;

namespace Antq.Admin.Features.Plans;

/// <summary>
/// Saving the province's plan of a year (province administrators), for the API and the plan page alike: every
/// refusal is in Vietnamese and names its field (<c>number</c>, <c>deadlines[2].date</c>, <c>quotas[0].minimum</c>…),
/// and nothing is written while one remains.
/// </summary>
public sealed class PlanEditing(AntqDbContext db, CurrentAccount current, YearPlans plans)
{
    public async Task<Result<PlanDto>> SaveAsync(int year, PlanDto body, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        if (!account.IsProvinceAdmin) throw new AccessDeniedException("Chỉ quản trị viên cấp tỉnh mới được sửa kế hoạch năm.");
        var errors = new FieldErrors();
        if (year is < 2000 or > 2100) errors.Add("year", $"Năm {year} không hợp lệ (từ 2000 đến 2100).");
        if (string.IsNullOrWhiteSpace(body.Number)) errors.Add("number", "Cần có số kế hoạch, ví dụ 91/KH-UBND.");
        else if (body.Number.Trim().Length > 100) errors.Add("number", "Số kế hoạch dài quá 100 ký tự.");
        if (string.IsNullOrWhiteSpace(body.IssuedBy)) errors.Add("issuedBy", "Cần có cơ quan ban hành, ví dụ Ủy ban nhân dân tỉnh Đồng Nai.");
        if (body.IssuedOn == default || body.IssuedOn.Year > year) errors.Add("issuedOn", $"Ngày ban hành phải là một ngày có thật, không sau năm {year}.");

        var deadlines = body.Deadlines ?? [];
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            if (string.IsNullOrWhiteSpace(d.Stage)) errors.Add($"deadlines[{i}].stage", "Cần chọn bước của hạn.");
            if (d.DueMonth is < 1 or > 12 || d.DueDay < 1 || d.DueDay > DateTime.DaysInMonth(2024, d.DueMonth))
                errors.Add($"deadlines[{i}].date", $"Hạn {d.DueDay:00}/{d.DueMonth:00} không phải ngày có thật.");
            if (deadlines.Take(i).Any(o => o.PackId == d.PackId && o.Stage == d.Stage))
                errors.Add($"deadlines[{i}].stage", "Bước này của bộ tiêu chí đã có hạn ở dòng trên.");
        }

        var levels = await db.UnitLevels.AsNoTracking().Select(l => l.Id).ToListAsync(ct);
        var kinds = await db.UnitKinds.AsNoTracking().Select(k => k.Id).ToListAsync(ct);
        var quotas = body.Quotas ?? [];
        for (var i = 0; i < quotas.Count; i++)
        {
            var q = quotas[i];
            if (!levels.Contains(q.AppliesToLevel ?? "")) errors.Add($"quotas[{i}].level", "Cần chọn cấp áp dụng chỉ tiêu.");
            var quotaKinds = (q.UnitKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (quotaKinds.Length == 0 || quotaKinds.Any(k => !kinds.Contains(k))) errors.Add($"quotas[{i}].kinds", "Cần chọn ít nhất một loại đơn vị được tính.");
            if (q.Minimum < 1) errors.Add($"quotas[{i}].minimum", "Số tối thiểu phải từ 1 trở lên.");
            if (string.IsNullOrWhiteSpace(q.Text)) errors.Add($"quotas[{i}].text", "Cần ghi nội dung chỉ tiêu như trong kế hoạch, ví dụ «mỗi huyện đăng ký ít nhất 01 xã».");
        }
        if (errors.Any) return Refusal.Invalid(errors);

        var plan = new YearPlan
        {
            Year = year, Number = body.Number.Trim(), IssuedOn = body.IssuedOn, Title = body.Title?.Trim() ?? "", IssuedBy = body.IssuedBy.Trim(),
            SteeringCommitteeName = string.IsNullOrWhiteSpace(body.SteeringCommitteeName) ? null : body.SteeringCommitteeName.Trim(),
            PackIds = body.PackIds?.Trim() ?? "",
            RequiresRegistration = body.RequiresRegistration,
            Deadlines = deadlines.Select(d => new YearPlanDeadline
            {
                PackId = string.IsNullOrWhiteSpace(d.PackId) ? null : d.PackId, Stage = d.Stage, DueMonth = d.DueMonth, DueDay = d.DueDay, Provisional = d.Provisional,
                Note = string.IsNullOrWhiteSpace(d.Note) ? null : d.Note.Trim(),
            }).ToList(),
            Quotas = quotas.Select(q => new YearPlanQuota { AppliesToLevel = q.AppliesToLevel, UnitKinds = q.UnitKinds.Trim(), Minimum = q.Minimum, Text = q.Text.Trim() }).ToList(),
        };
        return ToDto(await plans.SaveAsync(plan, ct));
    }
}
