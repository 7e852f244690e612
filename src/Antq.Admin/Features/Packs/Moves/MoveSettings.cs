using System.Globalization;

namespace Antq.Admin.Features.Packs.Moves;

/// <summary>
/// <c>ANTQ_MOVE_BATCH</c> (default 200): how many dossiers an activation's move saves per transaction. Each batch holds
/// no lock beyond its own rows' update, so a unit saving meanwhile waits at most for one batch's commit.
/// </summary>
public sealed record MoveSettings(int BatchSize)
{
    public const int DefaultBatchSize = 200;

    public static MoveSettings From(IConfiguration configuration)
    {
        var text = configuration["ANTQ_MOVE_BATCH"];
        if (string.IsNullOrWhiteSpace(text)) return new MoveSettings(DefaultBatchSize);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? new MoveSettings(size)
            : throw new InvalidOperationException($"ANTQ_MOVE_BATCH must be a whole number of dossiers (1 or more), not '{text}'.");
    }
}
