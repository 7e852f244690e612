using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Plans;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Registration;

/// <summary>
/// Whether a dossier may be sent: when the year's plan requires registration (<see cref="YearPlan.RequiresRegistration"/>)
/// for the dossier's pack, only after the unit's registration of that pack and year was accepted. Without a plan or
/// with the setting off (years before the system ran registrations), dossiers go as before.
/// </summary>
public sealed class RegistrationGate(AntqDbContext db, YearPlans plans)
{
    public async Task<Refusal?> CheckAsync(SubmissionRecord dossier, CancellationToken ct)
    {
        var plan = await plans.GetAsync(dossier.Year, ct);
        if (plan is null || !plan.RegistrationRequired(dossier.PackId)) return null;
        var registration = await db.Registrations.AsNoTracking()
            .Where(r => r.UnitId == dossier.UnitId && r.PackId == dossier.PackId && r.Year == dossier.Year)
            .Select(r => new { r.Status, r.RefusalReason }).FirstOrDefaultAsync(ct);
        var basis = $"Theo {plan.Citation()}, hồ sơ đề nghị công nhận năm {dossier.Year} chỉ được gửi khi bản đăng ký phấn đấu của đơn vị đã được chấp nhận (điểm a khoản 2 Điều 9 Thông tư số 124/2021/TT-BCA).";
        return registration?.Status switch
        {
            RegistrationStatus.Accepted => null,
            null or RegistrationStatus.Draft => Refusal.Unprocessable($"Chưa gửi được hồ sơ: đơn vị chưa gửi bản đăng ký phấn đấu năm {dossier.Year}. {basis}"),
            RegistrationStatus.Submitted => Refusal.Unprocessable($"Chưa gửi được hồ sơ: bản đăng ký phấn đấu năm {dossier.Year} đang chờ cấp trên chấp nhận. {basis}"),
            _ => Refusal.Unprocessable($"Chưa gửi được hồ sơ: bản đăng ký phấn đấu năm {dossier.Year} đã bị từ chối (lý do: {registration.RefusalReason}); hãy bổ sung và gửi lại bản đăng ký. {basis}"),
        };
    }
}
