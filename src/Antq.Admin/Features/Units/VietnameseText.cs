using System.Globalization;
using System.Text;

namespace Antq.Admin.Features.Units;

/// <summary>Search folding for Vietnamese: "Biên Hòa", "bien hoa" and "BIÊN HOÀ" all match.</summary>
public static class VietnameseText
{
    /// <summary>Alphabetical order of Vietnamese names (Ă after A, Đ after D…).</summary>
    public static readonly StringComparer Order = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            // Đ/đ is a letter of its own, not D with a mark, so decomposition leaves it alone.
            folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }
        return folded.ToString();
    }
}
