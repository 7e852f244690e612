using System.Text.Json;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Documents;

/// <summary>Everything a dossier document is rendered from; <see cref="TemplateModel.Build"/> turns it into plain data.</summary>
public sealed record TemplateModelInput(
    UnitInfo Unit,
    int Year,
    PackManifest Pack,
    JsonElement Form,
    EvaluationResult Evaluation,
    DocumentInfo Document,
    SignerInfo Signer,
    MeetingInfo? Meeting)
{
    /// <summary>The reviewing level's appraisal the appraisal report (báo cáo thẩm định) records; null elsewhere.</summary>
    public AppraisalInfo? Appraisal { get; init; }

    /// <summary>
    /// The real unit, pack, form and evaluation with realistic document, signer and meeting values,
    /// for validating and previewing a template before any real document exists. With
    /// <paramref name="draft"/> the registry number and the signer's name are empty, as in a draft,
    /// so the branches that print blanks are exercised too.
    /// </summary>
    public static TemplateModelInput Sample(
        UnitInfo unit, int year, PackManifest pack, JsonElement form, EvaluationResult evaluation,
        string documentId = "to-trinh", bool draft = false)
    {
        var title = pack.Documents.FirstOrDefault(d => d.Id == documentId)?.Title ?? documentId;
        var number = draft ? "" : $"01/{KindAbbreviation(documentId)}-UBND";
        var document = new DocumentInfo(documentId, title, number, new DateOnly(year, 10, 5), "Đồng Nai", "MAU-2025-000001");
        var signer = new SignerInfo("Chủ tịch", draft ? "" : "Nguyễn Văn An");
        return new TemplateModelInput(unit, year, pack, form, evaluation, document, signer, SampleMeeting(year))
            { Appraisal = SampleAppraisal(evaluation) };
    }

    // Agrees with the unit on every criterion but the first, so both branches of a template are exercised.
    private static AppraisalInfo SampleAppraisal(EvaluationResult evaluation) => new(
        "Trần Văn Bình", "Phó Trưởng Công an huyện",
        evaluation.Criteria.Select((c, i) => new AppraisalOpinion(c.Id, c.Title, c.Status.ToVietnamese(), i > 0,
            i > 0 ? "" : "Đề nghị bổ sung tài liệu chứng minh.")).ToList(),
        Proposes: true, "Hồ sơ đầy đủ thành phần theo quy định; kết quả tự đánh giá cơ bản phù hợp với thực tế.");

    // Phụ lục III of Decree 30/2020: TTr (tờ trình), BC (báo cáo), BB (biên bản).
    private static string KindAbbreviation(string documentId) => documentId switch
    {
        _ when documentId.StartsWith("to-trinh", StringComparison.Ordinal) => "TTr",
        _ when documentId.StartsWith("bao-cao", StringComparison.Ordinal) => "BC",
        _ when documentId.StartsWith("bien-ban", StringComparison.Ordinal) => "BB",
        _ => "VB",
    };

    private static MeetingInfo SampleMeeting(int year) => new(
        Start: new DateTime(year, 10, 3, 14, 0, 0),
        End: new DateTime(year, 10, 3, 16, 30, 0),
        Place: "Hội trường Ủy ban nhân dân xã",
        Chair: new MeetingPerson("Nguyễn Văn An", "Chủ tịch UBND xã, Trưởng Ban Chỉ đạo"),
        Secretary: new MeetingPerson("Lê Thị Hoa", "Công chức Văn phòng - Thống kê"),
        Attendees:
        [
            new MeetingPerson("Nguyễn Văn An", "Chủ tịch UBND xã, Trưởng Ban Chỉ đạo"),
            new MeetingPerson("Trần Minh Đức", "Trưởng Công an xã, Phó Trưởng Ban Chỉ đạo"),
            new MeetingPerson("Phạm Thị Lan", "Chủ tịch Ủy ban MTTQ Việt Nam xã"),
            new MeetingPerson("Võ Văn Hùng", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã"),
            new MeetingPerson("Lê Thị Hoa", "Công chức Văn phòng - Thống kê"),
        ],
        Votes: new MeetingVotes(Agree: 5, Disagree: 0, Abstain: 0),
        Conclusion: "Hội nghị thống nhất đề nghị cấp có thẩm quyền xem xét, công nhận theo quy định.");
}

/// <summary>The document being issued: <see cref="Number"/> is the registry number, empty in drafts.</summary>
public sealed record DocumentInfo(string Id, string Title, string Number, DateOnly Date, string Place, string VerificationCode)
{
    /// <summary>The page that verifies the printed copy (<c>…/verify/{code}</c>); empty in drafts and outside the server.</summary>
    public string VerifyUrl { get; init; } = "";

    /// <summary>The issuing body as printed top left (<c>Ban Chỉ đạo … huyện X</c>) when it is not the unit itself,
    /// e.g. the reviewing level's minutes; empty: the templates derive it from the unit.</summary>
    public string Issuer { get; init; } = "";

    /// <summary>The issuing body's governing body (tên cơ quan chủ quản) when <see cref="Issuer"/> is set.</summary>
    public string IssuerParent { get; init; } = "";
}

/// <summary>Who signs: <see cref="Name"/> may be empty (a draft, or signed by hand).</summary>
public sealed record SignerInfo(string Title, string Name);

/// <summary>The review meeting the minutes (biên bản họp xét) record.</summary>
public sealed record MeetingInfo(
    DateTime Start,
    DateTime? End,
    string Place,
    MeetingPerson Chair,
    MeetingPerson Secretary,
    IReadOnlyList<MeetingPerson> Attendees,
    MeetingVotes Votes,
    string Conclusion)
{
    /// <summary>The unit's own assessment meeting (TT124 Điều 9 khoản 1), not the reviewing level's họp xét.</summary>
    public bool HeldByUnit { get; init; }
}

/// <summary>The reviewing level's appraisal (thẩm định) of the dossier: appraiser, an opinion per criterion, the conclusion.</summary>
public sealed record AppraisalInfo(string AppraiserName, string AppraiserTitle, IReadOnlyList<AppraisalOpinion> Opinions, bool Proposes, string Conclusion);

/// <summary>The appraiser's opinion on one criterion, beside the unit's own verdict (<paramref name="UnitStatus"/>, in words).</summary>
public sealed record AppraisalOpinion(string CriterionId, string Title, string UnitStatus, bool Agrees, string Opinion);

/// <summary>A person at the meeting; <paramref name="Role"/>: whom an attendee represents, in words (empty when not given).</summary>
public sealed record MeetingPerson(string Name, string Title, string Role = "");

/// <summary>Tán thành / không tán thành / không biểu quyết.</summary>
public sealed record MeetingVotes(int Agree, int Disagree, int Abstain);
