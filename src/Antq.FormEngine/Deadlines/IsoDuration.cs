namespace Antq.FormEngine.Deadlines;

/// <summary>
/// A strict reader for the ISO 8601 durations deadlines use: <c>PnW</c>, or <c>PnD</c> with an optional
/// time part <c>TnH</c> / <c>TnM</c> (<c>P1DT12H</c>, <c>PT36H</c>, <c>PT90M</c>). Years and months are
/// refused because their length varies, so "P1M before 15/10" would not be one fixed moment.
/// </summary>
internal static class IsoDuration
{
    private const int MaxDigits = 6;

    public static TimeSpan Shortest { get; } = TimeSpan.FromDays(1);

    // A deadline recurs every year; a reminder or an escalation further off than that means nothing.
    public static TimeSpan Longest { get; } = TimeSpan.FromDays(366);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> is a Vietnamese message.</summary>
    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = default;
        error = $"“{text}” không phải là khoảng thời gian ISO 8601 được hỗ trợ (ví dụ: P14D, P2W, PT36H, P1DT12H, PT90M).";
        if (!TryReadParts(text, out var parts))
        {
            return false;
        }
        if (parts.Any(p => !p.InTime && p.Unit is 'Y' or 'M'))
        {
            error = $"“{text}” dùng năm hoặc tháng, mà độ dài của chúng thay đổi; hãy dùng ngày hoặc tuần (ví dụ: P30D, P4W).";
            return false;
        }
        if (!InOrder(parts))
        {
            return false;
        }

        value = parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Unit switch
        {
            'W' => TimeSpan.FromDays(7 * p.Value),
            'D' => TimeSpan.FromDays(p.Value),
            'H' => TimeSpan.FromHours(p.Value),
            _ => TimeSpan.FromMinutes(p.Value),
        });
        if (value < Shortest)
        {
            error = $"“{text}” quá ngắn: khoảng thời gian phải ít nhất 1 ngày.";
            return false;
        }
        if (value > Longest)
        {
            error = $"“{text}” quá dài: khoảng thời gian không được quá {Longest.Days} ngày.";
            return false;
        }
        return true;
    }

    private readonly record struct Part(char Unit, bool InTime, long Value);

    /// <summary>Splits "P1DT12H" into (D, 1), (H, 12, time); false on anything that is not digits + a letter.</summary>
    private static bool TryReadParts(string text, out List<Part> parts)
    {
        parts = [];
        if (text.Length < 3 || text[0] != 'P')
        {
            return false;
        }
        var inTime = false;
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime || i == text.Length - 1)
                {
                    return false;
                }
                inTime = true;
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start || i - start > MaxDigits || i == text.Length || !char.IsAsciiLetterUpper(text[i]))
            {
                return false;
            }
            parts.Add(new(text[i], inTime, long.Parse(text.AsSpan(start, i - start), System.Globalization.CultureInfo.InvariantCulture)));
            i++;
        }
        return parts.Count > 0;
    }

    /// <summary>Units appear at most once and in order (W, D, then H, M after T); a week stands alone.</summary>
    private static bool InOrder(List<Part> parts)
    {
        var previous = -1;
        foreach (var part in parts)
        {
            var rank = (part.Unit, part.InTime) switch
            {
                ('W', false) => 0,
                ('D', false) => 1,
                ('H', true) => 2,
                ('M', true) => 3,
                _ => -1,
            };
            if (rank <= previous || (part.Unit == 'W' && parts.Count > 1))
            {
                return false;
            }
            previous = rank;
        }
        return true;
    }
}
