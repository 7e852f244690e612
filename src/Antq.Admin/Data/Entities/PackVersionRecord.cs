namespace Antq.Admin.Data.Entities;

/// <summary>An accepted pack version, stored immutably: the uploaded bytes and their SHA-256.</summary>
public sealed class PackVersionRecord
{
    public int Id { get; set; }
    public required string PackId { get; set; }
    public required string Version { get; set; }
    public required string Title { get; set; }
    public required byte[] Archive { get; set; }

    /// <summary>SHA-256 of <see cref="Archive"/> (what was uploaded).</summary>
    public required string Sha256 { get; set; }

    /// <summary>The engine's order-independent hash of the pack's files (stored with each evaluation).</summary>
    public required string ContentHash { get; set; }

    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>The active version of a pack: one row per pack id, swapped in one update.</summary>
public sealed class ActivePackRecord
{
    public required string PackId { get; set; }
    public int VersionId { get; set; }
    public DateTimeOffset ActivatedAt { get; set; }
    public required string ActivatedBy { get; set; }
    public PackVersionRecord? Version { get; set; }
}
