using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Documents;

public sealed record NumberingModeView(string Id, string Label);

public sealed record NumberingView(int UnitId, string Mode, IReadOnlyList<NumberingModeView> Modes, bool CanEdit, string? UpdatedBy, DateTimeOffset? UpdatedAt);

public sealed record NumberingRequest(string? Mode);

/// <summary>
/// How an organisation numbers the documents it issues (Decree 30 Điều 15 k2: one yearly sequence, the head may set
/// series; a number entered by the clerk when its own register assigns it). Read by anyone whose scope covers the unit;
/// changed by the unit's own staff or an administrator above it. Applies to documents issued after the change.
/// </summary>
public sealed class NumberingSettings(AntqDbContext db, CurrentAccount current, UnitDirectory units, TimeProvider time)
{
    public static readonly IReadOnlyList<NumberingModeView> Modes =
    [
        new(NumberingModes.Yearly, "Một dãy số trong năm cho mọi loại văn bản (mặc định)"),
        new(NumberingModes.PerKind, "Mỗi loại văn bản một dãy số riêng"),
        new(NumberingModes.Clerk, "Văn thư ghi số theo sổ đăng ký của cơ quan (văn bản chờ cấp số)"),
    ];

    public static bool MayEdit(Account account, Unit unit) => account.ScopeUnit.Id == unit.Id || account.IsAdmin && account.CanSee(unit);

    public async Task<NumberingView> GetAsync(int unitId, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var unit = await units.GetVisibleAsync(account, unitId, ct);
        var row = await db.NumberingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UnitId == unit.Id, ct);
        return new NumberingView(unit.Id, row?.Mode ?? NumberingModes.Yearly, Modes, MayEdit(account, unit), row?.UpdatedByName, row?.UpdatedAt);
    }

    public async Task<Result<NumberingView>> SetAsync(int unitId, NumberingRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var unit = await units.GetVisibleAsync(account, unitId, ct);
        if (!MayEdit(account, unit))
            throw new AccessDeniedException("Chỉ cán bộ của chính đơn vị hoặc quản trị viên cấp trên mới đổi được cách đánh số văn bản của đơn vị.");
        if (request.Mode is not { } mode || !NumberingModes.All.Contains(mode))
            return Refusal.BadRequest("Cách đánh số (mode) phải là một trong: " + string.Join(", ", NumberingModes.All) + ".");
        var row = await db.NumberingSettings.FirstOrDefaultAsync(s => s.UnitId == unit.Id, ct);
        if (row is null) db.NumberingSettings.Add(row = new NumberingSetting { UnitId = unit.Id, Mode = mode, UpdatedById = "", UpdatedByName = "" });
        row.Mode = mode;
        row.UpdatedById = account.UserId;
        row.UpdatedByName = account.Name;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await GetAsync(unitId, ct);
    }
}
