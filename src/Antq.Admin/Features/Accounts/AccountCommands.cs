using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Accounts;

/// <summary>
/// Administrators create and change accounts inside their own scope. Each change and its audit
/// entry are one transaction (Identity saves per call, so the calls share it).
/// </summary>
public sealed class AccountCommands(AntqDbContext db, UserManager<AppUser> users, CurrentAccount current, AccountQueries queries, AdminAudit audit)
{
    public async Task<Result<AccountItem>> CreateAsync(CreateAccountRequest request, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var errors = new FieldErrors();
        var email = request.Email?.Trim() ?? "";
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim();
        if (email.Length == 0) errors.Add("email", "Cần nhập thư điện tử.");
        if (displayName.Length > 200) errors.Add("displayName", "Tên hiển thị dài tối đa 200 ký tự.");
        CheckRole(request.Role, errors);
        if (request.UnitId is null) errors.Add("unitId", "Cần chọn đơn vị của tài khoản.");
        var unit = request.UnitId is int unitId ? await VisibleUnitAsync(account, unitId, errors, ct) : null;
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "Cần nhập mật khẩu.");

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, UnitId = unit?.Id ?? 0 };
        if (email.Length > 0)
            foreach (var validator in users.UserValidators)
                if (AddErrors(await validator.ValidateAsync(users, user), errors) is { } duplicate)
                    return Refusal.Conflict(duplicate);
        if (!string.IsNullOrEmpty(request.Password)) await CheckPasswordAsync(user, request.Password, errors);
        if (errors.Any) return Refusal.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded) return Failed<AccountItem>(created, errors);
        await users.AddToRoleAsync(user, request.Role!);
        audit.Add(account, "account.created", new { user.Id, user.Email, role = request.Role, unitId = unit!.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await queries.ItemAsync(user, unit, ct);
    }

    public async Task<Result<AccountItem>> UpdateAsync(string id, UpdateAccountRequest request, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var user = await queries.FindVisibleAsync(account, id, ct);
        var errors = new FieldErrors();
        if (request.Role is not null) CheckRole(request.Role, errors);
        var unit = request.UnitId is int unitId ? await VisibleUnitAsync(account, unitId, errors, ct) : user.Unit!;
        var displayName = request.DisplayName?.Trim();
        if (displayName is { Length: 0 or > 200 }) errors.Add("displayName", "Tên hiển thị dài từ 1 đến 200 ký tự.");
        if (request.Active == true && request.Locked == true || request.Active == false && request.Locked == false)
            errors.Add("active", "\"active\" và \"locked\" trái ngược nhau.");
        var disable = request.Active == false || request.Locked == true;
        var enable = request.Active == true || request.Locked == false;
        // An administrator cannot take away their own access: another administrator has to.
        if (user.Id == account.UserId)
        {
            if (request.Role is not null && request.Role != Roles.Admin) errors.Add("role", "Không thể tự thay đổi vai trò của chính mình.");
            if (unit is not null && unit.Id != user.UnitId) errors.Add("unitId", "Không thể tự thay đổi đơn vị của chính mình.");
            if (disable) errors.Add("active", "Không thể tự khoá tài khoản của chính mình.");
        }
        if (errors.Any) return Refusal.Invalid(errors);

        var before = await queries.ItemAsync(user, user.Unit!, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (displayName is not null) user.DisplayName = displayName;
        user.UnitId = unit!.Id;
        user.Unit = unit;
        Ensure(await users.UpdateAsync(user));
        if (request.Role is not null && request.Role != before.Role)
        {
            Ensure(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            Ensure(await users.AddToRoleAsync(user, request.Role));
        }
        if (disable)
        {
            user.Disabled = true;
            Ensure(await users.UpdateAsync(user));
        }
        else if (enable)
        {
            user.Disabled = false;
            Ensure(await users.UpdateAsync(user));
            Ensure(await users.SetLockoutEndDateAsync(user, null));
            Ensure(await users.ResetAccessFailedCountAsync(user));
        }
        // A new stamp ends every session (cookie, bearer token) issued under the old role, unit or state:
        // CurrentAccount compares the stamp of each request with the stored one.
        if (request.Role is not null && request.Role != before.Role || unit.Id != before.UnitId || disable || enable && !before.Active)
            Ensure(await users.UpdateSecurityStampAsync(user));
        var after = await queries.ItemAsync(user, unit, ct);
        audit.Add(account, "account.updated", new { user.Id, user.Email, before, after });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return after;
    }

    public async Task<Result<bool>> ResetPasswordAsync(string id, ResetPasswordRequest request, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var user = await queries.FindVisibleAsync(account, id, ct);
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "Cần nhập mật khẩu mới.");
        else await CheckPasswordAsync(user, request.Password, errors);
        if (errors.Any) return Refusal.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, request.Password!);
        if (!reset.Succeeded) return Failed<bool>(reset, errors);
        audit.Add(account, "account.password-reset", new { user.Id, user.Email });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Any signed-in account changes its own password (Issue 18, item 8). The security stamp changes
    /// with it, so other sessions of the account end within the minute; this one signs in again.
    /// </summary>
    public async Task<Result<bool>> ChangeOwnPasswordAsync(ChangeOwnPasswordRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var user = await users.FindByIdAsync(account.UserId) ?? throw new InvalidOperationException("The signed-in account has no user.");
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword)) errors.Add("currentPassword", "Cần nhập mật khẩu hiện tại.");
        else if (!await users.CheckPasswordAsync(user, request.CurrentPassword)) errors.Add("currentPassword", "Mật khẩu hiện tại không đúng.");
        if (string.IsNullOrEmpty(request.NewPassword)) errors.Add("newPassword", "Cần nhập mật khẩu mới.");
        else if (request.NewPassword == request.CurrentPassword) errors.Add("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.");
        else await CheckPasswordAsync(user, request.NewPassword, errors);
        if (errors.Any) return Refusal.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!changed.Succeeded) return Failed<bool>(changed, errors);
        audit.Add(account, "account.password-changed", new { user.Id, user.Email });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static void CheckRole(string? role, FieldErrors errors)
    {
        if (role is null || !Roles.All.Contains(role)) errors.Add("role", $"Vai trò phải là một trong: {string.Join(", ", Roles.All)}.");
    }

    private async Task<Unit?> VisibleUnitAsync(Account account, int unitId, FieldErrors errors, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is not null && account.CanSee(unit)) return unit;
        errors.Add("unitId", "Không tìm thấy đơn vị trong phạm vi quản lý.");
        return null;
    }

    private async Task CheckPasswordAsync(AppUser user, string password, FieldErrors errors)
    {
        foreach (var validator in users.PasswordValidators)
            AddErrors(await validator.ValidateAsync(users, user, password), errors);
    }

    /// <summary>Files Identity's errors under the field they concern; returns the message when the address is already taken.</summary>
    private static string? AddErrors(IdentityResult result, FieldErrors errors)
    {
        string? duplicate = null;
        foreach (var error in result.Errors)
        {
            if (error.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)) duplicate ??= error.Description;
            else errors.Add(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email", error.Description);
        }
        return duplicate;
    }

    /// <summary>A refusal from Identity itself (a race with another request, as the checks above already passed).</summary>
    private static Result<T> Failed<T>(IdentityResult result, FieldErrors errors) =>
        AddErrors(result, errors) is { } duplicate ? Refusal.Conflict(duplicate)
        : errors.Any ? Refusal.Invalid(errors)
        : Refusal.Conflict(string.Join(" ", result.Errors.Select(e => e.Description)));

    /// <summary>Identity calls after validation should not fail; if one does, the transaction is not committed.</summary>
    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Identity: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }
}
