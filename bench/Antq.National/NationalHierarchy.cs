using System.Globalization;
using Antq.Admin.Data.Entities;

namespace Antq.National;

/// <summary>
/// The two-level hierarchy of the whole country after the 2025 reform, at its real size and with synthetic names:
/// 34 provinces under the installation's root (made the national level), 3,321 communes (2,621 xã, 687 phường,
/// 13 đặc khu), about 30 residential areas (khu dân cư) per commune and 15 agencies, enterprises and schools per
/// commune (a quarter of the communes have a THPT school managed by the province). Every province and commune has
/// the one validity period the reform opened (from 01/07/2025), with its committee, authority and place names, as
/// UnitPeriods records them; areas and organisations have no history (their present row is read).
/// </summary>
public sealed class NationalHierarchy
{
    public const string CodePrefix = "VN-";
    public const int Provinces = 34;
    public const int Communes = 3_321;
    public static readonly DateOnly ReformDate = new(2025, 7, 1);

    // 2025: 2,621 xã, 687 phường, 13 đặc khu (Resolutions of the Standing Committee of the National Assembly).
    private const int Phuong = 687, DacKhu = 13;

    private static readonly string[] Syllables =
    [
        "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Nam", "Bắc", "Trung", "Thuận", "Lộc",
        "Phước", "Hưng", "Vĩnh", "Quang", "Minh", "Sơn", "Thủy", "Hải", "Lâm", "Hiệp", "Thịnh", "Khánh", "Định", "Xuân", "Hà",
    ];

    private static readonly string[] Agencies = ["Trạm Y tế", "Công an", "Bưu điện văn hóa", "Quỹ tín dụng nhân dân", "Trung tâm phục vụ hành chính công"];
    private static readonly string[] Sectors = ["Thương mại Dịch vụ", "Sản xuất", "Xây dựng", "Cơ khí", "Chế biến gỗ", "Dệt may", "Vận tải", "Nông sản"];
    private static readonly string[] Schools = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường Tiểu học và THCS"];

    public required Unit Root { get; init; }
    public List<Unit> Units { get; } = [];
    public List<UnitPeriod> Periods { get; } = [];
    public List<Unit> ProvinceUnits { get; } = [];
    public List<Unit> CommuneUnits { get; } = [];

    private readonly Dictionary<int, Unit> _byId = [];

    public Unit ById(int id) => _byId[id];

    /// <summary>Builds the units in memory with ids from <paramref name="firstId"/> on (COPY writes them as they are).</summary>
    public static NationalHierarchy Build(Unit root, int firstId, double scale)
    {
        var h = new NationalHierarchy { Root = root };
        var nextId = firstId;
        var areasPerCommune = Math.Max(1, (int)Math.Round(30 * scale));
        var organisationsPerCommune = Math.Max(1, (int)Math.Round(15 * scale));
        var commune = 0;
        for (var p = 1; p <= Provinces; p++)
        {
            var provinceName = PlaceName(p * 7);
            var province = h.Add(new Unit
            {
                Id = nextId++, Code = $"{CodePrefix}{p:00}", Name = $"Tỉnh {provinceName}", KindId = "tinh", LevelId = "province",
                ParentId = root.Id, Depth = root.Depth + 1,
            }, root);
            h.ProvinceUnits.Add(province);
            h.Periods.Add(Period(province, provinceName, $"tỉnh {provinceName}", $"Ủy ban nhân dân tỉnh {provinceName}"));
            var count = Communes / Provinces + (p <= Communes % Provinces ? 1 : 0);
            for (var c = 1; c <= count; c++, commune++)
            {
                // Đặc khu first (islands), then phường spread over the provinces, the rest xã.
                var (kind, label) = commune < DacKhu ? ("dac-khu", "Đặc khu") : commune % (Communes / Phuong) == 0 ? ("phuong", "Phường") : ("xa", "Xã");
                var name = PlaceName(commune * 13 + p);
                var unit = h.Add(new Unit
                {
                    Id = nextId++, Code = $"{CodePrefix}{p:00}-{c:000}", Name = $"{label} {name}", KindId = kind, LevelId = "commune",
                    ParentId = province.Id, Depth = province.Depth + 1,
                }, province);
                h.CommuneUnits.Add(unit);
                h.Periods.Add(Period(unit, name, $"{label.ToLower(CultureInfo.GetCultureInfo("vi-VN"))} {name}", $"Ủy ban nhân dân {label.ToLower(CultureInfo.GetCultureInfo("vi-VN"))} {name}"));
                for (var a = 1; a <= areasPerCommune; a++)
                    h.Add(new Unit
                    {
                        Id = nextId++, Code = $"{unit.Code}-KDC{a:00}", Name = kind == "phuong" ? $"Khu phố {a}" : $"Ấp {PlaceName(a * 3 + c)}",
                        KindId = "khu-dan-cu", LevelId = "unit", ParentId = unit.Id, Depth = unit.Depth + 1,
                    }, unit);
                for (var o = 1; o <= organisationsPerCommune; o++)
                {
                    var (orgKind, orgName) = (o % 15) switch
                    {
                        < 5 => ("co-quan", $"{Agencies[o % Agencies.Length]} {unit.Name.ToLower(CultureInfo.GetCultureInfo("vi-VN"))}"),
                        < 11 => ("doanh-nghiep", $"Công ty TNHH {Sectors[(o + c) % Sectors.Length]} {PlaceName(o * 5 + c)}"),
                        _ => ("co-so-giao-duc", $"{Schools[o % Schools.Length]} {name}"),
                    };
                    // One commune in four has a THPT school, managed by the province (TT124: not by the commune it sits in).
                    var thpt = orgKind == "co-so-giao-duc" && o == organisationsPerCommune && c % 4 == 0;
                    h.Add(new Unit
                    {
                        Id = nextId++, Code = $"{unit.Code}-TC{o:00}", Name = thpt ? $"Trường THPT {PlaceName(c + p)}" : orgName,
                        KindId = orgKind, LevelId = "unit", ParentId = unit.Id, Depth = unit.Depth + 1,
                        ManagingUnitId = thpt ? province.Id : null,
                    }, unit);
                }
            }
        }
        return h;
    }

    private Unit Add(Unit unit, Unit parent)
    {
        unit.Path = $"{parent.Path}{unit.Id}/";
        Units.Add(unit);
        _byId[unit.Id] = unit;
        return unit;
    }

    private static UnitPeriod Period(Unit unit, string place, string inText, string authority) => new()
    {
        UnitId = unit.Id, ValidFrom = ReformDate, Code = unit.Code, Name = unit.Name, KindId = unit.KindId, LevelId = unit.LevelId,
        ParentId = unit.ParentId, NameKey = Antq.Admin.Features.Units.VietnameseText.Fold(unit.Name),
        CommitteeName = $"Ban Chỉ đạo phòng chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc {inText}",
        AuthorityName = authority, PlaceName = place, Basis = "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính năm 2025",
    };

    /// <summary>A two-syllable place name from a number (synthetic, repeatable).</summary>
    public static string PlaceName(int n) =>
        $"{Syllables[Math.Abs(n) % Syllables.Length]} {Syllables[Math.Abs(n / Syllables.Length + 7 * n) % Syllables.Length]}";
}
