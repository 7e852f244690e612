using Antq.Admin.Data.Entities;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Documents;

/// <summary>The workflow step a dossier document is issued at.</summary>
public enum DocumentStep
{
    /// <summary>Tờ trình, Báo cáo kết quả and any other document: when the unit submits.</summary>
    Submitted,

    /// <summary>Biên bản: when the meeting is recorded (the unit's own, or the reviewing level's under the old procedure).</summary>
    Meeting,

    /// <summary>Báo cáo thẩm định: when the reviewing level records its appraisal.</summary>
    Appraisal,
}

/// <summary>
/// What the registry needs to know about a document kind: its step, its abbreviation (Phụ lục III
/// of Decree 30/2020) and the issuing body's suffix, so the number reads <c>05/TTr-UBND</c>.
/// </summary>
public static class DocumentKinds
{
    public static readonly IReadOnlySet<string> CommuneKinds = new HashSet<string> { "xa", "phuong", "thi-tran", "dac-khu" };

    /// <summary>A document whose id or template starts with <c>bien-ban</c> is the meeting's minutes, with <c>bao-cao-tham-dinh</c>
    /// the appraisal report; any other is issued at submission.</summary>
    public static DocumentStep StepOf(DocumentRef document) =>
        Starts(document, "bien-ban") ? DocumentStep.Meeting : Starts(document, "bao-cao-tham-dinh") ? DocumentStep.Appraisal : DocumentStep.Submitted;

    public static string Abbreviation(DocumentRef document) =>
        Starts(document, "to-trinh") ? "TTr" : Starts(document, "bao-cao") ? "BC" : Starts(document, "bien-ban") ? "BB" : "VB";

    /// <summary><c>UBND</c> for a commune's People's Committee, <c>BCĐ</c> for a district or province steering
    /// committee, nothing for an agency, enterprise or school (whose own abbreviation is not data here).</summary>
    public static string IssuerSuffix(Unit issuer) =>
        CommuneKinds.Contains(issuer.KindId) ? "UBND" : issuer.LevelId is "district" or "province" ? "BCĐ" : "";

    /// <summary>The registry number: numbers below 10 take a leading zero (Decree 30).</summary>
    public static string Number(int sequence, string kind, string suffix) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sequence:00}/{kind}") + (suffix.Length > 0 ? "-" + suffix : "");

    /// <summary>
    /// The issuing body and its governing body as printed top left, for a document the unit does not issue
    /// itself (the reviewing level's minutes): a district or province issues through its steering committee.
    /// </summary>
    public static (string Issuer, string Parent) IssuingBody(Unit issuer, string? parentName)
    {
        var name = LowerFirst(issuer.Name);
        if (issuer.LevelId is "district" or "province")
            return ("Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc " + name, "Ủy ban nhân dân " + name);
        return CommuneKinds.Contains(issuer.KindId)
            ? ("Ủy ban nhân dân " + name, parentName ?? "")
            : (issuer.Name, parentName ?? "");
    }

    public static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>Who signs, by title; the name is left for the signature by hand.</summary>
    public static string SignerTitle(Unit issuer) =>
        CommuneKinds.Contains(issuer.KindId) ? "Chủ tịch" : issuer.LevelId is "district" or "province" ? "Trưởng Ban Chỉ đạo" : "Thủ trưởng đơn vị";

    private static bool Starts(DocumentRef document, string prefix) =>
        document.Id.StartsWith(prefix, StringComparison.Ordinal) || document.Template.StartsWith(prefix, StringComparison.Ordinal);
}
