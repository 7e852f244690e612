using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Evaluation;

/// <summary>
/// A read of a missing or invalid field stops the expression without an exception: the first such field decides
/// the criterion's "cannot be evaluated", whatever the rest of the expression would do with the default values
/// it reads afterwards (divide by 0, call a method on a null string, read a field of an absent group).
/// </summary>
public sealed class MissingFieldStopTests
{
    private static readonly UnitInfo Xa = new("xa");

    private static readonly CompiledPack Pack = new PackBuilder()
        .Field("so_ho", """{ "type": "integer", "minimum": 0, "title": "Số hộ" }""")
        .Field("so_vu", """{ "type": "integer", "minimum": 0, "title": "Số vụ" }""")
        .Field("ngay", """{ "type": "string", "format": "date", "title": "Ngày ban hành" }""")
        .Field("nhom", """
            { "type": "object", "title": "Nhóm", "properties": {
                "a": { "type": "integer", "title": "Chỉ tiêu a" }, "b": { "type": "integer", "title": "Chỉ tiêu b" } } }
            """)
        .Field("mo_hinh", """
            { "type": "array", "title": "Mô hình", "items": { "type": "object", "properties": { "hieu_qua": { "type": "boolean" } } } }
            """)
        .Rule("chia", "100 / form.so_ho > 1")
        .Rule("chuoi", "form.ngay.CompareTo(\"2025-01-01\") >= 0 && form.so_vu == 0")
        .Rule("hai-truong", "form.so_vu + form.so_ho > 0")
        .Rule("nhom", "form.nhom.a > form.nhom.b")
        .Rule("lambda", "form.mo_hinh.Count(m => m.hieu_qua) >= 1 && 10 / form.so_ho > 0")
        .Build();

    private static CriterionResult Evaluate(string json, string id) =>
        Pack.Evaluate(Xa, 2025, PackBuilder.Data(json)).Criteria.Single(c => c.Id == id);

    [Theory]
    [InlineData("{}", "chia", "Số hộ")] // 100 / default 0 would be a division by zero
    [InlineData("""{ "so_vu": 0 }""", "chuoi", "Ngày ban hành")] // CompareTo on a default null string
    [InlineData("{}", "hai-truong", "Số vụ")] // the first of two missing fields
    [InlineData("""{ "so_vu": 1 }""", "hai-truong", "Số hộ")]
    [InlineData("{}", "nhom", "Nhóm")] // the absent group, not a field inside it
    [InlineData("""{ "nhom": { "b": 1 } }""", "nhom", "Chỉ tiêu a (Nhóm)")]
    [InlineData("""{ "nhom": { "a": 1 } }""", "nhom", "Chỉ tiêu b (Nhóm)")]
    [InlineData("""{ "mo_hinh": [{ "hieu_qua": true }] }""", "lambda", "Số hộ")]
    public void FirstMissingField_DecidesWhateverTheRestWouldDo(string data, string criterion, string named)
    {
        var result = Evaluate(data, criterion);
        Assert.Equal(CriterionStatus.NotEvaluable, result.Status);
        Assert.Equal($"Chưa đánh giá được: thiếu dữ liệu «{named}».", result.Explanation);
    }

    [Fact]
    public void ItemLackingTheFieldALambdaReads_StopsTheCriterion()
    {
        var result = Evaluate("""{ "so_ho": 5, "mo_hinh": [{ "hieu_qua": true }, {}] }""", "lambda");
        Assert.Equal(CriterionStatus.NotEvaluable, result.Status);
    }

    [Fact]
    public void AfterAStoppedCriterion_TheNextOneReadsNormally()
    {
        // One context serves every criterion of an evaluation: a stop must not leak into the next criterion.
        var result = Pack.Evaluate(Xa, 2025, PackBuilder.Data("""{ "so_vu": 1, "nhom": { "a": 2, "b": 1 } }"""));
        Assert.Equal(CriterionStatus.NotEvaluable, result.Criteria.Single(c => c.Id == "chia").Status);
        Assert.Equal(CriterionStatus.Met, result.Criteria.Single(c => c.Id == "nhom").Status);
        Assert.Contains("Chỉ tiêu a (Nhóm): 2", result.Criteria.Single(c => c.Id == "nhom").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void PresentFields_DivisionByZeroIsStillReportedAsSuch()
    {
        var result = Evaluate("""{ "so_ho": 0 }""", "chia");
        Assert.Equal(CriterionStatus.NotEvaluable, result.Status);
        Assert.Equal("Chưa đánh giá được: phép chia cho 0.", result.Explanation);
    }
}
