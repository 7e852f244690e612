namespace Antq.FormEngine.Documents;

/// <summary>
/// Whom an attendee of a unit's own assessment meeting represents, worded as TT124 Điều 9 khoản 1 words it for the kind of
/// unit holding it: a) a residential area (the Trưởng khu dân cư chairs with the Bí thư chi bộ, the Ban Công tác Mặt trận,
/// the mass organisations and the Công an cấp cơ sở), c) an agency, enterprise or school (its head chairs with the party
/// committee, the unions, the protection force, the Công an cơ sở and the authority managing it); a commune's Ban Chỉ đạo
/// (point b) is offered every role but the managing authority. Which roles must be present is data of the pack
/// (<see cref="Packs.DocumentRef.RequiredRoles"/>); the ids here are what a pack may name.
/// </summary>
public static class MeetingRoles
{
    public const string Police = "cong-an";
    public const string ManagingAuthority = "co-quan-quan-ly";

    /// <summary>What a pack requires when its minutes name no roles: the Công an cơ sở, present in every kind's meeting.</summary>
    public static readonly IReadOnlyList<string> DefaultRequired = [Police];

    /// <summary>Every role id, in the order the form and the minutes list them, with its general name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> All =
    [
        ("chu-tri", "Người đứng đầu đơn vị, chủ trì cuộc họp"),
        ("cap-uy", "Đại diện cấp ủy Đảng"),
        ("mat-tran", "Đại diện Mặt trận Tổ quốc"),
        ("doan-the", "Đại diện tổ chức đoàn thể"),
        ("bao-ve", "Đại diện lực lượng bảo vệ"),
        (Police, "Đại diện Công an cơ sở"),
        (ManagingAuthority, "Đại diện cơ quan có thẩm quyền quản lý"),
        ("khac", "Thành phần khác"),
    ];

    private static readonly IReadOnlyList<(string Id, string Name)> Residential =
    [
        ("chu-tri", "Trưởng khu dân cư, chủ trì cuộc họp"),
        ("cap-uy", "Bí thư chi bộ"),
        ("mat-tran", "Đại diện Ban Công tác Mặt trận"),
        ("doan-the", "Đại diện tổ chức đoàn thể quần chúng"),
        (Police, "Đại diện Công an cấp cơ sở"),
        ("khac", "Thành phần khác"),
    ];

    private static readonly IReadOnlyList<(string Id, string Name)> Organisation =
    [
        ("chu-tri", "Người đứng đầu đơn vị, chủ trì cuộc họp"),
        ("cap-uy", "Đại diện cấp ủy Đảng"),
        ("doan-the", "Đại diện tổ chức đoàn thể"),
        ("bao-ve", "Đại diện lực lượng bảo vệ"),
        (Police, "Đại diện Công an cơ sở"),
        (ManagingAuthority, "Đại diện cơ quan có thẩm quyền quản lý"),
        ("khac", "Thành phần khác"),
    ];

    private static readonly IReadOnlyList<(string Id, string Name)> Commune = All.Where(r => r.Id != ManagingAuthority).ToList();

    public static bool IsKnown(string? id) => All.Any(r => r.Id == id);

    /// <summary>
    /// The roles a meeting of a unit of <paramref name="kindId"/> may record: the law's composition for its kind, plus any
    /// role the pack requires that the kind's list lacks (the pack's word wins, so a required role can always be recorded).
    /// </summary>
    public static IReadOnlyList<(string Id, string Name)> For(string? kindId, IEnumerable<string> required)
    {
        var roles = kindId switch
        {
            "khu-dan-cu" => Residential,
            "co-quan" or "doanh-nghiep" or "co-so-giao-duc" => Organisation,
            _ => Commune,
        };
        var missing = required.Where(id => roles.All(r => r.Id != id)).ToHashSet();
        return missing.Count == 0 ? roles : [.. roles, .. All.Where(r => missing.Contains(r.Id))];
    }

    /// <summary>The role's name as the minutes print it for a unit of <paramref name="kindId"/>.</summary>
    public static string Name(string? id, string? kindId) =>
        For(kindId, []).Concat(All).FirstOrDefault(r => r.Id == id).Name ?? "";
}
