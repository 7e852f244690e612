using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Studio;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Studio;

public sealed class StudioEngineTests
{
    private static readonly PackLoadOptions Options = new() { TemplateDirectory = Repo.Templates };

    internal static PackDocument Shipped(string id)
    {
        var read = PackReader.Read(Path.Combine(Repo.CriteriaPacks, id));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        return PackDocument.FromFiles(read.Files!);
    }

    [Fact]
    public async Task Export_import_export_gives_identical_bytes()
    {
        var first = Shipped("qd9745.xa").ToZip();
        var read = await PackReader.ReadZipAsync(new MemoryStream(first));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        var second = PackDocument.FromFiles(read.Files!).ToZip();
        Assert.Equal(first, second);
        var loaded = await PackLoader.LoadZipAsync(new MemoryStream(second), Options);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
    }

    [Fact]
    public void Canonical_json_keeps_vietnamese_and_property_order()
    {
        var text = PackWriter.TryCanonicalise("{\"b\":1,\"a\":\"Tiêu chí \\\"3\\\"\"}");
        Assert.Equal("{\n  \"b\": 1,\n  \"a\": \"Tiêu chí \\\"3\\\"\"\n}\n", text);
    }

    [Fact]
    public void Stored_draft_round_trips()
    {
        var doc = Shipped("qd9745.xa");
        var again = PackDocument.Deserialize(doc.Serialize());
        Assert.Equal(doc.ToZip(), again.ToZip());
    }

    [Fact]
    public void Built_criteria_compile_in_the_sandbox_and_evaluate_as_expected()
    {
        var doc = PackDocument.New("thu.studio", "Gói thử", ["xa"], "district", 2025);
        var schema = (JsonObject)doc.Json(PackDocument.Schema)!;
        FormDesign.Add(schema, "", "so_ho", "number", "Số hộ", "chung");
        FormDesign.Add(schema, "", "so_ho_dang_ky", "number", "Số hộ đăng ký", "chung");
        FormDesign.Add(schema, "", "so_vu", "number", "Số vụ", "chung");
        FormDesign.Add(schema, "", "to_tu_quan", "table", "Tổ tự quản", "chung");
        FormDesign.Add(schema, "to_tu_quan", "hieu_qua", "checkbox", "Hoạt động hiệu quả", null);
        FormDesign.Add(schema, "", "ghi_chu", "text", "Ghi chú", "chung");
        FormDesign.SetVisibleWhen(schema, "ghi_chu", CriterionShapes.CompareValue("so_vu", Comparison.Greater, 0));
        doc.SetJson(PackDocument.Schema, schema);
        var rules = (JsonArray)doc.Json(PackDocument.Rules)!;
        var list = (JsonArray)rules[0]!["Rules"]!;
        list.Add(CriterionShapes.Rule("TC02", "Tỷ lệ hộ đăng ký", "Nhóm 1", CriterionShapes.Percentage("so_ho_dang_ky", "so_ho", Comparison.GreaterOrEqual, 70)));
        list.Add(CriterionShapes.Rule("TC03", "Không quá 2 vụ", "Nhóm 1", CriterionShapes.CompareValue("so_vu", Comparison.LessOrEqual, 2)));
        list.Add(CriterionShapes.Rule("TC04", "Đăng ký không vượt số hộ", null, CriterionShapes.CompareFields("so_ho_dang_ky", Comparison.LessOrEqual, "so_ho")));
        list.Add(CriterionShapes.Composite("TC05", "Tổ tự quản", null, all: false,
        [
            CriterionShapes.Rule("TC05.a", "Ít nhất 2 tổ hiệu quả", null, CriterionShapes.CountRows("to_tu_quan", "hieu_qua", Comparison.Equal, true, Comparison.GreaterOrEqual, 2)),
            CriterionShapes.Rule("TC05.b", "Có ít nhất 3 tổ", null, CriterionShapes.CountRows("to_tu_quan", null, Comparison.Equal, null, Comparison.GreaterOrEqual, 3)),
        ]));
        doc.SetJson(PackDocument.Rules, rules);
        // The new criteria are not met by the first test's data: its expected outcome changes.
        var first = doc.Json("tests/01-dat.json")!;
        first["expect"]!["outcome"] = "chua-dat";
        doc.SetJson("tests/01-dat.json", first);
        doc.SetJson("tests/02-tinh.json", JsonNode.Parse("""
            { "name": "Tính", "unit": { "kind": "xa" }, "year": 2025,
              "data": { "tc01_dat": true, "so_ho": 100, "so_ho_dang_ky": 69, "so_vu": 2, "ghi_chu": "x",
                        "to_tu_quan": [ { "ten": "A", "hieu_qua": true }, { "ten": "B", "hieu_qua": false }, { "ten": "C", "hieu_qua": false } ] },
              "expect": { "valid": true, "criteria": { "TC02": "notMet", "TC03": "met", "TC04": "met", "TC05": "met", "TC05.a": "notMet", "TC05.b": "met" } } }
            """)!);
        doc.SetJson("tests/03-thieu.json", JsonNode.Parse("""
            { "name": "Thiếu số hộ", "unit": { "kind": "xa" }, "year": 2025,
              "data": { "tc01_dat": true, "so_ho_dang_ky": 70, "so_vu": 0, "to_tu_quan": [] },
              "expect": { "criteria": { "TC02": "notEvaluable", "TC03": "met", "TC05": "notMet" } } }
            """)!);

        var verdict = StudioCheck.Verify(doc, Options);
        Assert.True(verdict.Ok, string.Join("\n", verdict.Errors));
        Assert.Equal(3, verdict.Tests.Count);
        Assert.All(verdict.Tests, t => Assert.True(t.Passed));
        Assert.Equal("form.so_ho > 0 && form.so_ho_dang_ky * 100.0 / form.so_ho >= 70.0", CriterionShapes.Percentage("so_ho_dang_ky", "so_ho", Comparison.GreaterOrEqual, 70));
    }

    [Fact]
    public void A_typed_expression_gets_the_loaders_message_and_pointer()
    {
        var doc = Shipped("qd9745.xa");
        var schema = doc.Text(PackDocument.Schema)!;
        Assert.Null(StudioCheck.CheckExpression(schema, "form.tc03.dat == true", "rules.json#/0/Rules/3/Expression"));
        var unknown = StudioCheck.CheckExpression(schema, "form.tc03.khong_co >= 2", "rules.json#/0/Rules/3/Expression");
        Assert.NotNull(unknown);
        Assert.Equal("rules.json#/0/Rules/3/Expression", unknown.Path);

        // The same text in the file gives the same error from the full verification.
        var rules = (JsonArray)doc.Json(PackDocument.Rules)!;
        var tc03 = ((JsonArray)rules[0]!["Rules"]!).Single(r => r!["RuleName"]!.ToString() == "TC03")!;
        var index = ((JsonArray)rules[0]!["Rules"]!).IndexOf(tc03);
        tc03["Expression"] = "form.tc03.khong_co >= 2";
        doc.SetJson(PackDocument.Rules, rules);
        var verdict = StudioCheck.Verify(doc, Options with { RunTests = false });
        var typed = StudioCheck.CheckExpression(schema, "form.tc03.khong_co >= 2", $"rules.json#/0/Rules/{index}/Expression");
        Assert.Contains(typed, verdict.Errors);

        var forbidden = StudioCheck.CheckExpression(schema, "form.tc03.cach_thuc.GetType() != null", "x");
        Assert.NotNull(forbidden);
    }

    [Fact]
    public void Removing_a_field_an_expression_reads_is_refused_with_its_readers()
    {
        var doc = Shipped("qd9745.xa");
        var readers = FormDesign.Remove(doc, "tc03.dat");
        Assert.Contains("TC03", readers);
        Assert.NotNull(FormDesign.At((JsonObject)doc.Json(PackDocument.Schema)!, "tc03.dat"));
        Assert.Empty(FormDesign.Remove(doc, "tc03.cach_thuc"));
        Assert.Null(FormDesign.At((JsonObject)doc.Json(PackDocument.Schema)!, "tc03.cach_thuc"));
    }

    [Fact]
    public void Moving_a_field_renumbers_its_section()
    {
        var doc = PackDocument.New("thu.studio", "Gói thử", ["xa"], "district", 2025);
        var schema = (JsonObject)doc.Json(PackDocument.Schema)!;
        FormDesign.Add(schema, "", "a", "text", "A", "chung");
        FormDesign.Add(schema, "", "b", "text", "B", "chung");
        FormDesign.Move(schema, "b", 0);
        var order = ((JsonObject)schema["properties"]!).Select(p => (p.Key, (int)p.Value!["x-ui"]!["order"]!)).ToList();
        Assert.Equal([("b", 1), ("tc01_dat", 2), ("a", 3)], order);
    }
}

public sealed class StudioPreviewTests
{
    [Fact]
    public void A_field_added_to_a_group_is_in_the_compiled_preview()
    {
        var read = PackReader.Read(Path.Combine(Repo.CriteriaPacks, "qd9745.xa"));
        var doc = PackDocument.FromFiles(read.Files!);
        var schema = (JsonObject)doc.Json(PackDocument.Schema)!;
        FormDesign.Add(schema, "tc03", "so_buoi", "number", "Số buổi", null);
        doc.SetJson(PackDocument.Schema, schema);
        var verdict = StudioCheck.Verify(doc, new PackLoadOptions { TemplateDirectory = Repo.Templates });
        Assert.True(verdict.Ok, string.Join("\n", verdict.Errors));
        Assert.Contains(verdict.Preview!.Form.Fields, f => f.Name == "so_buoi");
    }
}
