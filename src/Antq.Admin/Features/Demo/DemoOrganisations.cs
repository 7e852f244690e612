using System.Globalization;
using Bogus;

namespace Antq.Admin.Features.Demo;

/// <summary>
/// Agencies, enterprises and schools for a district, generated with Bogus in Vietnamese from a
/// fixed seed, so every start produces the same names and codes. Bogus' own company names are
/// English-shaped ("Mai LLC") and its full names put the family name last, so names are composed
/// here from its Vietnamese family and given names and from lists of real naming patterns.
/// </summary>
internal static class DemoOrganisations
{
    private static readonly string[] Agencies =
    [
        "Phòng Tư pháp {0}", "Phòng Giáo dục và Đào tạo {0}", "Phòng Tài chính – Kế hoạch {0}", "Phòng Văn hóa và Thông tin {0}",
        "Phòng Lao động – Thương binh và Xã hội {0}", "Phòng Tài nguyên và Môi trường {0}", "Trung tâm Y tế {0}",
        "Chi cục Thuế {0}", "Kho bạc Nhà nước {0}", "Bảo hiểm xã hội {0}", "Văn phòng HĐND và UBND {0}",
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

    public const int AgencyCount = 2;
    public const int EnterpriseCount = 3;

    public static List<(string Code, string Name, string Kind)> For(DemoDistrict district, IReadOnlyList<string> communeNames, int seed)
    {
        var faker = new Faker("vi") { Random = new Randomizer(seed) };
        var place = DongNai.InRunningText(district.Name);
        var names = new HashSet<string>(StringComparer.Ordinal);
        string Distinct(Func<string> make)
        {
            for (var attempt = 0; ; attempt++)
            {
                var name = make();
                if (names.Add(name) || attempt > 20) return name;
            }
        }

        var units = new List<(string, string, string)>();
        for (var i = 1; i <= AgencyCount; i++)
            units.Add(($"{district.Code}-CQ{i:00}", Distinct(() => string.Format(CultureInfo.InvariantCulture, faker.PickRandom(Agencies), place)), "co-quan"));
        for (var i = 1; i <= EnterpriseCount; i++)
            units.Add(($"{district.Code}-DN{i:00}", Distinct(() => faker.Random.Bool(0.2f)
                ? $"Doanh nghiệp tư nhân {faker.Name.LastName()} {faker.Name.FirstName()}"
                : $"{faker.PickRandom(CompanyForms)} {faker.PickRandom(Sectors)} {faker.Name.FirstName()}"), "doanh-nghiep"));
        units.Add(($"{district.Code}-GD01", Distinct(() => $"Trường THPT {faker.PickRandom(SchoolNamesakes)}"), "co-so-giao-duc"));
        units.Add(($"{district.Code}-GD02", Distinct(() => $"Trường THCS {faker.PickRandom(SchoolNamesakes)}"), "co-so-giao-duc"));
        units.Add(($"{district.Code}-GD03", Distinct(() => $"Trường Tiểu học {ShortName(faker.PickRandom(communeNames.AsEnumerable()))}"), "co-so-giao-duc"));
        return units;
    }

    /// <summary>"Phường Tân Phong" → "Tân Phong" (schools carry the place name without its kind).</summary>
    private static string ShortName(string communeName)
    {
        foreach (var prefix in (string[])["Phường ", "Xã ", "Thị trấn "])
            if (communeName.StartsWith(prefix, StringComparison.Ordinal)) return communeName[prefix.Length..];
        return communeName;
    }
}
