using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Registration;

/// <summary>Reading registrations: the unit its own, a reviewing level those of the units it can see (it decides those sent to it).</summary>
public sealed class RegistrationQueries(AntqDbContext db, CurrentAccount current, PackCatalog catalog, RegistrationEligibility eligibility, RegistrationFiles files)
{
    public static string StatusText(string status) => status switch
    {
        RegistrationStatus.Draft => "Đang soạn",
        RegistrationStatus.Submitted => "Đã gửi, chờ chấp nhận",
        RegistrationStatus.Accepted => "Đã được chấp nhận",
        RegistrationStatus.Refused => "Bị từ chối",
        _ => status,
    };

    public async Task<RegistrationView> GetAsync(Guid id, CancellationToken ct) => await ViewAsync(await current.RequireAsync(ct), id, ct);

    /// <summary>The registrations of a year in the caller's scope; <paramref name="pending"/>: those waiting for the caller's unit to decide.</summary>
    public async Task<List<RegistrationView>> ListAsync(int year, bool pending, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var path = account.ScopeUnit.Path;
        var query = db.Registrations.AsNoTracking().Where(r => r.Year == year && r.Unit!.Path.StartsWith(path));
        if (pending) query = query.Where(r => r.Status == RegistrationStatus.Submitted && r.ReviewingUnitId == account.ScopeUnit.Id);
        var ids = await query.Select(r => r.Id).ToListAsync(ct);
        var views = new List<RegistrationView>();
        foreach (var id in ids) views.Add(await ViewAsync(account, id, ct));
        return views.OrderBy(v => v.UnitName, Units.VietnameseText.Order).ToList();
    }

    internal async Task<RegistrationView> ViewAsync(Account account, Guid id, CancellationToken ct)
    {
        var r = await db.Registrations.AsNoTracking().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !account.CanSee(r.Unit!)) throw new AccessDeniedException("Không tìm thấy bản đăng ký.", StatusCodes.Status404NotFound);
        var reviewing = r.ReviewingUnitId is int at ? await db.Units.AsNoTracking().Where(u => u.Id == at).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var title = (await catalog.GetActiveAsync(r.PackId, ct))?.Manifest.Title ?? r.PackId;
        var condition = await eligibility.CheckAsync(r.UnitId, r.Year, r.DeclaredClass, ct);
        var attached = (await files.ListAsync([r.Id], ct)).GetValueOrDefault(r.Id, []);
        return new RegistrationView(r.Id, r.UnitId, r.Unit!.Name, r.PackId, title, r.Year, r.Status, StatusText(r.Status), r.Revision,
            r.Commitment, r.DeclaredClass, r.Targets, r.SignerName, r.ReviewingUnitId, reviewing, r.SubmittedAt, r.DecidedAt, r.RefusalReason, condition, attached,
            CanEdit: account.IsUnit && account.ScopeUnit.Id == r.UnitId && RegistrationSteps.Editable(r.Status),
            CanDecide: account.IsReviewer && account.ScopeUnit.Id == r.ReviewingUnitId && r.Status == RegistrationStatus.Submitted);
    }
}
