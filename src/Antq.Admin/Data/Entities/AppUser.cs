using Microsoft.AspNetCore.Identity;

namespace Antq.Admin.Data.Entities;

/// <summary>An account, scoped to one unit's subtree. Roles: admin, reviewer, unit.</summary>
public sealed class AppUser : IdentityUser
{
    public int UnitId { get; set; }
    public string DisplayName { get; set; } = "";
    public Unit? Unit { get; set; }
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string UnitUser = "unit";
    public static readonly string[] All = [Admin, Reviewer, UnitUser];
}
