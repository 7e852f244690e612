namespace Antq.Admin.Features.Documents;

/// <summary>One issued version as listed (no bytes). <see cref="Current"/> is false once a newer version exists.</summary>
public sealed record IssuedDocumentView(
    long Id,
    string DocumentId,
    string Title,
    int Version,
    bool Current,
    string Number,
    DateOnly IssueDate,
    string Place,
    string VerificationCode,
    string VerifyUrl,
    int IssuerUnitId,
    string PackId,
    string PackVersion,
    string PackHash,
    string TemplateKey,
    int TemplateVersion,
    string HtmlSha256,
    string DocxSha256,
    string Reason,
    string? Note,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    IReadOnlyDictionary<string, string> Links)
{
    /// <summary>Registry kind (<c>TTr</c>, <c>QĐ</c>, <c>GCN</c> …).</summary>
    public string Kind { get; init; } = "";

    /// <summary>True while the organisation's clerk has still to enter the number ("chờ cấp số").</summary>
    public bool AwaitingNumber { get; init; }
}

/// <summary>A submission's documents: every issued version, newest first per document, and the recorded meetings;
/// what the caller may do (the services check again when it does).</summary>
public sealed record SubmissionDocumentsView(
    Guid SubmissionId,
    IReadOnlyList<IssuedDocumentView> Documents,
    IReadOnlyList<MeetingView> Meetings,
    bool CanRecordMeeting,
    IReadOnlyList<string> CanReissue)
{
    /// <summary>The pack has the unit hold its own assessment meeting (its minutes are required at submission).</summary>
    public bool MeetingByUnit { get; init; }
}

public sealed record ReissueRequest(string? Note);

/// <summary>A person at a meeting; <paramref name="Role"/> (a <see cref="MeetingRoles"/> id) says whom an attendee of the unit's own meeting represents.</summary>
public sealed record MeetingPersonDto(string? Name, string? Title, string? Role = null);

public sealed record MeetingVotesDto(int? Agree, int? Disagree, int? Abstain);

/// <summary>Body of <c>POST /api/submissions/{id}/meeting</c>; times are Vietnam wall-clock times.</summary>
public sealed record RecordMeetingRequest(
    DateTime? Start,
    DateTime? End,
    string? Place,
    MeetingPersonDto? Chair,
    MeetingPersonDto? Secretary,
    IReadOnlyList<MeetingPersonDto>? Attendees,
    MeetingVotesDto? Votes,
    string? Conclusion);

public sealed record MeetingView(
    long Id,
    int UnitId,
    DateTime Start,
    DateTime? End,
    string Place,
    MeetingPersonDto Chair,
    MeetingPersonDto Secretary,
    IReadOnlyList<MeetingPersonDto> Attendees,
    MeetingVotesDto Votes,
    string Conclusion,
    string RecordedBy,
    DateTimeOffset RecordedAt)
{
    /// <summary>Held by the reviewing level, as before TT124's order was followed: kept as issued, shown as the old procedure's.</summary>
    public bool OldProcedure { get; init; }
}

/// <summary>What <c>GET /verify/{code}</c> tells anyone holding the paper: no form data, no other documents.</summary>
public sealed record VerificationView(
    string VerificationCode,
    string DocumentId,
    string Title,
    string Kind,
    string Number,
    DateOnly IssueDate,
    string Place,
    string IssuingUnit,
    string SubjectUnit,
    int Version,
    bool Current,
    string Status,
    string PackId,
    string PackVersion,
    string PackHash,
    string TemplateKey,
    int TemplateVersion,
    string ContentHash,
    string DocxHash,
    string IssuedBy,
    DateTimeOffset IssuedAt)
{
    public bool AwaitingNumber { get; init; }

    /// <summary>For a certificate (Giấy công nhận): the year and the decision that granted it.</summary>
    public int? Year { get; init; }
    public string? DecisionNumber { get; init; }
    public DateOnly? DecisionDate { get; init; }
}
