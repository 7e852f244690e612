namespace Antq.Admin.Features.Registration;

/// <summary>
/// The yearly classification of the movement (QĐ 510/QĐ-BCA-V05): what a unit states of its last year on its
/// registration. Only units classed Khá or better may register to build a model unit (KH 91/KH-UBND of Đồng Nai).
/// </summary>
public static class MovementClass
{
    public const string Excellent = "xuat-sac";
    public const string Good = "tot";
    public const string Fair = "kha";
    public const string Average = "trung-binh";
    public const string Weak = "yeu";

    /// <summary>The classes, best first, with their Vietnamese names.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> All =
    [
        (Excellent, "Xuất sắc"), (Good, "Tốt"), (Fair, "Khá"), (Average, "Trung bình"), (Weak, "Yếu"),
    ];

    public static bool IsKnown(string? id) => All.Any(c => c.Id == id);

    public static string Name(string? id) => All.FirstOrDefault(c => c.Id == id).Name ?? "";

    /// <summary>Khá or better.</summary>
    public static bool FairOrBetter(string? id) => id is Excellent or Good or Fair;
}
