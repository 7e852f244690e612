namespace Antq.Admin.Features.Documents;

/// <summary>
/// Whom an attendee of the unit's assessment meeting represents (TT124 Điều 9 khoản 1: "đại diện cấp ủy Đảng, các tổ chức
/// đoàn thể, lực lượng bảo vệ (nếu có), đại diện Công an cơ sở", and the Mặt trận for a residential area).
/// </summary>
public static class MeetingRoles
{
    public static readonly IReadOnlyList<(string Id, string Name)> All =
    [
        ("chu-tri", "Người đứng đầu đơn vị, chủ trì cuộc họp"),
        ("cap-uy", "Đại diện cấp ủy Đảng"),
        ("mat-tran", "Đại diện Mặt trận Tổ quốc"),
        ("doan-the", "Đại diện tổ chức đoàn thể"),
        ("bao-ve", "Đại diện lực lượng bảo vệ"),
        ("cong-an", "Đại diện Công an cơ sở"),
        ("khac", "Thành phần khác"),
    ];

    public static bool IsKnown(string? id) => All.Any(r => r.Id == id);

    public static string Name(string? id) => All.FirstOrDefault(r => r.Id == id).Name ?? "";
}
