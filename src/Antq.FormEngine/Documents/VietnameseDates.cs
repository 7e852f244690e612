using System.Globalization;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Dates as Decree 30/2020/NĐ-CP writes them: a leading zero for days 1–9 and for months 1 and 2
/// only ("ngày 05 tháng 01", "ngày 15 tháng 3"), so "tháng 01" never reads as "tháng 1" when
/// someone later writes in a digit by hand.
/// </summary>
public static class VietnameseDates
{
    /// <summary>05/10/2025.</summary>
    public static string Short(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>ngày 05 tháng 10 năm 2025.</summary>
    public static string Long(DateOnly date) => $"ngày {date.Day:00} tháng {Month(date.Month)} năm {date.Year}";

    /// <summary>14 giờ 00 phút, ngày 03 tháng 10 năm 2025.</summary>
    public static string LongTime(DateTime time) => $"{Clock(time)}, {Long(DateOnly.FromDateTime(time))}";

    /// <summary>16 giờ 30 phút.</summary>
    public static string Clock(DateTime time) => $"{time.Hour:00} giờ {time.Minute:00} phút";

    private static string Month(int month) => month <= 2 ? month.ToString("00", CultureInfo.InvariantCulture) : month.ToString(CultureInfo.InvariantCulture);
}
