namespace Antq.Admin.Features.Accounts;

/// <summary>An account as administrators see it. <c>Active</c> false: disabled by an administrator;
/// <c>LockedOut</c>: cannot sign in now (disabled, or too many wrong passwords until <c>LockoutEnd</c>).</summary>
public sealed record AccountItem(
    string Id, string Email, string DisplayName, string Role, int UnitId, string UnitCode, string UnitName,
    bool Active, bool LockedOut, DateTimeOffset? LockoutEnd);

/// <summary>Filters of <c>GET /api/accounts</c>.</summary>
public sealed record AccountFilter(int? UnitId, string? Role, string? Q, int? Skip, int? Take)
{
    public int SkipOrDefault => Math.Max(0, Skip ?? 0);
    public int TakeOrDefault => Math.Clamp(Take ?? 100, 1, 500);
}

public sealed record CreateAccountRequest(string? Email, string? DisplayName, string? Role, int? UnitId, string? Password);

/// <summary>Only the fields present change. <c>Active</c> false (or <c>Locked</c> true) disables the account;
/// <c>Active</c> true (or <c>Locked</c> false) enables it and clears a lockout from wrong passwords.</summary>
public sealed record UpdateAccountRequest(string? Role, int? UnitId, string? DisplayName, bool? Active, bool? Locked);

public sealed record ResetPasswordRequest(string? Password);

/// <summary>The signed-in person changes their own password: the current one proves it is them.</summary>
public sealed record ChangeOwnPasswordRequest(string? CurrentPassword, string? NewPassword);
