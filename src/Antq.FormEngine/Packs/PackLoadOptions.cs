namespace Antq.FormEngine.Packs;

public sealed record PackLoadOptions
{
    /// <summary>Folder of shared document templates (<c>{id}.scriban</c>) for documents the pack does not ship.</summary>
    public string? TemplateDirectory { get; init; }

    /// <summary>Shared templates given in memory (id → source); searched before <see cref="TemplateDirectory"/>.</summary>
    public IReadOnlyDictionary<string, string>? Templates { get; init; }

    /// <summary>Run the pack's own tests as part of verification (a failing test refuses the pack).</summary>
    public bool RunTests { get; init; } = true;

    public PackLimits Limits { get; init; } = PackLimits.Default;

    /// <summary>Reuse parts of earlier verifications with the same content (the studio's edit loop); none for uploads.</summary>
    public PackCheckCache? Cache { get; init; }

    public static PackLoadOptions Default { get; } = new();
}
