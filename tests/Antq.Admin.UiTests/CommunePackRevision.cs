using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.Admin.UiTests;

/// <summary>
/// Revisions of the shipped commune pack (criteria-packs/qd9745.xa) as an administrator would
/// upload them: one the server accepts (a new field, a relabelled field and a province criterion
/// over the new field, under a bumped version) and one it refuses.
/// </summary>
public static class CommunePackRevision
{
    public const string Id = "qd9745.xa";

    /// <summary>The shipped version (read from the repository: it changes) and the patch after it, the revision the administration test uploads.</summary>
    public static readonly string ShippedVersion = PackArchives.ShippedVersion(Id);

    public static readonly string Patch = PackArchives.After(ShippedVersion, minor: false);
    public const string NewField = "/tc01/so_hoi_nghi";
    public const string NewFieldTitle = "Số hội nghị quán triệt đã tổ chức trong năm";
    public const string RelabelledField = "/tc01/cach_thuc";
    public const string NewLabel = "Cách thức quán triệt, triển khai (nêu cụ thể)";
    public const string NewCriterion = "TC35";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Accepted: the new field and the criterion that reads it. The pack's own test cases get a value
    /// for the new field, so they still pass; stored submissions lack it, so the impact preview shows
    /// them moving from "đạt" to "cần bổ sung".
    /// </summary>
    public static byte[] Accepted(string version) => Zip(files =>
    {
        Edit(files, "pack.json", m => m["version"] = version);
        Edit(files, "form.schema.json", schema =>
        {
            var tc01 = schema["properties"]!["tc01"]!["properties"]!;
            tc01["so_hoi_nghi"] = new JsonObject
            {
                ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 1000, ["title"] = NewFieldTitle,
                ["x-ui"] = new JsonObject { ["widget"] = "number", ["order"] = 5, ["help"] = "Tiêu chí bổ sung của tỉnh (thử nghiệm)." },
            };
            tc01["cach_thuc"]!["title"] = NewLabel;
        });
        Edit(files, "rules.json", rules => rules[0]!["Rules"]!.AsArray().Add(new JsonObject
        {
            ["RuleName"] = NewCriterion,
            ["Expression"] = "form.tc01.so_hoi_nghi >= 1",
            ["ErrorMessage"] = "Chưa tổ chức hội nghị quán triệt nào trong năm",
            ["SuccessEvent"] = "Đã tổ chức hội nghị quán triệt",
            ["Properties"] = new JsonObject { ["title"] = "Tiêu chí bổ sung của tỉnh: tổ chức hội nghị quán triệt", ["group"] = "Tiêu chí bổ sung của tỉnh", ["points"] = 0 },
        }));
        // Each test case gets the new field (2 meetings where criterion 1 is met, none where it is not)
        // and one more criterion in the summary it expects.
        foreach (var test in files.Keys.Where(k => k.StartsWith("tests/", StringComparison.Ordinal)).ToList())
            Edit(files, test, t =>
            {
                var status = "notEvaluable";
                if (t["data"]?["tc01"] is JsonObject tc01 && tc01.Count > 0)
                {
                    var met = tc01["dat"] is JsonValue dat && dat.TryGetValue<bool>(out var d) && d;
                    tc01["so_hoi_nghi"] = met ? 2 : 0;
                    status = met ? "met" : "notMet";
                }
                if (t["expect"]?["summary"] is JsonObject summary)
                {
                    summary["total"] = summary["total"]!.GetValue<int>() + 1;
                    summary[status] = summary[status]!.GetValue<int>() + 1;
                }
            });
    });

    /// <summary>Refused: an expression that does not parse (TC05) and one that reads a field the form lacks (TC06).</summary>
    public static byte[] Broken(string version) => Zip(files =>
    {
        Edit(files, "pack.json", m => m["version"] = version);
        Edit(files, "rules.json", rules =>
        {
            var list = rules[0]!["Rules"]!.AsArray();
            Rule(list, "TC05")["Expression"] = "form.tc05.dat == (";
            Rule(list, "TC06")["Expression"] = "form.tc06.khong_ton_tai == true";
        });
    });

    private static JsonObject Rule(JsonArray rules, string name) =>
        rules.Select(r => r!.AsObject()).Single(r => r["RuleName"]!.GetValue<string>() == name);

    private static void Edit(Dictionary<string, string> files, string name, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(files[name])!;
        edit(node);
        files[name] = node.ToJsonString(Indented);
    }

    private static byte[] Zip(Action<Dictionary<string, string>> edit)
    {
        var files = PackArchives.Shipped(Id);
        edit(files);
        return PackArchives.Zip(files);
    }
}
