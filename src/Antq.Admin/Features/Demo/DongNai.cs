namespace Antq.Admin.Features.Demo;

/// <summary>A district-level unit of the demo province and its communes, wards and towns.</summary>
internal sealed record DemoDistrict(string Code, string Name, string[] Communes);

/// <summary>
/// Đồng Nai before the 2025 reform: the eleven district-level units and their communes with their
/// real names. District codes and Biên Hòa's ward codes are the General Statistics Office codes
/// (written "code Name"); elsewhere a commune gets the deterministic, unofficial code
/// "&lt;district&gt;.&lt;nn&gt;". The kind follows the name: Phường → phuong, Xã → xa, Thị trấn → thi-tran.
/// </summary>
internal static class DongNai
{
    public static readonly DemoDistrict[] Districts =
    [
        new("731", "Thành phố Biên Hòa",
        [
            "25993 Phường Trảng Dài", "25996 Phường Tân Phong", "25999 Phường Tân Biên", "26002 Phường Hố Nai",
            "26005 Phường Tân Hòa", "26008 Phường Tân Hiệp", "26011 Phường Bửu Long", "26014 Phường Tân Tiến",
            "26017 Phường Tam Hiệp", "26020 Phường Long Bình", "26023 Phường Quang Vinh", "26026 Phường Tân Mai",
            "26029 Phường Thống Nhất", "26032 Phường Trung Dũng", "26035 Phường Tam Hòa", "26038 Phường Hòa Bình",
            "26041 Phường Quyết Thắng", "26044 Phường Thanh Bình", "26047 Phường Bình Đa", "26050 Phường An Bình",
            "26053 Phường Bửu Hòa", "26056 Phường Long Bình Tân", "26059 Phường Tân Vạn", "26062 Phường Tân Hạnh",
            "26065 Phường Hiệp Hòa", "26068 Phường Hóa An", "26371 Phường An Hòa", "26374 Phường Tam Phước",
            "26377 Phường Phước Tân", "26380 Xã Long Hưng",
        ]),
        new("732", "Thành phố Long Khánh",
        [
            "Phường Xuân Trung", "Phường Xuân Thanh", "Phường Xuân Bình", "Phường Xuân An", "Phường Xuân Hòa",
            "Phường Phú Bình", "Phường Suối Tre", "Phường Bảo Vinh", "Phường Xuân Lập", "Phường Bàu Sen",
            "Phường Xuân Tân", "Xã Bình Lộc", "Xã Bảo Quang", "Xã Bàu Trâm", "Xã Hàng Gòn",
        ]),
        new("734", "Huyện Tân Phú",
        [
            "Thị trấn Tân Phú", "Xã Dak Lua", "Xã Nam Cát Tiên", "Xã Núi Tượng", "Xã Tà Lài", "Xã Phú Lập",
            "Xã Phú Sơn", "Xã Phú Thịnh", "Xã Thanh Sơn", "Xã Phú Trung", "Xã Phú Xuân", "Xã Phú Lộc",
            "Xã Phú Lâm", "Xã Phú Bình", "Xã Phú Thanh", "Xã Trà Cổ", "Xã Phú Điền",
        ]),
        new("735", "Huyện Vĩnh Cửu",
        [
            "Thị trấn Vĩnh An", "Xã Phú Lý", "Xã Trị An", "Xã Tân An", "Xã Vĩnh Tân", "Xã Bình Lợi",
            "Xã Thạnh Phú", "Xã Thiện Tân", "Xã Tân Bình", "Xã Bình Hòa", "Xã Mã Đà", "Xã Hiếu Liêm",
        ]),
        new("736", "Huyện Định Quán",
        [
            "Thị trấn Định Quán", "Xã Thanh Sơn", "Xã Phú Tân", "Xã Phú Vinh", "Xã Phú Lợi", "Xã Phú Hòa",
            "Xã Ngọc Định", "Xã La Ngà", "Xã Gia Canh", "Xã Phú Ngọc", "Xã Phú Cường", "Xã Túc Trưng",
            "Xã Phú Túc", "Xã Suối Nho",
        ]),
        new("737", "Huyện Trảng Bom",
        [
            "Thị trấn Trảng Bom", "Xã Thanh Bình", "Xã Cây Gáo", "Xã Bàu Hàm", "Xã Sông Thao", "Xã Sông Trầu",
            "Xã Đông Hòa", "Xã Bắc Sơn", "Xã Hố Nai 3", "Xã Tây Hòa", "Xã Bình Minh", "Xã Trung Hòa",
            "Xã Đồi 61", "Xã Hưng Thịnh", "Xã Quảng Tiến", "Xã Giang Điền", "Xã An Viễn",
        ]),
        new("738", "Huyện Thống Nhất",
        [
            "Xã Gia Tân 1", "Xã Gia Tân 2", "Xã Gia Tân 3", "Xã Gia Kiệm", "Xã Quang Trung", "Xã Bàu Hàm 2",
            "Xã Hưng Lộc", "Xã Lộ 25", "Xã Xuân Thạnh", "Xã Xuân Thiện",
        ]),
        new("739", "Huyện Cẩm Mỹ",
        [
            "Xã Sông Nhạn", "Xã Xuân Quế", "Xã Nhân Nghĩa", "Xã Xuân Đường", "Xã Long Giao", "Xã Xuân Mỹ",
            "Xã Thừa Đức", "Xã Bảo Bình", "Xã Xuân Bảo", "Xã Xuân Tây", "Xã Xuân Đông", "Xã Sông Ray", "Xã Lâm San",
        ]),
        new("740", "Huyện Long Thành",
        [
            "Thị trấn Long Thành", "Xã An Phước", "Xã Bình An", "Xã Long Đức", "Xã Lộc An", "Xã Bình Sơn",
            "Xã Tam An", "Xã Cẩm Đường", "Xã Long An", "Xã Bàu Cạn", "Xã Long Phước", "Xã Phước Bình",
            "Xã Tân Hiệp", "Xã Phước Thái",
        ]),
        new("741", "Huyện Xuân Lộc",
        [
            "Thị trấn Gia Ray", "Xã Xuân Bắc", "Xã Suối Cao", "Xã Xuân Thành", "Xã Xuân Thọ", "Xã Xuân Trường",
            "Xã Xuân Hòa", "Xã Xuân Hưng", "Xã Xuân Tâm", "Xã Suối Cát", "Xã Xuân Hiệp", "Xã Xuân Phú",
            "Xã Xuân Định", "Xã Bảo Hòa", "Xã Lang Minh",
        ]),
        new("742", "Huyện Nhơn Trạch",
        [
            "Thị trấn Hiệp Phước", "Xã Phước Thiền", "Xã Long Tân", "Xã Đại Phước", "Xã Phú Hữu", "Xã Phú Đông",
            "Xã Phú Hội", "Xã Phú Thạnh", "Xã Phước An", "Xã Long Thọ", "Xã Phước Khánh", "Xã Vĩnh Thanh",
        ]),
    ];

    /// <summary>The communes of a district as (code, name, kind).</summary>
    public static IEnumerable<(string Code, string Name, string Kind)> CommunesOf(DemoDistrict district) =>
        district.Communes.Select((entry, i) =>
        {
            var space = entry.IndexOf(' ');
            var hasCode = space > 0 && entry[..space].All(char.IsAsciiDigit);
            var name = hasCode ? entry[(space + 1)..] : entry;
            return (hasCode ? entry[..space] : $"{district.Code}.{i + 1:00}", name, KindOf(name));
        });

    public static string KindOf(string name) =>
        name.StartsWith("Phường ", StringComparison.Ordinal) ? "phuong"
        : name.StartsWith("Thị trấn ", StringComparison.Ordinal) ? "thi-tran"
        : "xa";

    /// <summary>"Huyện Trảng Bom" → "huyện Trảng Bom", as the name reads inside a longer one.</summary>
    public static string InRunningText(string name)
    {
        foreach (var prefix in (string[])["Thành phố ", "Huyện ", "Phường ", "Xã ", "Thị trấn "])
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return prefix.ToLowerInvariant() + name[prefix.Length..];
        return name;
    }
}
