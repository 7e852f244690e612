using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Registration;

/// <summary>
/// The registration step (TT124 Điều 9 khoản 2 điểm a; Quý I): the unit drafts its Bản đăng ký phấn đấu and sends
/// it to the first unit of its review route, which accepts it or refuses it with a reason; a refused registration
/// is corrected and sent again. Each step is told through <see cref="StepNotifications.RegistrationAsync"/>,
/// staged with the step's own commit.
/// </summary>
public sealed class RegistrationSteps(
    AntqDbContext db, CurrentAccount current, PackCatalog catalog, UnitDirectory units, RegistrationEligibility eligibility,
    RegistrationQueries queries, RegistrationFiles files, StepNotifications notifications, TimeProvider time)
{
    public const int MaxText = 4000;

    /// <summary>Creates the caller's unit's registration with a client id (a retry answers the same record) or saves its draft.</summary>
    public async Task<Result<RegistrationView>> SaveAsync(Guid id, SaveRegistrationRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        if (!account.IsUnit) throw new AccessDeniedException("Chỉ tài khoản của đơn vị mới lập bản đăng ký phấn đấu của đơn vị mình.");
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.PackId)) errors.Add("packId", "Cần chọn bộ tiêu chí đăng ký.");
        if (request.Year is < 2000 or > 2100) errors.Add("year", $"Năm {request.Year} không hợp lệ (từ 2000 đến 2100).");
        if (request.DeclaredClass is { Length: > 0 } declared && !MovementClass.IsKnown(declared))
            errors.Add("declaredClass", "Xếp loại phong trào năm trước phải là Xuất sắc, Tốt, Khá, Trung bình hoặc Yếu.");
        foreach (var (field, text, max) in new[] { ("commitment", request.Commitment, MaxText), ("targets", request.Targets, MaxText), ("signerName", request.SignerName, 200) })
            if ((text?.Trim().Length ?? 0) > max) errors.Add(field, $"Nội dung dài quá {max} ký tự.");
        if (errors.Any) return Refusal.Invalid(errors);

        var record = await db.Registrations.Include(r => r.Unit).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            var pack = await catalog.GetActiveAsync(request.PackId, ct);
            if (pack is null) return Refusal.BadRequest($"Không có bộ tiêu chí «{request.PackId}» đang áp dụng.");
            if (!pack.Manifest.UnitKinds.Contains(account.ScopeUnit.KindId))
                return Refusal.Unprocessable($"Bộ tiêu chí «{pack.Manifest.Title}» không áp dụng cho {account.ScopeUnit.Name}.");
            if (await db.Registrations.AnyAsync(r => r.UnitId == account.ScopeUnit.Id && r.PackId == request.PackId && r.Year == request.Year, ct))
                return Refusal.Conflict($"{account.ScopeUnit.Name} đã có bản đăng ký phấn đấu năm {request.Year} theo bộ tiêu chí này; hãy mở bản đã có.");
            record = new RegistrationRecord { Id = id, UnitId = account.ScopeUnit.Id, PackId = request.PackId, Year = request.Year, CreatedAt = time.GetUtcNow() };
            db.Registrations.Add(record);
        }
        else
        {
            RequireOwner(account, record);
            if (record.PackId != request.PackId || record.Year != request.Year)
                return Refusal.Conflict("Bản đăng ký này thuộc bộ tiêu chí hoặc năm khác; không đổi được bộ tiêu chí hay năm của bản đã lập.");
            if (!Editable(record.Status)) return WrongState(record, "sửa");
        }
        record.Commitment = request.Commitment?.Trim() ?? "";
        record.DeclaredClass = request.DeclaredClass?.Trim() ?? "";
        record.Targets = request.Targets?.Trim() ?? "";
        record.SignerName = request.SignerName?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return await queries.ViewAsync(account, id, ct);
    }

    /// <summary>The unit sends its registration to its reviewing level; refused while incomplete or below the Khá-or-better condition.</summary>
    public async Task<Result<RegistrationView>> SubmitAsync(Guid id, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await LoadAsync(account, id, ct);
        RequireOwner(account, record);
        if (!Editable(record.Status)) return WrongState(record, "gửi");
        var errors = new FieldErrors();
        if (record.Commitment.Length == 0) errors.Add("commitment", "Cần ghi nội dung cam kết phấn đấu của đơn vị.");
        if (!MovementClass.IsKnown(record.DeclaredClass)) errors.Add("declaredClass", "Cần chọn xếp loại phong trào năm trước của đơn vị.");
        if (record.Targets.Length == 0) errors.Add("targets", "Cần ghi chỉ tiêu phấn đấu trong năm.");
        if (record.SignerName.Length == 0) errors.Add("signerName", "Cần ghi người ký bản đăng ký (người đứng đầu đơn vị).");
        if (errors.Any) return Refusal.Invalid(errors);
        if (await files.MissingAsync(record.Id, ct) is { Count: > 0 } missing)
            return Refusal.Unprocessable($"Chưa gửi được bản đăng ký: còn thiếu {string.Join(" và ", missing)}. " +
                "Hồ sơ đăng ký gồm nghị quyết của cấp ủy Đảng, kế hoạch bảo đảm an ninh, trật tự và bản đăng ký phấn đấu (điểm a khoản 2 Điều 9 Thông tư số 124/2021/TT-BCA).");
        var condition = await eligibility.CheckAsync(record.UnitId, record.Year, record.DeclaredClass, ct);
        if (!condition.Eligible)
            return Refusal.Unprocessable($"Chưa gửi được bản đăng ký: chỉ đơn vị có phong trào xếp loại Khá trở lên mới được đăng ký xây dựng điển hình. {condition.Text}");

        var pack = await catalog.GetActiveAsync(record.PackId, ct);
        if (pack is null) return Refusal.Unprocessable($"Bộ tiêu chí «{record.PackId}» không còn được áp dụng.");
        var chain = await units.ReviewChainAsync(record.Unit!, pack.Manifest, record.Year, ct);
        if (chain.Count == 0) return Refusal.Unprocessable($"{record.Unit!.Name} không có cấp trên để nhận bản đăng ký.");
        record.Status = RegistrationStatus.Submitted;
        record.ReviewingUnitId = chain[0].Id;
        record.SubmittedAt = time.GetUtcNow();
        record.RefusalReason = null;
        record.Revision++;
        await notifications.RegistrationAsync(Notice(RegistrationStep.Submitted, record, pack.Manifest.Title, null), account, ct);
        return await CommitAsync(account, record, ct);
    }

    /// <summary>The reviewing level accepts the registration.</summary>
    public Task<Result<RegistrationView>> AcceptAsync(Guid id, CancellationToken ct) => DecideAsync(id, accepted: true, null, ct);

    /// <summary>The reviewing level refuses the registration with a reason.</summary>
    public Task<Result<RegistrationView>> RefuseAsync(Guid id, RefuseRegistrationRequest request, CancellationToken ct) =>
        DecideAsync(id, accepted: false, request.Reason, ct);

    private async Task<Result<RegistrationView>> DecideAsync(Guid id, bool accepted, string? reason, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await LoadAsync(account, id, ct);
        if (!account.IsReviewer || record.ReviewingUnitId != account.ScopeUnit.Id)
            throw new AccessDeniedException("Chỉ Ban Chỉ đạo của cấp nhận bản đăng ký mới được chấp nhận hoặc từ chối bản đăng ký này.");
        if (record.Status != RegistrationStatus.Submitted) return WrongState(record, accepted ? "chấp nhận" : "từ chối");
        if (!accepted && string.IsNullOrWhiteSpace(reason))
            return Refusal.Invalid(Single("reason", "Cần ghi lý do từ chối để đơn vị biết mà bổ sung."));
        if ((reason?.Trim().Length ?? 0) > 2000) return Refusal.Invalid(Single("reason", "Lý do dài quá 2000 ký tự."));
        record.Status = accepted ? RegistrationStatus.Accepted : RegistrationStatus.Refused;
        record.RefusalReason = accepted ? null : reason!.Trim();
        record.DecidedAt = time.GetUtcNow();
        record.DecidedBy = account.UserId;
        record.Revision++;
        var title = (await catalog.GetActiveAsync(record.PackId, ct))?.Manifest.Title ?? record.PackId;
        await notifications.RegistrationAsync(Notice(accepted ? RegistrationStep.Accepted : RegistrationStep.Refused, record, title, record.RefusalReason), account, ct);
        return await CommitAsync(account, record, ct);
    }

    private async Task<Result<RegistrationView>> CommitAsync(Account account, RegistrationRecord record, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict("Bản đăng ký vừa được người khác xử lý; hãy tải lại trang để xem trạng thái mới.");
        }
        await notifications.QueueEmailsAsync(ct);
        return await queries.ViewAsync(account, record.Id, ct);
    }

    private static RegistrationNotice Notice(RegistrationStep step, RegistrationRecord record, string packTitle, string? reason) =>
        new(step, record.Id, record.Revision, record.Unit!, record.PackId, packTitle, record.Year, record.ReviewingUnitId!.Value, reason);

    private async Task<RegistrationRecord> LoadAsync(Account account, Guid id, CancellationToken ct)
    {
        var record = await db.Registrations.Include(r => r.Unit).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null || !account.CanSee(record.Unit!)) throw new AccessDeniedException("Không tìm thấy bản đăng ký.", StatusCodes.Status404NotFound);
        return record;
    }

    internal static void RequireOwner(Account account, RegistrationRecord record)
    {
        if (!account.IsUnit || account.ScopeUnit.Id != record.UnitId)
            throw new AccessDeniedException("Chỉ tài khoản của chính đơn vị đăng ký mới được thực hiện thao tác này.");
    }

    public static bool Editable(string status) => status is RegistrationStatus.Draft or RegistrationStatus.Refused;

    private static Refusal WrongState(RegistrationRecord record, string action) =>
        Refusal.Conflict($"Bản đăng ký đang ở trạng thái «{RegistrationQueries.StatusText(record.Status)}» nên không {action} được.");

    private static FieldErrors Single(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }
}
