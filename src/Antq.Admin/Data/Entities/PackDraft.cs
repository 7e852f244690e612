namespace Antq.Admin.Data.Entities;

/// <summary>
/// A pack being edited in the studio: a server-side workspace, never active, shared by the
/// administrators who may manage packs. <see cref="Revision"/> is the concurrency token: a save
/// names the revision it started from and is refused when someone saved since.
/// </summary>
public sealed class PackDraft
{
    public int Id { get; set; }

    /// <summary>The pack id of the manifest when the draft was started (the manifest may change it).</summary>
    public required string PackId { get; set; }

    /// <summary>The stored version the draft started from; null for a new pack.</summary>
    public string? BaseVersion { get; set; }

    /// <summary>The files, as one JSON object of name → text.</summary>
    public required string FilesJson { get; set; }

    public int Revision { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
