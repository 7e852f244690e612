using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Documents;

/// <summary>
/// Issue 18: the documents issued for qd9745.xa, rendered from real evaluations of the pack's own
/// test cases, speak to people — fields by their labels, dates as dd/MM/yyyy, years ungrouped —
/// never by field id or ISO date.
/// </summary>
public sealed partial class ShippedPackDocumentsTests
{
    private static readonly Lazy<CompiledPack> Pack = new(() =>
    {
        var result = PackLoader.Load(Path.Combine(Repo.CriteriaPacks, "qd9745.xa"), new PackLoadOptions { TemplateDirectory = Repo.Templates });
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return result.Pack!;
    });

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var document in new[] { "to-trinh", "bao-cao-ket-qua", "bien-ban-hop-xet" })
            foreach (var test in new[] { "01-tat-ca-dat.json", "02-tat-ca-chua-dat.json", "08-quy-i-ranh-gioi.json", "09-thieu-ngay-ban-hanh.json" })
                data.Add(document, test);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Documents_of_qd9745_xa_hold_no_field_id_and_no_iso_date(string document, string testFile)
    {
        var pack = Pack.Value;
        using var test = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.CriteriaPacks, "qd9745.xa", "tests", testFile)));
        var year = test.RootElement.GetProperty("year").GetInt32();
        var kind = test.RootElement.GetProperty("unit").GetProperty("kind").GetString()!;
        var data = test.RootElement.GetProperty("data").Clone();
        var unit = new UnitInfo(kind, "26041", "Xã An Phước", "commune", "Ủy ban nhân dân huyện Long Thành");
        var evaluation = pack.Evaluate(unit, year, data);
        var input = TemplateModelInput.Sample(unit, year, pack.Manifest, data, evaluation, document);
        var parsed = TemplateSandbox.Parse(File.ReadAllText(Path.Combine(Repo.Templates, $"{document}.scriban")), $"{document}.scriban");
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        var rendered = TemplateSandbox.Render(parsed.Template, TemplateModel.Build(input), RenderOptions.Default);
        Assert.True(rendered.Ok, string.Join("\n", rendered.Errors));
        // The footer names the pack by id and version (the verification line): that is not a field.
        var text = DefaultTemplatesTests.Normalise(rendered.Output).Replace("qd9745.xa", "", StringComparison.Ordinal);

        Assert.DoesNotMatch(IsoDate(), text);
        Assert.DoesNotMatch(GroupedYear(), text);
        foreach (var field in pack.Form.Fields.Where(f => f.Parent is not null))
        {
            Assert.DoesNotContain(field.DisplayPath + " ", text, StringComparison.Ordinal);
            Assert.DoesNotContain(field.DisplayPath + ":", text, StringComparison.Ordinal);
            if (field.Name.Contains('_')) Assert.DoesNotMatch(new Regex($@"\b{Regex.Escape(field.Name)}\b"), text);
        }
        Assert.DoesNotContain("hang_phan_loai_duoc_chon", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" = ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanations_name_labels_choice_titles_and_dates_as_people_write_them()
    {
        var pack = Pack.Value;
        using var test = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.CriteriaPacks, "qd9745.xa", "tests", "02-tat-ca-chua-dat.json")));
        var data = test.RootElement.GetProperty("data").Clone();
        var evaluation = pack.Evaluate(new UnitInfo("phuong"), 2025, data);
        var all = evaluation.Criteria.Flatten().GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());

        Assert.Contains("Năm được đánh giá, phân loại phong trào (Điều kiện lựa chọn): 2023", all["DK01.a"].Explanation, StringComparison.Ordinal);
        Assert.Contains("Kết quả phân loại phong trào năm đó (Điều kiện lựa chọn): Trung bình", all["DK01.b"].Explanation, StringComparison.Ordinal);
        Assert.Contains("Đơn vị tự đánh giá đạt tiêu chí này (Tiêu chí 1): không", all["TC01"].Explanation, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b[12]\.\d{3}\b(?!\.\d)")]
    private static partial Regex GroupedYear();
}
