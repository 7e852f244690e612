using System.Text.Json;

namespace Antq.FormEngine.Forms;

/// <summary>
/// What an <c>integer</c> field accepts: a JSON number whose text denotes exactly an integer no larger
/// in magnitude than 2^53 − 1 (<c>5</c>, <c>5.0</c>, <c>1e2</c>). Texts that only round to an integer
/// as a double — <c>1E-400</c> (underflows to 0), <c>1E400</c>, <c>9007199254740993</c> — are not
/// integers: a count read from them would not be the number the user sent. Decided on the raw text,
/// so the compiled validator and JsonSchema.Net's path give the same verdict.
/// </summary>
public static class ExactIntegers
{
    public const long MaxSafe = 9_007_199_254_740_991; // 2^53 − 1

    /// <summary>The integer the number denotes, when it is an exact safe integer.</summary>
    public static bool TryGet(JsonElement element, out long value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number) return false;
        if (element.TryGetInt64(out value)) return value is >= -MaxSafe and <= MaxSafe;
        return TryParse(element.GetRawText(), out value);
    }

    /// <summary>Parses a JSON number text (sign, digits, optional fraction, optional exponent) exactly.</summary>
    internal static bool TryParse(string text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = i < text.Length && text[i] == '-';
        if (negative) i++;
        var digits = new System.Text.StringBuilder();
        var fractionDigits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++) digits.Append(text[i]);
        if (i < text.Length && text[i] == '.')
            for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++) { digits.Append(text[i]); fractionDigits++; }
        long exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            var expNegative = i < text.Length && text[i] == '-';
            if (i < text.Length && text[i] is '+' or '-') i++;
            var start = i;
            for (; i < text.Length && char.IsAsciiDigit(text[i]); i++)
                if (exponent < 1_000_000) exponent = exponent * 10 + (text[i] - '0');
            if (i == start) return false;
            if (expNegative) exponent = -exponent;
        }
        if (i != text.Length || digits.Length == 0) return false;
        // value = digits × 10^(exponent − fractionDigits): strip leading zeros, then trailing zeros into the scale.
        var significant = digits.ToString().TrimStart('0');
        var scale = exponent - fractionDigits;
        if (significant.Length == 0) return true; // zero, whatever the exponent
        var trimmed = significant.TrimEnd('0');
        scale += significant.Length - trimmed.Length;
        if (scale < 0) return false; // a fraction remains
        if (trimmed.Length + scale > 16) return false; // beyond 2^53 in any case
        var magnitude = long.Parse(trimmed, System.Globalization.CultureInfo.InvariantCulture);
        for (var k = 0; k < scale; k++) magnitude *= 10;
        if (magnitude > MaxSafe) return false;
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
