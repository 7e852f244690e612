using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Antq.Admin.UiTests;

/// <summary>
/// A pack the server has never seen: the shipped commune pack (Circular 124) under a new id, with a
/// section of the widgets the shipped packs do not use (percent, checklist, radio of labelled strings,
/// checkbox with a conditional, required textarea).
/// </summary>
public static class WidgetPack
{
    public const string Id = "thu-nghiem.giao-dien";
    public const string Title = "Bộ tiêu chí thử nghiệm giao diện";

    public static byte[] Zip() =>
        PackArchives.Zip(PackArchives.Shipped("tt124.xa").Select(f => KeyValuePair.Create(f.Key, f.Key switch
        {
            "pack.json" => Manifest(f.Value),
            "form.schema.json" => Schema(f.Value),
            _ => f.Value,
        })));

    private static string Manifest(string json)
    {
        var manifest = JsonNode.Parse(json)!.AsObject();
        manifest["id"] = Id;
        manifest["version"] = "1.0.0";
        manifest["title"] = Title;
        return manifest.ToJsonString();
    }

    private static string Schema(string json)
    {
        var schema = JsonNode.Parse(json)!.AsObject();
        schema["x-ui"]!["sections"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "bo-sung",
            ["title"] = "Thông tin bổ sung",
            ["description"] = "Mục thử nghiệm các kiểu trường của biểu mẫu.",
        });
        schema["properties"]!["bo_sung"] = JsonNode.Parse("""
            {
              "type": "object",
              "title": "Thông tin bổ sung",
              "x-ui": { "section": "bo-sung", "order": 1 },
              "properties": {
                "ty_le_tham_gia": { "type": "number", "minimum": 0, "maximum": 100, "title": "Tỷ lệ hộ gia đình tham gia",
                  "x-ui": { "widget": "percent", "order": 1 } },
                "hinh_thuc": { "type": "array", "uniqueItems": true, "title": "Hình thức tuyên truyền",
                  "items": { "type": "string", "oneOf": [
                    { "const": "loa", "title": "Loa truyền thanh" }, { "const": "hop", "title": "Họp dân" }, { "const": "mang", "title": "Mạng xã hội" } ] },
                  "x-ui": { "widget": "checklist", "order": 2 } },
                "muc_do": { "type": "string", "title": "Mức độ tự đánh giá",
                  "oneOf": [ { "const": "tot", "title": "Tốt" }, { "const": "kha", "title": "Khá" } ],
                  "x-ui": { "widget": "radio", "order": 3 } },
                "co_y_kien": { "type": "boolean", "title": "Có ý kiến khác", "x-ui": { "widget": "checkbox", "order": 4 } },
                "y_kien": { "type": "string", "maxLength": 2000, "title": "Ý kiến khác",
                  "x-ui": { "widget": "textarea", "order": 5, "visibleWhen": "form.bo_sung.co_y_kien == true", "help": "Ghi rõ ý kiến, kiến nghị của đơn vị." } }
              },
              "required": [ "y_kien" ]
            }
            """);
        return schema.ToJsonString();
    }
}
