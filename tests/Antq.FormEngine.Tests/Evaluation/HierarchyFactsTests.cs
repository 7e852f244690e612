using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Evaluation;

/// <summary>
/// Hierarchy facts (pack.json → facts): a value the host computes from its own records fills a form
/// field for the evaluation, the explanation says where it came from, the typed value stands when
/// the fact is not supplied, and a pack cannot declare a fact that fills no field.
/// </summary>
public sealed class HierarchyFactsTests
{
    private static PackBuilder Commune() => new PackBuilder()
        .Manifest(m => m["facts"] = JsonNode.Parse("""
            [ { "id": "children.khu-dan-cu.total", "title": "Số khu dân cư", "fills": "/kdc/tong" },
              { "id": "children.khu-dan-cu.recognised", "title": "Số khu dân cư được công nhận", "fills": "/kdc/cong_nhan" } ]
            """))
        .Field("kdc", """
            { "type": "object", "properties": { "tong": { "type": "integer", "minimum": 0 }, "cong_nhan": { "type": "integer", "minimum": 0 } },
              "required": ["tong", "cong_nhan"] }
            """, required: true)
        .Rule("TC04", "form.kdc.tong > 0 && form.kdc.cong_nhan * 100.0 / form.kdc.tong >= 70", "Chưa đủ 70% khu dân cư được công nhận");

    private static PackFacts Facts(long total, long recognised, string? source = null) => new(new Dictionary<string, FactValue>
    {
        ["children.khu-dan-cu.total"] = new(JsonSerializer.SerializeToElement(total)),
        ["children.khu-dan-cu.recognised"] = new(JsonSerializer.SerializeToElement(recognised), source),
    });

    [Fact]
    public void SuppliedFacts_ReplaceTypedValues_AndTheExplanationSaysSo()
    {
        var pack = Commune().Build();
        var typed = PackBuilder.Data("""{ "kdc": { "tong": 9, "cong_nhan": 9 } }""");

        var result = pack.Evaluate(new UnitInfo("xa"), 2025, typed, Facts(9, 6, "6/9 khu dân cư đã được công nhận"));

        var tc04 = Assert.Single(result.Criteria);
        Assert.Equal(CriterionStatus.NotMet, tc04.Status);
        Assert.Contains("kdc.cong_nhan: 6 (theo dữ liệu hệ thống: 6/9 khu dân cư đã được công nhận)", tc04.Explanation, StringComparison.Ordinal);
        Assert.Contains("kdc.tong: 9 (theo dữ liệu hệ thống)", tc04.Explanation, StringComparison.Ordinal);
        Assert.Equal(["children.khu-dan-cu.total", "children.khu-dan-cu.recognised"], result.Facts!.Select(f => f.Id));
        Assert.Equal("/kdc/cong_nhan", result.Facts![1].Field);
    }

    [Fact]
    public void WithoutFacts_TheTypedValuesStand_AndNothingIsRecorded()
    {
        var pack = Commune().Build();
        var typed = PackBuilder.Data("""{ "kdc": { "tong": 10, "cong_nhan": 7 } }""");

        var result = pack.Evaluate(new UnitInfo("xa"), 2025, typed, facts: null);

        Assert.Equal(CriterionStatus.Met, result.Criteria[0].Status);
        Assert.Null(result.Facts);
        Assert.DoesNotContain("dữ liệu hệ thống", result.Criteria[0].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("facts", JsonSerializer.Serialize(result), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(200, 139, CriterionStatus.NotMet)] // 69.5 %
    [InlineData(200, 140, CriterionStatus.Met)]    // 70 %
    public void Facts_FillFieldsTheUnitLeftEmpty(long total, long recognised, CriterionStatus expected)
    {
        var pack = Commune().Build();

        var result = pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("{}"), Facts(total, recognised));

        Assert.True(result.Valid, string.Join("; ", result.Errors.Select(e => e.Path + " " + e.Message)));
        Assert.Equal(expected, result.Criteria[0].Status);
    }

    [Fact]
    public void AFactThatIsNotDeclared_IsIgnored()
    {
        var pack = Commune().Build();
        var facts = new PackFacts(new Dictionary<string, FactValue> { ["children.co-quan.total"] = new(JsonSerializer.SerializeToElement(1)) });

        var result = pack.Evaluate(new UnitInfo("xa"), 2025, PackBuilder.Data("""{ "kdc": { "tong": 10, "cong_nhan": 7 } }"""), facts);

        Assert.Null(result.Facts);
        Assert.Equal(CriterionStatus.Met, result.Criteria[0].Status);
    }

    [Theory]
    [InlineData("/kdc")]           // an object, not a field
    [InlineData("/kdc/khong_co")]  // no such field
    public void Load_FactThatFillsNoField_Refused(string fills)
    {
        var result = Commune().Manifest(m => m["facts"]![0]!["fills"] = fills).Load();

        Assert.False(result.Ok);
        Assert.Contains(result.Errors, e => e.Code == "manifest.fact-field");
    }

    [Fact]
    public void TestCases_CarryFacts_AndAnUndeclaredOneIsRefused()
    {
        var ok = Commune().Test("""
            { "name": "dữ liệu hệ thống", "unit": { "kind": "xa" }, "year": 2025, "data": { "kdc": { "tong": 10, "cong_nhan": 10 } },
              "facts": { "children.khu-dan-cu.total": 10, "children.khu-dan-cu.recognised": { "value": 6, "source": "6/10" } },
              "expect": { "criteria": { "TC04": "notMet" } } }
            """).Load();
        Assert.True(ok.Ok, string.Join(Environment.NewLine, ok.Errors));

        var refused = Commune().Test("""
            { "name": "lạ", "unit": { "kind": "xa" }, "year": 2025, "data": {}, "facts": { "la": 1 }, "expect": {} }
            """).Load();
        Assert.Contains(refused.Errors, e => e.Code == "test.fact-unknown");
    }

    [Fact]
    public void Load_DuplicateFactIds_Refused()
    {
        var result = Commune().Manifest(m => m["facts"]![1]!["id"] = "children.khu-dan-cu.total").Load();

        Assert.Contains(result.Errors, e => e.Code == "manifest.duplicate-fact");
    }
}
