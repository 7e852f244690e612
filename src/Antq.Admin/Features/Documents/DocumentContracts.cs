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

    /// <summary>With <see cref="MeetingByUnit"/>: whom the unit's meeting may record, by the law's wording for its kind, and which the pack requires.</summary>
    public IReadOnlyList<MeetingRoleView> MeetingRoles { get; init; } = [];

    /// <summary>The reviewing levels' appraisals (thẩm định), newest first.</summary>
    public IReadOnlyList<AppraisalView> Appraisals { get; init; } = [];

    /// <summary>The caller is a reviewer of the level the dossier waits at: it may record its appraisal.</summary>
    public bool CanAppraise { get; init; }
}

public sealed record ReissueRequest(string? Note);

/// <summary>Whom an attendee of the unit's own meeting may represent (a <see cref="Antq.FormEngine.Documents.MeetingRoles"/> id and its name
/// for the unit's kind); <paramref name="Required"/>: the pack requires one such attendee.</summary>
public sealed record MeetingRoleView(string Id, string Name, bool Required);

/// <summary>A person at a meeting; <paramref name="Role"/> (a <see cref="Antq.FormEngine.Documents.MeetingRoles"/> id) says whom an attendee of the unit's own meeting represents.</summary>
public sealed record MeetingPersonDto(string? Name, string? Title, string? Role = null)
{
    /// <summary>A person typed as "Họ tên - Chức vụ" (the first " - " separates them), as the forms take them.</summary>
    public static MeetingPersonDto FromLine(string text)
    {
        var at = text.IndexOf(" - ", StringComparison.Ordinal);
        return at < 0 ? new MeetingPersonDto(text.Trim(), "") : new MeetingPersonDto(text[..at].Trim(), text[(at + 3)..].Trim());
    }
}

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

/// <summary>The appraiser's opinion on one criterion: agrees with the unit's own verdict or not, and why.</summary>
public sealed record AppraisalOpinionDto(string? CriterionId, bool? Agrees, string? Opinion);

/// <summary>Body of <c>POST /api/submissions/{id}/appraisal</c>: the reviewing level's thẩm định of the dossier waiting at it.</summary>
public sealed record RecordAppraisalRequest(
    MeetingPersonDto? Appraiser,
    IReadOnlyList<AppraisalOpinionDto>? Opinions,
    bool? Proposes,
    string? Conclusion);

public sealed record AppraisalView(
    long Id,
    int UnitId,
    MeetingPersonDto Appraiser,
    IReadOnlyList<AppraisalOpinionDto> Opinions,
    bool Proposes,
    string Conclusion,
    string RecordedBy,
    DateTimeOffset RecordedAt);
