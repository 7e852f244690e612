using System.Globalization;
using System.Text;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// Estimated width of a line of Times New Roman text (the published advance widths of Times
/// Roman and Times Bold, in thousandths of an em; a Vietnamese letter counts as its base letter).
/// Used only to draw the rule under the tiêu ngữ as long as its text, as Decree 30 asks; nothing
/// else depends on it.
/// </summary>
internal static class TextWidth
{
    // Printable ASCII 32..126.
    private static readonly short[] Regular =
    [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
        921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
        556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
        333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
        500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    ];

    private static readonly short[] Bold =
    [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
        500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
        930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
        611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
        333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
        556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    ];

    /// <summary>Width in twips (1/20 pt) of <paramref name="text"/> at <paramref name="halfPoints"/>.</summary>
    public static int Twips(string text, int halfPoints, bool bold)
    {
        var table = bold ? Bold : Regular;
        long thousandths = 0;
        foreach (var ch in text)
        {
            thousandths += Advance(ch, table);
        }
        // thousandths of an em × size in points × 20 twips per point
        return (int)(thousandths * halfPoints * 10 / 1000);
    }

    // For U+00A0..U+1EFF (Latin-1, Latin Extended, Vietnamese): the base letter, with HornBit when
    // the letter has a horn (ơ, ư and their toned forms are a little wider). Computed once.
    private const char FoldedFirst = '\u00a0';
    private const char FoldedLast = '\u1eff';
    private const int HornBit = 0x10000;
    private static readonly int[] Folded = BuildFolded();

    private static int[] BuildFolded()
    {
        var folded = new int[FoldedLast - FoldedFirst + 1];
        for (var ch = FoldedFirst; ch <= FoldedLast; ch++)
        {
            var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
            var baseLetter = ch switch
            {
                '\u00a0' => ' ',
                'đ' => 'd',
                'Đ' => 'D',
                _ => decomposed[0],
            };
            folded[ch - FoldedFirst] = baseLetter | (decomposed.Contains('\u031b') ? HornBit : 0);
        }
        return folded;
    }

    /// <summary>Width of one character in thousandths of an em.</summary>
    public static int Advance(char ch, bool bold) => Advance(ch, bold ? Bold : Regular);

    /// <summary>Thousandths of an em to twips at <paramref name="halfPoints"/>.</summary>
    public static int ToTwips(long thousandths, int halfPoints) => (int)(thousandths * halfPoints * 10 / 1000);

    private static int Advance(char ch, short[] table)
    {
        if (ch is >= ' ' and <= '~')
        {
            return table[ch - ' '];
        }
        if (ch is >= FoldedFirst and <= FoldedLast)
        {
            var folded = Folded[ch - FoldedFirst];
            var baseLetter = (char)(folded & 0xffff);
            var horn = (folded & HornBit) != 0 ? 60 : 0;
            return (baseLetter is >= ' ' and <= '~' ? table[baseLetter - ' '] : 500) + horn;
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(ch);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format ? 0 : 500;
    }
}
