using System.Globalization;

namespace Antq.Admin.Features.Packs.Impact;

/// <summary>
/// <c>ANTQ_IMPACT_INLINE_MAX</c> (default 500): the most dossiers in scope an impact preview evaluates within the
/// request; above it <c>GET …/impact</c> answers 202 with a background run (issue 19: p95 500 ms).
/// </summary>
public sealed record ImpactSettings(int InlineMax)
{
    public const int DefaultInlineMax = 500;

    public static ImpactSettings From(IConfiguration configuration)
    {
        var text = configuration["ANTQ_IMPACT_INLINE_MAX"];
        if (string.IsNullOrWhiteSpace(text)) return new ImpactSettings(DefaultInlineMax);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            ? new ImpactSettings(max)
            : throw new InvalidOperationException($"ANTQ_IMPACT_INLINE_MAX must be a whole number of dossiers (0 or more), not '{text}'.");
    }
}
