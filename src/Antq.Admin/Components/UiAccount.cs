using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Components;

/// <summary>
/// The signed-in account as the shell shows it (cascaded by MainLayout to every page). Only for
/// display and navigation: services decide what the account may do.
/// </summary>
public sealed record UiAccount(string Name, string Role, int UnitId, string UnitName, string UnitKind, string UnitLevel, bool IsProvinceAdmin = false)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsReviewer => Role == Roles.Reviewer;
    public bool IsUnit => Role == Roles.UnitUser;

    public string RoleLabel => Role switch
    {
        Roles.Admin => "Quản trị viên",
        Roles.Reviewer => "Xét duyệt (Ban Chỉ đạo)",
        Roles.UnitUser => "Đơn vị",
        _ => Role,
    };

    public static UiAccount From(Account account) =>
        new(account.Name, account.Role, account.ScopeUnit.Id, account.ScopeUnit.Name, account.ScopeUnit.KindId, account.ScopeUnit.LevelId, account.IsProvinceAdmin);
}
