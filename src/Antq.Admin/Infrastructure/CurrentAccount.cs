using System.Security.Claims;
using Antq.Admin.Components;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Infrastructure;

/// <summary>The signed-in account with its role and scope unit, loaded once per request from the database
/// (so a changed role or scope applies at once, whatever a token says).</summary>
public sealed record Account(string UserId, string Name, string Role, Unit ScopeUnit)
{
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>An administrator scoped to a root of the hierarchy (the province): the only one who manages
    /// province-wide resources (packs, document templates, unit levels and kinds, background jobs).</summary>
    public bool IsProvinceAdmin => IsAdmin && ScopeUnit.ParentId is null;

    public bool IsReviewer => Role == Roles.Reviewer;
    public bool IsUnit => Role == Roles.UnitUser;

    /// <summary>Whether the unit lies in this account's scope (its unit's subtree).</summary>
    public bool CanSee(Unit unit) => unit.IsInSubtreeOf(ScopeUnit);
}

/// <summary>
/// The account of the current request, or of the Blazor circuit when a UI operation put the
/// circuit's user into <see cref="PrincipalHolder"/> (circuits have no HttpContext after the first request).
/// The database context is taken from the request's services only when the snapshot cache misses: a request served
/// from the cache (nearly every API call, the evaluate endpoint included) creates no context at all.
/// </summary>
public sealed class CurrentAccount(IHttpContextAccessor http, PrincipalHolder holder, IServiceProvider services, AccountSnapshots snapshots)
{
    private Account? _account;
    private bool _loaded;

    public async Task<Account?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded) return _account;
        _loaded = true;
        var principal = holder.Principal ?? http.HttpContext?.User;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return null;
        // Every API call needs this: served from the short-lived snapshot cache, else one compiled query for the
        // user, its unit and its role names.
        if (!snapshots.TryGet(userId, out var user))
        {
            var generation = snapshots.Generation;
            user = await LoadUser(services.GetRequiredService<AntqDbContext>(), userId, cancellationToken);
            snapshots.Set(userId, user, generation);
        }
        if (user?.Unit is null) return null;
        // A disabled account loses access at once, even with a token issued before. A lockout after wrong
        // passwords does not end sessions (anyone could otherwise cut anyone's): it only blocks new sign-ins.
        if (user.Disabled) return null;
        // A session issued before a password reset, a disable/enable, a role or scope change carries the old
        // security stamp: it ends at once (cookie and bearer token alike), on every instance within the cache lifetime.
        if (principal!.FindFirstValue(SecurityStampClaimType) is not { } stamp || !string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal))
            return null;
        var roles = user.Roles;
        var role = roles.Contains(Roles.Admin) ? Roles.Admin : roles.Contains(Roles.Reviewer) ? Roles.Reviewer : roles.Contains(Roles.UnitUser) ? Roles.UnitUser : null;
        if (role is null) return null;
        _account = new Account(user.Id, user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.Id, role, user.Unit);
        return _account;
    }

    /// <summary>Identity's claim for the security stamp (<c>ClaimsIdentityOptions.SecurityStampClaimType</c>), in cookies and bearer tokens.</summary>
    public const string SecurityStampClaimType = "AspNet.Identity.SecurityStamp";

    private static readonly Func<AntqDbContext, string, CancellationToken, Task<AccountSnapshot?>> LoadUser = EF.CompileAsyncQuery(
        (AntqDbContext db, string userId, CancellationToken _) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountSnapshot(u.Id, u.DisplayName, u.Email, u.Disabled, u.SecurityStamp, u.Unit,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList()))
            .FirstOrDefault());

    /// <summary>
    /// The account when it is a province administrator (<see cref="Account.IsProvinceAdmin"/>); a 403 otherwise.
    /// Every operation on a province-wide resource goes through here; a subtree administrator manages only
    /// the units and accounts of its subtree.
    /// </summary>
    public async Task<Account> RequireProvinceAdminAsync(CancellationToken cancellationToken = default)
    {
        var account = await RequireAsync(cancellationToken);
        if (!account.IsProvinceAdmin)
            throw new AccessDeniedException(account.IsAdmin
                ? "Chỉ quản trị viên cấp tỉnh được thực hiện thao tác này (tài khoản của bạn chỉ quản lý đơn vị trong phạm vi)."
                : "Chỉ quản trị viên cấp tỉnh được thực hiện thao tác này.");
        return account;
    }

    /// <summary>The account, or an <see cref="AccessDeniedException"/> (401) when there is none.</summary>
    public async Task<Account> RequireAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) ?? throw new AccessDeniedException("Cần đăng nhập.", StatusCodes.Status401Unauthorized);
}

/// <summary>Thrown by services when the account may not do what it asked; becomes a 401/403/404 ProblemDetails.</summary>
public sealed class AccessDeniedException(string message, int statusCode = StatusCodes.Status403Forbidden) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
