namespace Antq.FormEngine.Packs;

/// <summary>Upload limits of pack-format.md ("Upload safety").</summary>
public sealed record PackLimits
{
    public long MaxPackedBytes { get; init; } = 10L * 1024 * 1024;
    public long MaxUnpackedBytes { get; init; } = 50L * 1024 * 1024;
    public int MaxEntries { get; init; } = 500;
    public int MaxJsonDepth { get; init; } = 64;

    public static PackLimits Default { get; } = new();
}
