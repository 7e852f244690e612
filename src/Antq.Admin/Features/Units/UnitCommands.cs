using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Units;

/// <summary>
/// Administrators' changes to the hierarchy, inside their own scope. Path and Depth are derived
/// here and never taken from a request; a move rewrites the whole subtree in one transaction.
/// </summary>
public sealed class UnitCommands(AntqDbContext db, CurrentAccount current, AdminAudit audit)
{
    public async Task<Result<UnitView>> CreateAsync(CreateUnitRequest request, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var errors = new FieldErrors();
        var code = request.Code?.Trim();
        var name = request.Name?.Trim();
        if (UnitRules.CodeProblem(code) is { } codeProblem) errors.Add("code", codeProblem);
        else if (await db.Units.AnyAsync(u => u.Code == code, ct)) errors.Add("code", UnitRules.CodeTaken);
        if (UnitRules.NameProblem(name) is { } nameProblem) errors.Add("name", nameProblem);
        await CheckKindAsync(request.Kind, errors, ct);
        var level = await FindLevelAsync(request.Level, errors, ct);
        Unit? parent = null;
        if (request.ParentId is null) errors.Add("parentId", "Cần chọn đơn vị cha.");
        else
        {
            parent = await db.Units.Include(u => u.Level).FirstOrDefaultAsync(u => u.Id == request.ParentId, ct);
            if (parent is null || !account.CanSee(parent)) { errors.Add("parentId", UnitRules.ParentNotFound); parent = null; }
        }
        if (level is not null && parent?.Level is not null && level.Rank <= parent.Level.Rank) errors.Add("level", UnitRules.RankMessage);
        if (errors.Any) return Refusal.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unit = new Unit { Code = code!, Name = name!, KindId = request.Kind!.Trim(), LevelId = level!.Id, ParentId = parent!.Id, Depth = parent.Depth + 1 };
        db.Units.Add(unit);
        if (!await TrySaveAsync(ct)) return Refusal.Conflict(UnitRules.CodeTaken);
        unit.Path = $"{parent.Path}{unit.Id}/";
        audit.Add(account, "unit.created", new { unit.Id, unit.Code, unit.Name, kind = unit.KindId, level = unit.LevelId, parentId = parent.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return UnitView.Of(unit);
    }

    public async Task<Result<UnitView>> UpdateAsync(int id, UpdateUnitRequest request, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var unit = await db.Units.Include(u => u.Level).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null || !account.CanSee(unit)) throw new AccessDeniedException($"Không tìm thấy đơn vị {id}.", StatusCodes.Status404NotFound);

        var errors = new FieldErrors();
        var code = request.Code?.Trim();
        var name = request.Name?.Trim();
        if (code is not null && code != unit.Code)
        {
            if (UnitRules.CodeProblem(code) is { } codeProblem) errors.Add("code", codeProblem);
            else if (await db.Units.AnyAsync(u => u.Code == code, ct)) errors.Add("code", UnitRules.CodeTaken);
        }
        if (name is not null && UnitRules.NameProblem(name) is { } nameProblem) errors.Add("name", nameProblem);
        if (request.Kind is not null) await CheckKindAsync(request.Kind, errors, ct);
        var level = request.Level is null ? unit.Level : await FindLevelAsync(request.Level, errors, ct);

        var parent = unit.ParentId is int currentParent ? await db.Units.Include(u => u.Level).FirstAsync(u => u.Id == currentParent, ct) : null;
        var moving = request.ParentId is int newParentId && newParentId != unit.ParentId;
        if (moving)
        {
            parent = await db.Units.Include(u => u.Level).FirstOrDefaultAsync(u => u.Id == request.ParentId, ct);
            if (parent is null || !account.CanSee(parent)) errors.Add("parentId", UnitRules.ParentNotFound);
            else if (parent.IsInSubtreeOf(unit)) errors.Add("parentId", UnitRules.CycleMessage);
        }
        if (level is not null && !errors.Any)
        {
            if (parent?.Level is not null && level.Rank <= parent.Level.Rank) errors.Add("level", UnitRules.RankMessage);
            var childRanks = await db.Units.Where(u => u.ParentId == unit.Id).Select(u => u.Level!.Rank).ToListAsync(ct);
            if (childRanks.Count > 0 && childRanks.Min() <= level.Rank)
                errors.Add("level", "Cấp mới phải cao hơn cấp của các đơn vị trực thuộc.");
        }
        if (errors.Any) return Refusal.Invalid(errors);

        var before = UnitView.Of(unit);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (code is not null) unit.Code = code;
        if (name is not null) unit.Name = name;
        if (request.Kind is not null) unit.KindId = request.Kind.Trim();
        if (level is not null) unit.LevelId = level.Id;
        if (request.Active is bool active) unit.Active = active;
        if (moving) await MoveSubtreeAsync(unit, parent!, ct);
        var after = UnitView.Of(unit);
        audit.Add(account, moving ? "unit.moved" : "unit.updated", new { before, after });
        if (!await TrySaveAsync(ct)) return Refusal.Conflict(UnitRules.CodeTaken);
        await tx.CommitAsync(ct);
        return after;
    }

    /// <summary>Re-roots the subtree: every path below the unit swaps its old prefix for the new one.</summary>
    private async Task MoveSubtreeAsync(Unit unit, Unit newParent, CancellationToken ct)
    {
        var oldPrefix = unit.Path;
        var newPrefix = $"{newParent.Path}{unit.Id}/";
        var depthShift = newParent.Depth + 1 - unit.Depth;
        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPrefix)).ToListAsync(ct);
        foreach (var member in subtree)
        {
            member.Path = newPrefix + member.Path[oldPrefix.Length..];
            member.Depth += depthShift;
        }
        unit.ParentId = newParent.Id;
    }

    public async Task<Result<UnitLevelView>> CreateLevelAsync(CreateLevelRequest request, CancellationToken ct)
    {
        var account = await current.RequireProvinceAdminAsync(ct);
        var errors = new FieldErrors();
        var id = request.Id?.Trim();
        var name = request.Name?.Trim();
        if (!UnitRules.IsDataId(id)) errors.Add("id", "Mã cấp gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 64 ký tự).");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors.Add("name", "Cần nhập tên cấp (tối đa 200 ký tự).");
        if (request.Rank is not (>= 0 and <= 100)) errors.Add("rank", "Thứ bậc là số nguyên từ 0 (cấp cao nhất) đến 100.");
        if (errors.Any) return Refusal.Invalid(errors);
        if (await db.UnitLevels.AnyAsync(l => l.Id == id, ct)) return Refusal.Conflict($"Cấp \"{id}\" đã có.");
        var level = new UnitLevel { Id = id!, Name = name!, Rank = request.Rank!.Value };
        db.UnitLevels.Add(level);
        audit.Add(account, "unit-level.created", new { level.Id, level.Name, level.Rank });
        if (!await TrySaveAsync(ct)) return Refusal.Conflict($"Cấp \"{id}\" đã có.");
        return new UnitLevelView(level.Id, level.Name, level.Rank);
    }

    public async Task<Result<UnitKindView>> CreateKindAsync(CreateKindRequest request, CancellationToken ct)
    {
        var account = await current.RequireProvinceAdminAsync(ct);
        var errors = new FieldErrors();
        var id = request.Id?.Trim();
        var name = request.Name?.Trim();
        if (!UnitRules.IsDataId(id)) errors.Add("id", "Mã loại gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 64 ký tự).");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors.Add("name", "Cần nhập tên loại đơn vị (tối đa 200 ký tự).");
        if (errors.Any) return Refusal.Invalid(errors);
        if (await db.UnitKinds.AnyAsync(k => k.Id == id, ct)) return Refusal.Conflict($"Loại đơn vị \"{id}\" đã có.");
        var kind = new UnitKind { Id = id!, Name = name! };
        db.UnitKinds.Add(kind);
        audit.Add(account, "unit-kind.created", new { kind.Id, kind.Name });
        if (!await TrySaveAsync(ct)) return Refusal.Conflict($"Loại đơn vị \"{id}\" đã có.");
        return new UnitKindView(kind.Id, kind.Name);
    }

    private async Task CheckKindAsync(string? kind, FieldErrors errors, CancellationToken ct)
    {
        var id = kind?.Trim();
        if (string.IsNullOrEmpty(id) || !await db.UnitKinds.AnyAsync(k => k.Id == id, ct))
            errors.Add("kind", $"Loại đơn vị \"{id}\" không có trong danh mục loại đơn vị.");
    }

    private async Task<UnitLevel?> FindLevelAsync(string? level, FieldErrors errors, CancellationToken ct)
    {
        var id = level?.Trim();
        var found = string.IsNullOrEmpty(id) ? null : await db.UnitLevels.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (found is null) errors.Add("level", $"Cấp \"{id}\" không có trong danh mục cấp đơn vị.");
        return found;
    }

    /// <summary>Saves; false when a unique index refused the row (a concurrent request took the code or id).</summary>
    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
