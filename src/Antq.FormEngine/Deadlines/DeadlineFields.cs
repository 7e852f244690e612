namespace Antq.FormEngine.Deadlines;

/// <summary>The value rules of deadlines.json fields; each returns null or a Vietnamese message.</summary>
internal static class DeadlineFields
{
    public static readonly string[] Stages = ["registered", "submitted", "recognised", "reported"];

    private const string ReviewedPrefix = "reviewed:";

    public static string? CheckId(string id) =>
        id.Length > 0 && IsLowerOrDigit(id[0]) && id.All(c => IsLowerOrDigit(c) || c == '-')
            ? null
            : $"Mã “{id}” không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu “-”, bắt đầu bằng chữ hoặc số.";

    public static string? CheckStage(string stage)
    {
        if (Stages.Contains(stage))
        {
            return null;
        }
        if (stage.StartsWith(ReviewedPrefix, StringComparison.Ordinal))
        {
            var level = stage[ReviewedPrefix.Length..];
            return level.Length > 0 && level.All(c => IsLowerOrDigit(c) || c == '-')
                ? null
                : $"Giai đoạn “{stage}” không hợp lệ: sau “reviewed:” phải là tên cấp (chữ thường không dấu, chữ số, “-”), ví dụ “reviewed:district”.";
        }
        return $"Giai đoạn “{stage}” không hợp lệ: chỉ chấp nhận registered, submitted, recognised, reported hoặc reviewed:<cấp>.";
    }

    /// <summary>Reads <c>MM-DD</c>; the day must exist in every year, so 02-29 is refused.</summary>
    public static string? ParseMonthDay(string text, out int month, out int day)
    {
        month = 0;
        day = 0;
        if (text.Length != 5 || text[2] != '-' || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1])
            || !char.IsAsciiDigit(text[3]) || !char.IsAsciiDigit(text[4]))
        {
            return $"Ngày “{text}” phải có dạng MM-DD (tháng-ngày), ví dụ “10-15” là ngày 15 tháng 10.";
        }
        month = (text[0] - '0') * 10 + (text[1] - '0');
        day = (text[3] - '0') * 10 + (text[4] - '0');
        if (month is < 1 or > 12)
        {
            return $"Ngày “{text}” không hợp lệ: tháng phải từ 01 đến 12.";
        }
        if (month == 2 && day == 29)
        {
            return "Ngày 29/02 không có ở mọi năm (chỉ năm nhuận mới có), nên không dùng được cho hạn hằng năm; hãy chọn 28/02 hoặc 01/03.";
        }
        // Any non-leap year gives the days every year has.
        return day >= 1 && day <= DateTime.DaysInMonth(2001, month)
            ? null
            : $"Ngày “{text}” không hợp lệ: tháng {month:00} không có ngày {day:00}.";
    }

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
