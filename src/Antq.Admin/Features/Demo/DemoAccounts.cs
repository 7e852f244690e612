using Antq.Admin.Data.Entities;

namespace Antq.Admin.Features.Demo;

/// <summary>A demo account: who it is and where its scope lies.</summary>
internal sealed record DemoAccount(string Email, string DisplayName, string Role, Func<DemoHierarchy, Unit> Unit);

/// <summary>One account per role and level, all with <see cref="Password"/>, printed at start.</summary>
internal static class DemoAccounts
{
    public const string Password = "DongNai@2025";
    public const string BienHoa = "731";
    public const string TrangBom = "737";

    public static readonly DemoAccount[] All =
    [
        new("admin@dongnai.demo", "Quản trị viên Công an tỉnh", Roles.Admin, h => h.Root),
        new("tinh@dongnai.demo", "Ban Chỉ đạo tỉnh", Roles.Reviewer, h => h.Root),
        new("bienhoa@dongnai.demo", "Ban Chỉ đạo thành phố Biên Hòa", Roles.Reviewer, h => h.District(BienHoa)),
        new("trangbom@dongnai.demo", "Ban Chỉ đạo huyện Trảng Bom", Roles.Reviewer, h => h.District(TrangBom)),
        new("tanphong@dongnai.demo", "Công an phường Tân Phong", Roles.UnitUser, h => h.In(BienHoa, "Phường Tân Phong")),
        new("tanbien@dongnai.demo", "Công an phường Tân Biên", Roles.UnitUser, h => h.In(BienHoa, "Phường Tân Biên")),
        new("trangdai@dongnai.demo", "Công an phường Trảng Dài", Roles.UnitUser, h => h.In(BienHoa, "Phường Trảng Dài")),
        new("honai3@dongnai.demo", "Công an xã Hố Nai 3", Roles.UnitUser, h => h.In(TrangBom, "Xã Hố Nai 3")),
        new("truonghoc@dongnai.demo", "Ban giám hiệu trường", Roles.UnitUser, h => h.First(BienHoa, "co-so-giao-duc")),
    ];
}
