using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Units;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// A commune-level unit of today's demo (code and name as in docs/data/dong-nai-communes-2025.md) with, where
/// the demo keeps its history, the unit that held the code before 1/7/2025 and the former district it sat in.
/// </summary>
/// <param name="RenamedTo">The name from 30/4/2026 when it changed (xã → phường, NQ 237/NQ-UBTVQH16).</param>
internal sealed record DemoCommune(string Code, string Name, string? Predecessor = null, string? FormerDistrict = null, string? RenamedTo = null);

/// <summary>A district-level unit of the three-level years, closed on 30/6/2025.</summary>
internal sealed record DemoDistrict(string Code, string Name);

/// <summary>
/// Thành phố Đồng Nai as the demo shows it: today two levels (the city, then xã and phường with their QĐ 19/2025
/// codes), and, as earlier periods of the same units, the 2024 three-level structure of two former districts.
/// Everything that changes in time is a <see cref="UnitPeriod"/>, as an administrator would record it.
/// </summary>
internal static class DongNai
{
    public const string ProvinceCode = "75";

    /// <summary>Where the demo's history starts: the 2023 seed plan (KH 91/KH-UBND), not a legal date.</summary>
    public static readonly DateOnly HistoryFrom = new(2023, 1, 1);

    /// <summary>Two levels from 1/7/2025 (communes arranged by NQ 1662/NQ-UBTVQH15).</summary>
    public static readonly DateOnly TwoLevels = new(2025, 7, 1);

    /// <summary>Thành phố Đồng Nai (NQ 30/2026/QH16) and ten xã become phường (NQ 237/NQ-UBTVQH16).</summary>
    public static readonly DateOnly City = new(2026, 4, 30);

    public const string CommunesBasis = "NQ 1662/NQ-UBTVQH15";
    public const string CityBasis = "NQ 30/2026/QH16";
    public const string WardsBasis = "NQ 237/NQ-UBTVQH16";

    /// <summary>The history year the demo files dossiers in (three levels).</summary>
    public const int HistoryYear = 2024;

    public const string BienHoa = "731";
    public const string TrangBomDistrict = "737";

    public static readonly DemoDistrict[] FormerDistricts = [new(BienHoa, "Thành phố Biên Hòa"), new(TrangBomDistrict, "Huyện Trảng Bom")];

    public const string TranBien = "26041";
    public const string TrangDai = "25993";
    public const string HoNai = "26005";
    public const string TamHiep = "26017";
    public const string LongBinh = "26020";
    public const string TamPhuoc = "26374";
    public const string PhuocTan = "26377";
    public const string TrangBom = "26248";
    public const string DakLua = "26119";
    public const string DongXoai = "25210";

    public static readonly DemoCommune[] Communes =
    [
        // Former Thành phố Biên Hòa: merged phường, Trấn Biên the administrative centre.
        new(TranBien, "Phường Trấn Biên", "Phường Trung Dũng", BienHoa),
        new(TrangDai, "Phường Trảng Dài", "Phường Trảng Dài", BienHoa),
        new(HoNai, "Phường Hố Nai", "Phường Tân Hòa", BienHoa),
        new(TamHiep, "Phường Tam Hiệp", "Phường Tam Hiệp", BienHoa),
        new(LongBinh, "Phường Long Bình", "Phường Long Bình", BienHoa),
        new("26068", "Phường Biên Hòa", "Phường Hóa An", BienHoa),
        new(TamPhuoc, "Phường Tam Phước", "Phường Tam Phước", BienHoa),
        new(PhuocTan, "Phường Phước Tân", "Phường Phước Tân", BienHoa),
        // Former Huyện Trảng Bom: Trảng Bom became a phường on 30/4/2026.
        new(TrangBom, "Xã Trảng Bom", "Thị trấn Trảng Bom", TrangBomDistrict, "Phường Trảng Bom"),
        new("26254", "Xã Bàu Hàm", "Xã Cây Gáo", TrangBomDistrict),
        new("26278", "Xã Bình Minh", "Xã Bình Minh", TrangBomDistrict),
        new("26281", "Xã Hưng Thịnh", "Xã Trung Hoà", TrangBomDistrict),
        new("26296", "Xã An Viễn", "Xã An Viễn", TrangBomDistrict),
        // Elsewhere (no history in the demo): an unchanged xã and the former Bình Phước area.
        new(DakLua, "Xã Đak Lua"),
        new(DongXoai, "Phường Đồng Xoài"),
        new("25222", "Xã Bù Gia Mập"),
        new("25270", "Xã Lộc Ninh", RenamedTo: "Phường Lộc Ninh"),
    ];

    /// <summary>The province's periods: a province until 29/4/2026, a centrally-run city from 30/4/2026 (code 75 throughout).</summary>
    public static IEnumerable<UnitPeriod> ProvincePeriods() =>
    [
        // KH 91 (2023) names the province body this way [V seed]; "Đồng Nai" after "tỉnh" is added [I].
        Period(HistoryFrom, TwoLevels.AddDays(-1), ProvinceCode, "Tỉnh Đồng Nai", "tinh", "province", null, null,
            "Ban Chỉ đạo phòng, chống AIDS, tội phạm và tệ nạn xã hội tỉnh Đồng Nai"),
        Period(TwoLevels, City.AddDays(-1), ProvinceCode, "Tỉnh Đồng Nai", "tinh", "province", null, CommunesBasis),
        Period(City, null, ProvinceCode, "Thành phố Đồng Nai", "tinh", "province", null, CityBasis),
    ];

    /// <summary>A former district's one period, under the province, until 30/6/2025.</summary>
    public static UnitPeriod DistrictPeriod(DemoDistrict district, int provinceId) =>
        Period(HistoryFrom, TwoLevels.AddDays(-1), district.Code, district.Name, "huyen", "district", provinceId, null);

    /// <summary>A commune's periods: its predecessor under its district (when the demo keeps it), today's name, and the 2026 change.</summary>
    public static IEnumerable<UnitPeriod> CommunePeriods(DemoCommune commune, int provinceId, int? formerDistrictId)
    {
        if (commune.Predecessor is { } before && formerDistrictId is int district)
            yield return Period(HistoryFrom, TwoLevels.AddDays(-1), commune.Code, before, KindOf(before), "commune", district, null);
        yield return Period(TwoLevels, commune.RenamedTo is null ? null : City.AddDays(-1), commune.Code, commune.Name, KindOf(commune.Name), "commune", provinceId, CommunesBasis);
        if (commune.RenamedTo is { } after)
            yield return Period(City, null, commune.Code, after, KindOf(after), "commune", provinceId, WardsBasis);
    }

    /// <summary>
    /// A period with the names that head its documents: the steering committee in TT124's wording
    /// (Điều 9 k1 a, "… xã, phường, thị trấn" followed by the unit's name, as communes and provinces write it
    /// since 2025 [Q]), the People's Committee, and the place name of the date line. All of it is data.
    /// </summary>
    private static UnitPeriod Period(DateOnly from, DateOnly? to, string code, string name, string kind, string level, int? parentId, string? basis, string? committee = null)
    {
        var running = InRunningText(name);
        return new UnitPeriod
        {
            ValidFrom = from, ValidTo = to, Code = code, Name = name, KindId = kind, LevelId = level, ParentId = parentId,
            NameKey = VietnameseText.Fold(name),
            CommitteeName = committee ?? $"Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc {running}",
            AuthorityName = $"Ủy ban nhân dân {running}",
            PlaceName = ShortName(name),
            Basis = basis,
        };
    }

    public static string KindOf(string name) =>
        name.StartsWith("Phường ", StringComparison.Ordinal) ? "phuong"
        : name.StartsWith("Thị trấn ", StringComparison.Ordinal) ? "thi-tran"
        : name.StartsWith("Đặc khu ", StringComparison.Ordinal) ? "dac-khu"
        : "xa";

    private static readonly string[] Prefixes = ["Thành phố ", "Tỉnh ", "Huyện ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu "];

    /// <summary>"Huyện Trảng Bom" → "huyện Trảng Bom", as the name reads inside a longer one.</summary>
    public static string InRunningText(string name)
    {
        foreach (var prefix in Prefixes)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return prefix.ToLowerInvariant() + name[prefix.Length..];
        return name;
    }

    /// <summary>"Phường Trấn Biên" → "Trấn Biên" (place names and school names carry no kind).</summary>
    public static string ShortName(string name)
    {
        foreach (var prefix in Prefixes)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return name[prefix.Length..];
        return name;
    }
}
