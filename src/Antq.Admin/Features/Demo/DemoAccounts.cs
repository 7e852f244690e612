using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Demo;

/// <summary>A demo account: its address, role, unit, and its display name made from the unit's name as it is today.</summary>
internal sealed record DemoAccount(string Email, string Role, Func<DemoHierarchy, Unit> Unit, Func<Unit, string> DisplayName);

/// <summary>One account per role and level of today's two levels, all with <see cref="Password"/>, printed at start.</summary>
internal static class DemoAccounts
{
    public const string Password = "DongNai@2025";

    public const string Admin = "admin@dongnai.demo";
    public const string Province = "tinh@dongnai.demo";
    public const string TranBien = "tranbien@dongnai.demo";
    public const string TranBienCommittee = "tranbien.bcd@dongnai.demo";
    public const string TrangBom = "trangbom@dongnai.demo";
    public const string TrangDai = "trangdai@dongnai.demo";
    public const string TamHiep = "tamhiep@dongnai.demo";
    public const string DakLua = "daklua@dongnai.demo";
    public const string DongXoai = "dongxoai@dongnai.demo";
    public const string School = "truongthpt@dongnai.demo";
    public const string Enterprise = "doanhnghiep@dongnai.demo";

    private static string Police(Unit unit) => $"Công an {DongNai.InRunningText(unit.Name)}";
    private static string Committee(Unit unit) => $"Ban Chỉ đạo {DongNai.InRunningText(unit.Name)}";

    public static readonly DemoAccount[] All =
    [
        new(Admin, Roles.Admin, h => h.Root, u => $"Quản trị viên Công an {DongNai.InRunningText(u.Name)}"),
        new(Province, Roles.Reviewer, h => h.Root, Committee),
        new(TranBien, Roles.UnitUser, h => h[DongNai.TranBien], Police),
        new(TranBienCommittee, Roles.Reviewer, h => h[DongNai.TranBien], Committee),
        new(TrangBom, Roles.UnitUser, h => h[DongNai.TrangBom], Police),
        new(TrangDai, Roles.UnitUser, h => h[DongNai.TrangDai], Police),
        new(TamHiep, Roles.UnitUser, h => h[DongNai.TamHiep], Police),
        new(DakLua, Roles.UnitUser, h => h[DongNai.DakLua], Police),
        new(DongXoai, Roles.UnitUser, h => h[DongNai.DongXoai], Police),
        new(School, Roles.UnitUser, h => h[DemoOrganisations.UpperSecondary(DongNai.TranBien)], u => $"Ban giám hiệu {u.Name}"),
        new(Enterprise, Roles.UnitUser, h => h[DemoOrganisations.Enterprise(DongNai.TranBien)], u => $"Người đại diện {u.Name}"),
    ];
}
