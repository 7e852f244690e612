using System.Globalization;
using Bogus;

namespace Antq.Admin.Features.Demo;

/// <summary>Who manages a demo organisation: the commune it sits in, the province, or a Ministry unit (outside the province).</summary>
internal enum DemoManager { Commune, Province, Ministry }

/// <summary>A generated agency, enterprise or school of a commune.</summary>
internal sealed record DemoOrganisation(string Code, string Name, string Kind, DemoManager ManagedBy);

/// <summary>
/// Agencies, enterprises and schools of a commune, generated with Bogus in Vietnamese from a fixed seed,
/// so every start produces the same names and codes. Bogus' own company names are English-shaped
/// ("Mai LLC") and its full names put the family name last, so names are composed here from its
/// Vietnamese family and given names and from lists of real naming patterns. Since 7/2025 the commune
/// manages its offices, kindergartens and lower-secondary schools; THPT schools stay with the province.
/// </summary>
internal static class DemoOrganisations
{
    private static readonly string[] Agencies =
    [
        "Văn phòng HĐND và UBND {0}", "Phòng Văn hóa – Xã hội {0}", "Trung tâm Phục vụ hành chính công {0}", "Trạm Y tế {0}",
    ];

    private static readonly string[] CompanyForms = ["Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần"];

    private static readonly string[] Sectors =
    [
        "Thương mại Dịch vụ", "Sản xuất", "Xây dựng", "Cơ khí", "Chế biến gỗ", "Dệt may", "Vận tải", "Nông sản",
        "Bao bì", "Điện tử", "Thực phẩm", "Vật liệu xây dựng", "Logistics", "Da giày",
    ];

    private static readonly string[] SchoolNamesakes =
    [
        "Nguyễn Trãi", "Lê Quý Đôn", "Trần Hưng Đạo", "Nguyễn Du", "Lương Thế Vinh", "Chu Văn An", "Ngô Quyền",
        "Nguyễn Bỉnh Khiêm", "Võ Thị Sáu", "Lê Lợi", "Trần Phú", "Nguyễn Khuyến", "Phan Bội Châu", "Huỳnh Thúc Kháng",
        "Lý Tự Trọng", "Nguyễn Huệ", "Hùng Vương", "Tô Hiến Thành", "Trần Quốc Toản", "Nguyễn Đình Chiểu",
    ];

    /// <summary>Codes of the organisations the accounts and dossiers point at (first of their kind in a commune).</summary>
    public static string Agency(string commune) => $"{commune}-CQ01";
    public static string Enterprise(string commune) => $"{commune}-DN01";
    public static string SecondEnterprise(string commune) => $"{commune}-DN02";
    public static string LowerSecondary(string commune) => $"{commune}-GD01";
    public static string Kindergarten(string commune) => $"{commune}-GD02";
    public static string UpperSecondary(string commune) => $"{commune}-GD03";
    public static string MinistryFollowed(string commune) => $"{commune}-CQ02";

    public static List<DemoOrganisation> For(DemoCommune commune, int seed)
    {
        var faker = new Faker("vi") { Random = new Randomizer(seed) };
        var place = DongNai.InRunningText(commune.Name);
        var shortName = DongNai.ShortName(commune.Name);
        string School() => faker.PickRandom(SchoolNamesakes);
        string Company() => faker.Random.Bool(0.2f)
            ? $"Doanh nghiệp tư nhân {faker.Name.LastName()} {faker.Name.FirstName()}"
            : $"{faker.PickRandom(CompanyForms)} {faker.PickRandom(Sectors)} {faker.Name.FirstName()}";

        var units = new List<DemoOrganisation>
        {
            new(Agency(commune.Code), string.Format(CultureInfo.InvariantCulture, faker.PickRandom(Agencies), place), "co-quan", DemoManager.Commune),
            new(Enterprise(commune.Code), Company(), "doanh-nghiep", DemoManager.Commune),
            new(SecondEnterprise(commune.Code), Company(), "doanh-nghiep", DemoManager.Commune),
            new(LowerSecondary(commune.Code), $"Trường THCS {School()}", "co-so-giao-duc", DemoManager.Commune),
            new(Kindergarten(commune.Code), $"Trường Mầm non {shortName}", "co-so-giao-duc", DemoManager.Commune),
        };
        if (DongNai.KindOf(commune.Name) == "phuong")
            units.Add(new(UpperSecondary(commune.Code), $"Trường THPT {School()}", "co-so-giao-duc", DemoManager.Province));
        if (commune.Code == DongNai.TranBien)
            units.Add(new(MinistryFollowed(commune.Code), $"Cơ quan trung ương đóng trên địa bàn {place} (dữ liệu mẫu)", "co-quan", DemoManager.Ministry));
        // Generated names may repeat across kinds (two THCS/THPT namesakes): keep them distinct within the commune.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return units.Select(u => seen.Add(u.Name) ? u : u with { Name = $"{u.Name} ({shortName})" }).ToList();
    }
}
