using System.Text.Json;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Scriban.Runtime;

namespace Antq.FormEngine.Tests.Documents;

/// <summary>A commune, its pack and a hand-made evaluation: the model the document tests render.</summary>
internal static class DocumentSamples
{
    public static UnitInfo Commune { get; } = new("xa", "26041", "Xã An Phước", "commune", "Ủy ban nhân dân huyện Long Thành");

    public static PackManifest Pack { get; } = new(
        Format: 1,
        Id: "qd9745.xa",
        Version: "1.0.0",
        Title: "Bộ tiêu chí xây dựng xã, phường, thị trấn điển hình về phong trào toàn dân bảo vệ ANTQ",
        LegalBasis: ["Quyết định số 9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ Công an", "Kế hoạch số 91/KH-UBND ngày 07/4/2023 của UBND tỉnh Đồng Nai"],
        UnitKinds: ["xa", "phuong", "thi-tran"],
        EffectiveFrom: new DateOnly(2023, 1, 1),
        RecognisedBy: "district",
        Workflow: "tieu-chi",
        Outcome: [new OutcomeLevel("dat", "Đạt điển hình", "notMet == 0 && notEvaluable == 0"), new OutcomeLevel("chua-dat", "Chưa đạt", "true")],
        Documents:
        [
            new DocumentRef("to-trinh", "Tờ trình đề nghị công nhận", "to-trinh"),
            new DocumentRef("bao-cao-ket-qua", "Báo cáo kết quả", "bao-cao-ket-qua"),
            new DocumentRef("bien-ban-hop-xet", "Biên bản họp xét", "bien-ban-hop-xet"),
        ]);

    public static JsonElement Form(string note = "Không có") => JsonDocument.Parse($$"""
        { "ho_gia_dinh": { "tong": 450, "dang_ky": 412 }, "ty_le": 91.5, "ghi_chu": {{JsonSerializer.Serialize(note)}},
          "to_an_ninh": ["Ấp 1", "Ấp 2"], "co_mo_hinh": true, "bo_trong": null }
        """).RootElement.Clone();

    public static EvaluationResult Evaluation { get; } = new(
        new PackRef("qd9745.xa", "1.0.0"),
        Valid: true,
        Errors: [],
        Criteria:
        [
            Criterion("TC01", "Cấp ủy, chính quyền ban hành nghị quyết, kế hoạch về công tác bảo đảm ANTT", Group1, CriterionStatus.Met, 2, 2,
                "Đã ban hành Nghị quyết số 05-NQ/ĐU ngày 10/01/2025"),
            Criterion("TC02", "Ban Chỉ đạo phong trào được kiện toàn, hoạt động hiệu quả", Group1, CriterionStatus.Met, 2, 2,
                "Ban Chỉ đạo được kiện toàn theo Quyết định số 12/QĐ-UBND",
                Criterion("TC02.1", "Có quy chế hoạt động", null, CriterionStatus.Met, 0, 0, "Có quy chế ban hành năm 2024"),
                Criterion("TC02.2", "Họp định kỳ hằng quý", null, CriterionStatus.Met, 0, 0, "Đủ 4 cuộc họp")),
            Criterion("TC05", "100% hộ gia đình đăng ký tham gia phong trào", Group2, CriterionStatus.NotMet, 0, 3,
                "Chưa đủ 100% hộ gia đình đăng ký tham gia — Số hộ đăng ký (Hộ gia đình): 412; Tổng số hộ (Hộ gia đình): 450"),
            Criterion("TC06", "Có mô hình tự quản về ANTT hoạt động hiệu quả", Group2, CriterionStatus.NotEvaluable, 0, 3,
                "Chưa đánh giá được: thiếu dữ liệu «Số lượng mô hình»."),
        ],
        Summary: new EvaluationSummary(Met: 2, NotMet: 1, NotEvaluable: 1, Total: 4, Points: 4, MaxPoints: 10),
        Outcome: new OutcomeRef("chua-dat", "Chưa đạt"));

    private const string Group1 = "Nhóm 1. Công tác lãnh đạo, chỉ đạo";
    private const string Group2 = "Nhóm 2. Kết quả thực hiện phong trào";

    private static CriterionResult Criterion(string id, string title, string? group, CriterionStatus status, double points, double max,
        string explanation, params CriterionResult[] children) =>
        new(id, title, group, status, points, max, explanation, children);

    public static TemplateModelInput Input(string documentId = "to-trinh", bool draft = false, string note = "Không có") =>
        TemplateModelInput.Sample(Commune, 2025, Pack, Form(note), Evaluation, documentId, draft);

    public static ScriptObject Model(string documentId = "to-trinh", bool draft = false, string note = "Không có") =>
        TemplateModel.Build(Input(documentId, draft, note));

    public static ParsedTemplate Parse(string source)
    {
        var parsed = TemplateSandbox.Parse(source, "t.scriban");
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        return parsed.Template;
    }

    public static RenderResult Render(string source, ScriptObject? model = null, RenderOptions? options = null) =>
        TemplateSandbox.Render(Parse(source), model ?? Model(), options ?? RenderOptions.Default);
}
