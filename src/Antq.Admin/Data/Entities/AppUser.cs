using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Data.Entities;

/// <summary>An account, scoped to one unit's subtree. Roles: admin, reviewer, unit.</summary>
public sealed class AppUser : IdentityUser
{
    public int UnitId { get; set; }
    public string DisplayName { get; set; } = "";
    public Unit? Unit { get; set; }

    /// <summary>Disabled by an administrator: no sign-in and no session (cookie or token) is honoured.
    /// Unlike a lockout after wrong passwords, which only blocks new sign-ins for a while.</summary>
    public bool Disabled { get; set; }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string UnitUser = "unit";
    public static readonly string[] All = [Admin, Reviewer, UnitUser];
}
