namespace Antq.Admin.Data.Entities;

/// <summary>
/// A file of a registration dossier (TT124 Điều 9 khoản 2 điểm a): the party committee's resolution or the unit's
/// security plan, one of each kind per registration. The bytes live in the evidence store (<c>uploads/…</c>, same
/// checks and folder as the dossiers' evidence); this row ties them to the registration, which authorises reading them.
/// </summary>
public sealed class RegistrationFile
{
    public Guid Id { get; set; }
    public Guid RegistrationId { get; set; }

    /// <summary>A <see cref="Features.Registration.RegistrationFileKind"/> id.</summary>
    public required string Kind { get; set; }

    /// <summary>The evidence store's reference (<c>uploads/&lt;guid&gt;/&lt;safe name&gt;</c>).</summary>
    public required string Reference { get; set; }

    /// <summary>The name the file had on the unit's computer, offered again on download.</summary>
    public required string Name { get; set; }

    public long Size { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
