using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Evaluation;

public sealed class EvaluationSemanticsTests
{
    private static readonly UnitInfo Xa = new("xa");

    private static readonly CompiledPack Households = new PackBuilder()
        .Field("ho_gia_dinh", """
            { "type": "object", "title": "Hộ gia đình", "properties": {
                "tong": { "type": "integer", "minimum": 0, "title": "Tổng số hộ" },
                "dang_ky": { "type": "integer", "minimum": 0, "title": "Số hộ đăng ký" } },
              "required": ["tong", "dang_ky"] }
            """, required: true)
        .Field("ty_le", """{ "type": "number", "minimum": 0, "maximum": 100, "title": "Tỷ lệ (%)" }""")
        .Field("co_vu_viec", """{ "type": "boolean", "title": "Có vụ việc" }""")
        .Field("so_vu_viec", """{ "type": "integer", "minimum": 0 }""")
        .Field("so_da_xu_ly", """{ "type": "integer", "minimum": 0 }""")
        .Field("mo_hinh", """
            { "type": "array", "items": { "type": "object", "properties": {
                "ten": { "type": "string" }, "hieu_qua": { "type": "boolean" } } } }
            """)
        .Rule("TC01", "form.ho_gia_dinh.tong > 0 && form.ho_gia_dinh.dang_ky * 100 >= form.ho_gia_dinh.tong * 100",
            "Chưa đủ 100% hộ gia đình đăng ký tham gia", points: 3)
        .Rule("TC02", "form.ty_le >= 70", points: 2)
        .Rule("TC03", "!form.co_vu_viec || form.so_da_xu_ly >= form.so_vu_viec")
        .Rule("TC04", "form.mo_hinh.Count(m => m.hieu_qua) >= 1")
        .Build();

    private static EvaluationResult Evaluate(string json) => Households.Evaluate(Xa, 2025, PackBuilder.Data(json));

    private static CriterionResult Criterion(EvaluationResult result, string id) => result.Criteria.Single(c => c.Id == id);

    [Theory]
    [InlineData(70.0, CriterionStatus.Met)]
    [InlineData(69.9, CriterionStatus.NotMet)]
    [InlineData(100.0, CriterionStatus.Met)]
    public void Evaluate_PercentageAroundThreshold_MetOnlyFromThreshold(double value, CriterionStatus expected)
    {
        var result = Evaluate($$"""{ "ty_le": {{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}} }""");
        Assert.Equal(expected, Criterion(result, "TC02").Status);
    }

    [Fact]
    public void Evaluate_MissingField_NotEvaluableNamingTheField()
    {
        var result = Evaluate("""{ "ho_gia_dinh": { "tong": 450, "dang_ky": 450 } }""");
        var tc02 = Criterion(result, "TC02");
        Assert.Equal(CriterionStatus.NotEvaluable, tc02.Status);
        Assert.Contains("Tỷ lệ (%)", tc02.Explanation);
        Assert.Equal(CriterionStatus.Met, Criterion(result, "TC01").Status);
    }

    [Fact]
    public void Evaluate_NullField_NotEvaluableAndReported()
    {
        var result = Evaluate("""{ "ty_le": null }""");
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(result, "TC02").Status);
        Assert.Contains(result.Errors, e => e.Path == "/ty_le");
    }

    [Fact]
    public void Evaluate_WrongType_NotEvaluableWithVietnameseFieldError()
    {
        var result = Evaluate("""{ "ty_le": "bảy mươi" }""");
        Assert.False(result.Valid);
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(result, "TC02").Status);
        Assert.Equal("Phải là số.", result.Errors.Single(e => e.Path == "/ty_le").Message);
    }

    [Fact]
    public void Evaluate_ValueOutsideSchemaBounds_NotEvaluableNotSilentlyMet()
    {
        var result = Evaluate("""{ "ty_le": 120 }""");
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(result, "TC02").Status);
        Assert.Contains("không hợp lệ", Criterion(result, "TC02").Explanation);
        Assert.Equal("Phải nhỏ hơn hoặc bằng 100.", result.Errors.Single(e => e.Path == "/ty_le").Message);
    }

    [Fact]
    public void Evaluate_EmptyArray_IsDataNotMissing()
    {
        Assert.Equal(CriterionStatus.NotMet, Criterion(Evaluate("""{ "mo_hinh": [] }"""), "TC04").Status);
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(Evaluate("{}"), "TC04").Status);
        Assert.Equal(CriterionStatus.Met, Criterion(Evaluate("""{ "mo_hinh": [ { "ten": "Camera", "hieu_qua": true } ] }"""), "TC04").Status);
    }

    [Fact]
    public void Evaluate_ArrayItemLacksFieldTheLambdaReads_NotEvaluable()
    {
        var result = Evaluate("""{ "mo_hinh": [ { "ten": "Camera", "hieu_qua": false }, { "ten": "Tuần tra" } ] }""");
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(result, "TC04").Status);
        Assert.Contains("mo_hinh[].hieu_qua", Criterion(result, "TC04").Explanation);
    }

    [Fact]
    public void Evaluate_ShortCircuit_DoesNotNeedFieldsItSkips()
    {
        Assert.Equal(CriterionStatus.Met, Criterion(Evaluate("""{ "co_vu_viec": false }"""), "TC03").Status);
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(Evaluate("""{ "co_vu_viec": true }"""), "TC03").Status);
        Assert.Equal(CriterionStatus.NotMet, Criterion(Evaluate("""{ "co_vu_viec": true, "so_vu_viec": 3, "so_da_xu_ly": 2 }"""), "TC03").Status);
    }

    [Fact]
    public void Evaluate_NotMet_ExplanationNamesTheValuesRead()
    {
        var result = Evaluate("""{ "ho_gia_dinh": { "tong": 450, "dang_ky": 412 } }""");
        var tc01 = Criterion(result, "TC01");
        Assert.Equal(CriterionStatus.NotMet, tc01.Status);
        Assert.Equal("Chưa đủ 100% hộ gia đình đăng ký tham gia — Tổng số hộ (Hộ gia đình): 450; Số hộ đăng ký (Hộ gia đình): 412", tc01.Explanation);
    }

    [Fact]
    public void Evaluate_Points_CountOnlyWhenMet()
    {
        var result = Evaluate("""{ "ho_gia_dinh": { "tong": 10, "dang_ky": 10 }, "ty_le": 50 }""");
        Assert.Equal(3, Criterion(result, "TC01").Points);
        Assert.Equal(0, Criterion(result, "TC02").Points);
        Assert.Equal(2, Criterion(result, "TC02").MaxPoints);
        Assert.Equal(3, result.Summary.Points);
        Assert.Equal(5, result.Summary.MaxPoints);
    }

    [Fact]
    public void Evaluate_Summary_AndFirstMatchingOutcome()
    {
        var all = Evaluate("""{ "ho_gia_dinh": { "tong": 10, "dang_ky": 10 }, "ty_le": 80, "co_vu_viec": false, "mo_hinh": [ { "ten": "a", "hieu_qua": true } ] }""");
        Assert.Equal(new EvaluationSummary(4, 0, 0, 4, 5, 5), all.Summary);
        Assert.Equal("dat", all.Outcome?.Id);
        var missing = Evaluate("""{ "ho_gia_dinh": { "tong": 10, "dang_ky": 10 }, "ty_le": 80, "co_vu_viec": false }""");
        Assert.Equal("can-bo-sung", missing.Outcome?.Id);
        var unmet = Evaluate("""{ "ho_gia_dinh": { "tong": 10, "dang_ky": 1 }, "ty_le": 80 }""");
        Assert.Equal("chua-dat", unmet.Outcome?.Id);
    }

    [Fact]
    public void Evaluate_RequiredPropertyMissing_ReportedAtObjectAndField()
    {
        var result = Evaluate("""{ "ho_gia_dinh": { "tong": 10 } }""");
        var error = Assert.Single(result.Errors);
        Assert.Equal("/ho_gia_dinh", error.Path);
        Assert.Equal("/ho_gia_dinh/dang_ky", error.Field);
        Assert.Equal("Thiếu thông tin bắt buộc: «Số hộ đăng ký».", error.Message);
    }

    [Fact]
    public void Evaluate_InvalidForm_StillEvaluatesWhatTheDataAllow()
    {
        var result = Evaluate("""{ "ty_le": 90 }""");
        Assert.False(result.Valid);
        Assert.Equal(CriterionStatus.Met, Criterion(result, "TC02").Status);
        Assert.Equal(CriterionStatus.NotEvaluable, Criterion(result, "TC01").Status);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Evaluate_DataNotAnObject_EverythingNotEvaluableNoException(string json)
    {
        var result = Evaluate(json);
        Assert.False(result.Valid);
        Assert.All(result.Criteria, c => Assert.Equal(CriterionStatus.NotEvaluable, c.Status));
    }

    [Fact]
    public void Evaluate_ConcurrentCalls_GiveTheSameResults()
    {
        var inputs = new[]
        {
            """{ "ho_gia_dinh": { "tong": 10, "dang_ky": 10 }, "ty_le": 80 }""",
            """{ "ty_le": "x", "mo_hinh": [] }""",
            """{ "co_vu_viec": true, "so_vu_viec": 3, "so_da_xu_ly": 4 }""",
        };
        var expected = inputs.Select(i => System.Text.Json.JsonSerializer.Serialize(Evaluate(i))).ToArray();
        Parallel.For(0, 3000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            Assert.Equal(expected[i % 3], System.Text.Json.JsonSerializer.Serialize(Evaluate(inputs[i % 3]))));
    }
}
