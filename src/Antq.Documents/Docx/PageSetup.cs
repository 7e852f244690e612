using System.Globalization;
using System.Text.RegularExpressions;

using Antq.FormEngine;
using Antq.FormEngine.Documents;

namespace Antq.Documents.Docx;

/// <summary>
/// The page of the Word document, in twips (1/20 pt; 1 mm ≈ 56.7). A4 portrait with the margins of
/// the template's <c>@page { margin: … }</c> (the CSS shorthand, 1–4 lengths in mm, cm, in, pt or
/// px); <c>size: A4 landscape</c> turns the page. Without an <c>@page</c> margin: Decree 30's
/// top 20, right 15, bottom 20, left 30 mm.
/// </summary>
internal sealed partial record PageSetup(int Width, int Height, int Top, int Right, int Bottom, int Left)
{
    public const int A4Short = 11906; // 210 mm
    public const int A4Long = 16838;  // 297 mm

    /// <summary>Header and footer sit 10 mm from the page edge, inside the 20 mm margins.</summary>
    public const int HeaderDistance = 567;

    public static PageSetup Decree30 { get; } = new(A4Short, A4Long, Mm(20), Mm(15), Mm(20), Mm(30));

    public int TextWidth => Width - Left - Right;

    public static int Mm(double mm) => (int)Math.Round(mm * 1440 / 25.4);

    public static PageSetup FromStyleSheet(string css)
    {
        if (css.Length == 0 || PageRule().Match(css) is not { Success: true } page)
        {
            return Decree30;
        }
        var setup = Decree30;
        var body = page.Groups["body"].Value;
        if (Declaration(body, "size") is { } size && size.Contains("landscape", StringComparison.OrdinalIgnoreCase))
        {
            setup = setup with { Width = A4Long, Height = A4Short };
        }
        if (Declaration(body, "margin") is { } margin && Lengths(margin) is { } m)
        {
            setup = setup with { Top = m[0], Right = m[1], Bottom = m[2], Left = m[3] };
        }
        // A margin that leaves less than 5 cm of text is a typo, not a layout: keep Decree 30's.
        return setup.TextWidth < Mm(50) || setup.Height - setup.Top - setup.Bottom < Mm(50)
            ? Decree30 with { Width = setup.Width, Height = setup.Height }
            : setup;
    }

    private static string? Declaration(string body, string name)
    {
        foreach (var part in body.Split(';'))
        {
            var colon = part.IndexOf(':');
            if (colon > 0 && part.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(colon + 1)..].Trim();
            }
        }
        return null;
    }

    private static int[]? Lengths(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 4)
        {
            return null;
        }
        var lengths = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (Length(parts[i]) is not { } twips)
            {
                return null;
            }
            lengths[i] = twips;
        }
        return lengths.Length switch
        {
            1 => [lengths[0], lengths[0], lengths[0], lengths[0]],
            2 => [lengths[0], lengths[1], lengths[0], lengths[1]],
            3 => [lengths[0], lengths[1], lengths[2], lengths[1]],
            _ => lengths,
        };
    }

    /// <summary>A CSS length in twips, or null if it is not one (percentages and <c>auto</c> are not).</summary>
    public static int? Length(string text)
    {
        var match = LengthPattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || n > 1000)
        {
            return null;
        }
        var twips = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "mm" => n * 1440 / 25.4,
            "cm" => n * 1440 / 2.54,
            "in" => n * 1440,
            "pt" => n * 20,
            "px" => n * 15,
            "" when n == 0 => 0,
            _ => double.NaN,
        };
        return double.IsNaN(twips) ? null : (int)Math.Round(twips);
    }

    [GeneratedRegex(@"@page\s*\{(?<body>[^{}@]*)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex PageRule();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>[a-zA-Z]*)$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex LengthPattern();
}
