using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Packs.Moves;

/// <summary>
/// <c>ANTQ_MOVE_BATCH</c> (default 200): how many dossiers an activation's move saves per transaction. Each batch holds
/// no lock beyond its own rows' update, so a unit saving meanwhile waits at most for one batch's commit.
/// </summary>
public sealed record MoveSettings(int BatchSize)
{
    public const int DefaultBatchSize = 200;

    public static MoveSettings From(IConfiguration configuration) =>
        new(WholeNumberSetting.Read(configuration, "ANTQ_MOVE_BATCH", DefaultBatchSize, min: 1, "dossiers"));
}
