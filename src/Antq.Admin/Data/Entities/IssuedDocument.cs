namespace Antq.Admin.Data.Entities;

/// <summary>
/// One issued version of a document, stored immutably (never updated or deleted): the registry
/// number, the verification code, what it was rendered from and the rendered bytes. A re-issue is a
/// new row with the next <see cref="Version"/>; the newest version of a (submission, document) is the
/// current one, every older one is superseded. A document of one dossier carries its
/// <see cref="SubmissionId"/>; one that concerns several dossiers (a recognition decision) or none has
/// no submission and names the dossiers it concerns in <see cref="IssuedDocumentSubject"/> rows.
/// </summary>
public sealed class IssuedDocument
{
    public long Id { get; set; }

    /// <summary>The one dossier the document belongs to; null for a decision covering several dossiers (or none).</summary>
    public Guid? SubmissionId { get; set; }

    /// <summary>The document id of the pack's manifest (<c>to-trinh</c>), or of an outcome document
    /// (<c>giay-cong-nhan</c>; a decision's id carries its own suffix, <c>quyet-dinh-cong-nhan-…</c>, since it has no dossier).</summary>
    public required string DocumentId { get; set; }
    public required string Title { get; set; }
    public int Version { get; set; }

    /// <summary>Kind abbreviation of the registry (<c>TTr</c>, <c>BC</c>, <c>BB</c>, <c>VB</c>).</summary>
    public required string Kind { get; set; }

    /// <summary>The unit in whose registry the number was taken.</summary>
    public int IssuerUnitId { get; set; }

    /// <summary>Registry year: the calendar year of <see cref="IssueDate"/>.</summary>
    public int RegistryYear { get; set; }

    /// <summary>The registry sequence; null while the document awaits the clerk's number, or when the clerk's number has none.</summary>
    public int? Sequence { get; set; }

    /// <summary><c>15/TTr-UBND</c>; empty while the document awaits the number its organisation's clerk enters ("chờ cấp số").</summary>
    public required string Number { get; set; }
    public DateOnly IssueDate { get; set; }
    public required string Place { get; set; }
    public required string VerificationCode { get; set; }

    public required string PackId { get; set; }
    public required string PackVersion { get; set; }
    public required string PackHash { get; set; }
    public required string TemplateKey { get; set; }
    public int TemplateVersion { get; set; }
    public required string TemplateHash { get; set; }

    public required byte[] Html { get; set; }
    public required byte[] Docx { get; set; }

    /// <summary>SHA-256 of <see cref="Html"/> (hex), the content hash the verify page shows.</summary>
    public required string HtmlSha256 { get; set; }
    public required string DocxSha256 { get; set; }

    /// <summary>The meeting a minutes document was issued from.</summary>
    public long? MeetingId { get; set; }

    public required string IssuedById { get; set; }
    public required string IssuedByName { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Why this version was made (<c>submitted</c>, <c>meeting</c>, <c>reissue</c>) and the note given.</summary>
    public required string Reason { get; set; }
    public string? Note { get; set; }

    /// <summary>Who signs (title and name as printed) and where it is sent (nơi nhận), for the outgoing register.</summary>
    public string? Signer { get; set; }
    public string? Recipients { get; set; }

    /// <summary>What an outcome document was rendered from besides the dossiers (JSON: signer, recipients, reason …),
    /// so the clerk's number can be put into a new version; null for a dossier document (rendered from its submission).</summary>
    public string? InputJson { get; set; }

    public bool AwaitingNumber => Number.Length == 0;
}

/// <summary>A dossier an issued document concerns (a decision names every dossier it recognises); append-only.</summary>
public sealed class IssuedDocumentSubject
{
    public long IssuedDocumentId { get; set; }
    public Guid SubmissionId { get; set; }
}

/// <summary>How an organisation numbers its documents (Decree 30, Điều 15); no row = <see cref="NumberingModes.Yearly"/>.</summary>
public sealed class NumberingSetting
{
    public int UnitId { get; set; }
    public required string Mode { get; set; }
    public required string UpdatedById { get; set; }
    public required string UpdatedByName { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class NumberingModes
{
    /// <summary>One sequence a year across every kind of document the organisation issues (the default).</summary>
    public const string Yearly = "yearly";

    /// <summary>A series per kind of document (Tờ trình, Báo cáo, Quyết định … each from 01).</summary>
    public const string PerKind = "per-kind";

    /// <summary>The organisation's clerk (văn thư) enters the number its own register gives; documents await it.</summary>
    public const string Clerk = "clerk";

    public static readonly string[] All = [Yearly, PerKind, Clerk];
}

/// <summary>
/// The last registry number taken per (issuing unit, year, kind); kind is empty for the yearly sequence across kinds. Numbers are taken by an atomic
/// <c>UPDATE … RETURNING</c> inside the issuing transaction (see ADR 5).
/// </summary>
public sealed class DocumentCounter
{
    public int IssuerUnitId { get; set; }
    public int Year { get; set; }
    public required string Kind { get; set; }
    public int LastSequence { get; set; }
}

/// <summary>One version of a document template (append-only; the highest version of a key is current).</summary>
public sealed class TemplateVersionRecord
{
    public long Id { get; set; }

    /// <summary><c>to-trinh</c> for a shared template; <c>packId@version:to-trinh</c> for one a pack version ships.</summary>
    public required string Key { get; set; }
    public int Version { get; set; }
    public required string Source { get; set; }
    public required string Sha256 { get; set; }
    public string? Note { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A review meeting (họp xét) recorded by the reviewing level; append-only, a correction is a new record.</summary>
public sealed class MeetingRecord
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }

    /// <summary>The reviewing unit that held the meeting.</summary>
    public int UnitId { get; set; }
    public DateTimeOffset StartAt { get; set; }
    public DateTimeOffset? EndAt { get; set; }
    public required string Place { get; set; }
    public required string ChairName { get; set; }
    public required string ChairTitle { get; set; }
    public required string SecretaryName { get; set; }
    public required string SecretaryTitle { get; set; }

    /// <summary>JSON array of <c>{ name, title }</c>.</summary>
    public required string AttendeesJson { get; set; }
    public int VotesAgree { get; set; }
    public int VotesDisagree { get; set; }
    public int VotesAbstain { get; set; }
    public required string Conclusion { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// The reviewing level's appraisal (thẩm định) of a dossier waiting at it (TT124 Điều 9 khoản 1 điểm a–c, "để thẩm định": the level that
/// proposes recognition checks the unit's dossier): who appraised, an opinion per criterion, the conclusion.
/// Kept apart from the unit's own assessment meeting; append-only, a correction is a new record.
/// </summary>
public sealed class AppraisalRecord
{
    public long Id { get; set; }
    public Guid SubmissionId { get; set; }

    /// <summary>The reviewing unit that appraised.</summary>
    public int UnitId { get; set; }
    public required string AppraiserName { get; set; }
    public required string AppraiserTitle { get; set; }

    /// <summary>JSON array of <c>{ criterionId, agrees, opinion }</c>, one per top-level criterion of the dossier's verdict.</summary>
    public required string OpinionsJson { get; set; }

    /// <summary>Whether the appraisal proposes recognition (đủ điều kiện đề nghị công nhận).</summary>
    public bool Proposes { get; set; }
    public required string Conclusion { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
