using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Packs.Impact;

/// <summary>
/// <c>ANTQ_IMPACT_INLINE_MAX</c> (default 500): the most dossiers in scope an impact preview evaluates within the
/// request; above it <c>GET …/impact</c> answers 202 with a background run (issue 19: p95 500 ms).
/// </summary>
public sealed record ImpactSettings(int InlineMax)
{
    public const int DefaultInlineMax = 500;

    public static ImpactSettings From(IConfiguration configuration) =>
        new(WholeNumberSetting.Read(configuration, "ANTQ_IMPACT_INLINE_MAX", DefaultInlineMax, min: 0, "dossiers"));
}
