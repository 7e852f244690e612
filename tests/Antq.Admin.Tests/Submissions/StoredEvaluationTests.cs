using System.Text.Json;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Tests.Support;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Evaluation;

namespace Antq.Admin.Tests.Submissions;

/// <summary>
/// The stored evaluation format, pinned: rows already in the database were written as <see cref="Golden"/>
/// is, and must read back identically. A change of the format breaks these tests and no other reader.
/// </summary>
public sealed class StoredEvaluationTests
{
    /// <summary>What the writer stored before <see cref="StoredEvaluation"/> existed (JsonSerializerDefaults.Web, letters unescaped).</summary>
    private const string Golden =
        """
        {"pack":{"id":"xa-an-toan-antt","version":"2025.1.0"},"valid":false,"errors":[{"path":"","message":"Thiếu trường bắt buộc «Tổng số hộ».","field":"/ho_gia_dinh/tong","keyword":"required"},{"path":"/ty_le","message":"Giá trị phải từ 0 đến 100."}],"criteria":[{"id":"TC01","title":"Hộ gia đình đăng ký","group":"Nhóm 1","status":"met","points":2.5,"maxPoints":2.5,"explanation":"Đạt: 100% hộ \u0022đăng ký\u0022 \u003Cb\u003E","children":[]},{"id":"TC02","title":"Tiêu chí gộp","group":null,"status":"notMet","points":0,"maxPoints":3,"explanation":"Chưa đạt.","children":[{"id":"TC02.1","title":"Con thứ nhất","group":null,"status":"notMet","points":0,"maxPoints":1,"explanation":"Thiếu số liệu.","children":[]},{"id":"TC02.2","title":"Con thứ hai","group":null,"status":"notEvaluable","points":0,"maxPoints":2,"explanation":"Không đánh giá được.","children":[]}]}],"summary":{"met":1,"notMet":1,"notEvaluable":0,"total":2,"points":2.5,"maxPoints":5.5},"outcome":{"id":"chua-dat","title":"Chưa đạt chuẩn"}}
        """;

    private static readonly EvaluationResult Sample = new(
        new PackRef("xa-an-toan-antt", "2025.1.0"),
        false,
        [
            new FieldError("", "Thiếu trường bắt buộc «Tổng số hộ».", "/ho_gia_dinh/tong", "required"),
            new FieldError("/ty_le", "Giá trị phải từ 0 đến 100."),
        ],
        [
            new CriterionResult("TC01", "Hộ gia đình đăng ký", "Nhóm 1", CriterionStatus.Met, 2.5, 2.5, "Đạt: 100% hộ \"đăng ký\" <b>", []),
            new CriterionResult("TC02", "Tiêu chí gộp", null, CriterionStatus.NotMet, 0, 3, "Chưa đạt.",
            [
                new CriterionResult("TC02.1", "Con thứ nhất", null, CriterionStatus.NotMet, 0, 1, "Thiếu số liệu.", []),
                new CriterionResult("TC02.2", "Con thứ hai", null, CriterionStatus.NotEvaluable, 0, 2, "Không đánh giá được.", []),
            ]),
        ],
        new EvaluationSummary(1, 1, 0, 2, 2.5, 5.5),
        new OutcomeRef("chua-dat", "Chưa đạt chuẩn"));

    [Fact]
    public void WriteUnmet_Sample_ListsOnlyUnmetLeavesWithTitles()
    {
        var unmet = StoredEvaluation.WriteUnmet(Sample);

        Assert.Equal("TC02.1\tCon thứ nhất", unmet);
        Assert.Equal([("TC02.1", "Con thứ nhất")], StoredEvaluation.ReadUnmet(unmet).ToList());
        Assert.Empty(StoredEvaluation.ReadUnmet(""));
    }

    [Fact]
    public void Write_Sample_IsTheStoredFormat() => Assert.Equal(Golden, StoredEvaluation.Write(Sample));

    [Fact]
    public void Read_Golden_TypedValues()
    {
        var read = StoredEvaluation.Read(Golden)!;

        Assert.Equal(Sample.Pack, read.Pack);
        Assert.False(read.Valid);
        Assert.Equal(Sample.Errors, read.Errors);
        Assert.Equal(Sample.Summary, read.Summary);
        Assert.Equal(Sample.Outcome, read.Outcome);
        Assert.Equal(["TC01", "TC02", "TC02.1", "TC02.2"], read.Criteria.Flatten().Select(c => c.Id));
        Assert.Equal(
            Sample.Criteria.Flatten().Select(c => (c.Id, c.Title, c.Group, c.Status, c.Points, c.MaxPoints, c.Explanation, c.Children.Count)),
            read.Criteria.Flatten().Select(c => (c.Id, c.Title, c.Group, c.Status, c.Points, c.MaxPoints, c.Explanation, c.Children.Count)));
    }

    [Fact]
    public void WriteRead_Golden_RoundTripsToTheSameText() => Assert.Equal(Golden, StoredEvaluation.Write(StoredEvaluation.Read(Golden)!));

    [Fact]
    public void Read_NoOutcome_Null()
    {
        var read = StoredEvaluation.Read(StoredEvaluation.Write(Sample with { Outcome = null }))!;
        Assert.Null(read.Outcome);
    }

    /// <summary>Every shipped pack's test cases: what the engine returns is stored and read back unchanged.</summary>
    public static TheoryData<string> ShippedPacks() =>
        new(Directory.GetDirectories(Path.Combine(RepoPaths.Root, "criteria-packs")).Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(ShippedPacks))]
    public void WriteRead_ShippedPackTests_RoundTrip(string packId)
    {
        var loaded = PackLoader.Load(Path.Combine(RepoPaths.Root, "criteria-packs", packId),
            new PackLoadOptions { TemplateDirectory = Path.Combine(RepoPaths.Root, "templates"), RunTests = false });
        Assert.True(loaded.Ok, string.Join("; ", loaded.Errors));
        Assert.NotEmpty(loaded.Pack.Tests);
        foreach (var test in loaded.Pack.Tests)
        {
            var result = loaded.Pack.Evaluate(test.Unit, test.Year, test.Data);
            var stored = StoredEvaluation.Write(result);
            var read = StoredEvaluation.Read(stored)!;
            Assert.Equal(stored, StoredEvaluation.Write(read));
            Assert.Equal(result.Criteria.Flatten().Select(c => (c.Id, c.Status, c.Points)), read.Criteria.Flatten().Select(c => (c.Id, c.Status, c.Points)));
            Assert.Equal(result.Outcome, read.Outcome);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{ "pack": { "id": "p", "version": "1" }, "valid": true }""")]
    [InlineData("""{ "pack": { "id": "p", "version": "1" }, "valid": true, "errors": [], "criteria": [ { "id": "A", "status": "maybe" } ], "summary": null, "outcome": null }""")]
    public void Read_NotAStoredEvaluation_Null(string? json) => Assert.Null(StoredEvaluation.Read(json));

    [Fact]
    public void ToElement_Golden_TheStoredJsonAsIs() =>
        Assert.Equal(Golden, StoredEvaluation.ToElement(Golden).GetRawText());
}
