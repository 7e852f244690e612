namespace Antq.Admin.Features.Registration;

/// <summary>
/// The files of the registration dossier beside the Bản đăng ký itself (TT124 Điều 9 khoản 2 điểm a: "Nghị quyết của
/// cấp ủy Đảng về đăng ký phấn đấu", "Kế hoạch bảo đảm an ninh, trật tự"). Both are required before sending.
/// </summary>
public static class RegistrationFileKind
{
    public const string Resolution = "nghi-quyet";
    public const string SecurityPlan = "ke-hoach";

    /// <summary>The kinds in the order of the law, with the names shown to people.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        (Resolution, "Nghị quyết của cấp ủy Đảng về đăng ký phấn đấu"),
        (SecurityPlan, "Kế hoạch bảo đảm an ninh, trật tự"),
    ];

    public static bool IsKnown(string? id) => All.Any(k => k.Id == id);

    /// <summary>The place of a kind in <see cref="All"/>, to list files in the order of the law.</summary>
    public static int Order(string id) => All.Select(k => k.Id).ToList().IndexOf(id);

    public static string Label(string id) => All.FirstOrDefault(k => k.Id == id).Label ?? id;
}
