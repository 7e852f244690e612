using Antq.FormEngine.Documents;
using Antq.FormEngine.Packs;
using QRCoder;
using Scriban.Runtime;

namespace Antq.Admin.Features.Documents;

/// <summary>One unit a decision recognises, as its annex and its certificate name it (names as they were in the dossier's year).</summary>
public sealed record RecognisedUnit(string Name, string Code, string ParentName);

/// <summary>The authority that decides (Ủy ban nhân dân …, TT124 Điều 10) and who signs for it.</summary>
public sealed record DecidingAuthority(string Name, string Parent, string SignerTitle, string SignerName);

/// <summary>
/// The outcome documents of the procedure (TT124 Điều 10: "ra quyết định công nhận và cấp Giấy công nhận"): the
/// recognition decision with its annex, one certificate per unit, and the reasoned notice of a refusal. Their ids,
/// registry kinds (Decree 30 Phụ lục III: QĐ, GCN, TB) and template models — plain Scriban data like the dossier
/// model; <c>templates/README.md</c> lists the variables. Their templates are shared ones in <c>templates/</c>,
/// edited in the template editor like the others and checked there against <see cref="Sample"/>.
/// </summary>
public static class OutcomeDocuments
{
    public const string DecisionTemplate = "quyet-dinh-cong-nhan";
    public const string CertificateTemplate = "giay-cong-nhan";
    public const string NoticeTemplate = "thong-bao-khong-cong-nhan";
    public const string DecisionKind = "QĐ";
    public const string CertificateKind = "GCN";
    public const string NoticeKind = "TB";

    public static readonly string[] Templates = [DecisionTemplate, CertificateTemplate, NoticeTemplate];

    public static DocumentRef Decision(string title) => new(DecisionTemplate, title, DecisionTemplate);
    public static DocumentRef Certificate => new(CertificateTemplate, "Giấy công nhận", CertificateTemplate);
    public static DocumentRef Notice => new(NoticeTemplate, "Thông báo kết quả xét công nhận", NoticeTemplate);

    /// <summary>What is recognised, in the pack's own words: its highest outcome level ("Đạt tiêu chuẩn “An toàn về an ninh, trật tự”").</summary>
    public static string Achievement(PackManifest pack) => pack.Outcome.Count > 0 ? pack.Outcome[0].Title : pack.Title;

    public static ScriptObject DecisionModel(DocumentInfo document, DecidingAuthority authority, PackManifest pack, int year,
        IReadOnlyList<string> legalBasis, IReadOnlyList<RecognisedUnit> units, IReadOnlyList<string> recipients) => new()
    {
        ["document"] = Document(document, authority),
        ["pack"] = Pack(pack),
        ["year"] = year,
        ["achievement"] = Achievement(pack),
        ["legal_basis"] = new ScriptArray(legalBasis),
        ["units"] = new ScriptArray(units.Select(Unit)),
        ["recipients"] = new ScriptArray(recipients),
        ["signer"] = Signer(authority),
    };

    public static ScriptObject CertificateModel(DocumentInfo document, DecidingAuthority authority, PackManifest pack, int year,
        RecognisedUnit unit, string decisionNumber, DateOnly decisionDate) => new()
    {
        ["document"] = Document(document, authority),
        ["pack"] = Pack(pack),
        ["year"] = year,
        ["achievement"] = Achievement(pack),
        ["unit"] = Unit(unit),
        ["decision"] = new ScriptObject
        {
            ["number"] = decisionNumber, ["date"] = VietnameseDates.Short(decisionDate), ["date_long"] = VietnameseDates.Long(decisionDate),
        },
        ["signer"] = Signer(authority),
        ["qr"] = document.VerifyUrl.Length > 0 ? QrDataUri(document.VerifyUrl) : "",
    };

    public static ScriptObject NoticeModel(DocumentInfo document, DecidingAuthority authority, PackManifest pack, int year,
        RecognisedUnit unit, string reason, IReadOnlyList<string> recipients) => new()
    {
        ["document"] = Document(document, authority),
        ["pack"] = Pack(pack),
        ["year"] = year,
        ["achievement"] = Achievement(pack),
        ["unit"] = Unit(unit),
        ["reason"] = new ScriptArray(reason.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)),
        ["recipients"] = new ScriptArray(recipients),
        ["signer"] = Signer(authority),
    };

    /// <summary>A model of each kind from invented data, for checking an edited template (drafts: empty number, no QR).</summary>
    public static ScriptObject? Sample(string template, PackManifest pack, bool draft)
    {
        var date = new DateOnly(2025, 11, 20);
        var info = new DocumentInfo(template, "Mẫu", draft ? "" : "15/QĐ-UBND", date, "Đồng Nai", draft ? "" : "ABCDEFGHIJKLMNOPQRSTUVWX")
            { VerifyUrl = draft ? "" : "https://antq.example/verify/ABCDEFGHIJKLMNOPQRSTUVWX" };
        var authority = new DecidingAuthority("Ủy ban nhân dân tỉnh Đồng Nai", "", "Chủ tịch", draft ? "" : "Nguyễn Văn A");
        var unit = new RecognisedUnit("Phường Trấn Biên", "26041", "Tỉnh Đồng Nai");
        return template switch
        {
            DecisionTemplate => DecisionModel(info, authority, pack, 2025, [.. pack.LegalBasis, "Kế hoạch số 01/KH-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh"],
                [unit, unit with { Name = "Xã Phú Lý", Code = "26116" }], ["Như Điều 3;", "Lưu: VT."]),
            CertificateTemplate => CertificateModel(info, authority, pack, 2025, unit, "15/QĐ-UBND", date),
            NoticeTemplate => NoticeModel(info, authority, pack, 2025, unit, "Tiêu chí 3 chưa đạt.\nCòn để xảy ra tội phạm nghiêm trọng.", ["Như trên;", "Lưu: VT."]),
            _ => null,
        };
    }

    /// <summary>The verify address as a QR code: a PNG (written by QRCoder without System.Drawing) in a data URI,
    /// the only kind of image the documents' content policy lets a page show.</summary>
    public static string QrDataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static ScriptObject Document(DocumentInfo d, DecidingAuthority authority) => new()
    {
        ["id"] = d.Id, ["title"] = d.Title, ["number"] = d.Number, ["date"] = VietnameseDates.Short(d.Date),
        ["date_long"] = VietnameseDates.Long(d.Date), ["place"] = d.Place, ["verification_code"] = d.VerificationCode,
        ["verify_url"] = d.VerifyUrl, ["issuer"] = authority.Name, ["issuer_parent"] = authority.Parent,
    };

    private static ScriptObject Pack(PackManifest pack) => new()
    {
        ["id"] = pack.Id, ["version"] = pack.Version, ["title"] = pack.Title, ["legal_basis"] = new ScriptArray(pack.LegalBasis),
    };

    private static ScriptObject Unit(RecognisedUnit unit) => new() { ["name"] = unit.Name, ["code"] = unit.Code, ["parent_name"] = unit.ParentName };

    private static ScriptObject Signer(DecidingAuthority authority) => new() { ["title"] = authority.SignerTitle, ["name"] = authority.SignerName };
}
