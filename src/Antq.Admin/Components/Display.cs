using System.Globalization;
using Antq.FormEngine.Deadlines;

namespace Antq.Admin.Components;

/// <summary>How the UI writes times, dates and numbers: vi-VN, in Vietnam's time zone whatever the server's.</summary>
public static class Display
{
    public static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static DateTimeOffset InVietnam(DateTimeOffset at) => VietnamTime.At(at);

    /// <summary>05/10/2025 14:30</summary>
    public static string DateTime(DateTimeOffset at) => InVietnam(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>05/10/2025</summary>
    public static string Date(DateTimeOffset at) => InVietnam(at).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A date as officials type it, 05/10/2025 or 5/10/2025 (from 1900 on); null otherwise.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900
            ? date : null;

    /// <summary>14:30:05</summary>
    public static string Time(DateTimeOffset at) => InVietnam(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>1.234,5</summary>
    public static string Number(double value) => value.ToString("#,##0.##", Vi);

    /// <summary>A file's size as people read it: "850 byte", "12,3 KB", "4,5 MB".</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} byte",
        < 1024 * 1024 => $"{Number(Math.Round(bytes / 1024d, 1))} KB",
        _ => $"{Number(Math.Round(bytes / 1024d / 1024d, 1))} MB",
    };

    /// <summary>The year it is now in Vietnam.</summary>
    public static int CurrentYear(TimeProvider time) => VietnamTime.YearOf(time.GetUtcNow());
}
