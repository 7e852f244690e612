using System.Globalization;
using System.Text.Json.Nodes;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Vietnamese messages per JSON Schema keyword. JsonSchema.Net's own messages are English and its
/// overrides are process-wide, so the engine keeps its own table and reads the keyword's value from
/// the field's schema.
/// </summary>
internal static class ValidationMessages
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string For(string keyword, FormField? field, string englishFallback)
    {
        var schema = field?.Schema;
        string Value(string key) => schema?[key] is JsonValue v ? Format(v) : "";
        return keyword switch
        {
            "type" => field?.Kind switch
            {
                FieldKind.Integer => "Phải là số nguyên.",
                FieldKind.Number => "Phải là số.",
                FieldKind.Boolean => "Phải chọn Có hoặc Không.",
                FieldKind.String => "Phải là văn bản.",
                FieldKind.Object => "Phải là một nhóm thông tin (đối tượng).",
                FieldKind.Array => "Phải là một danh sách.",
                _ => "Sai kiểu dữ liệu.",
            },
            "minimum" => $"Phải lớn hơn hoặc bằng {Value("minimum")}.",
            "maximum" => $"Phải nhỏ hơn hoặc bằng {Value("maximum")}.",
            "exclusiveMinimum" => $"Phải lớn hơn {Value("exclusiveMinimum")}.",
            "exclusiveMaximum" => $"Phải nhỏ hơn {Value("exclusiveMaximum")}.",
            "multipleOf" => $"Phải là bội số của {Value("multipleOf")}.",
            "minLength" => $"Phải có ít nhất {Value("minLength")} ký tự.",
            "maxLength" => $"Không được dài quá {Value("maxLength")} ký tự.",
            "pattern" => "Không đúng định dạng yêu cầu.",
            "format" => FormatMessage(schema?["format"] is JsonValue f && f.TryGetValue<string>(out var s) ? s : ""),
            "enum" or "const" or "oneOf" or "anyOf" => "Giá trị không nằm trong danh sách được chọn.",
            "minItems" => $"Phải có ít nhất {Value("minItems")} mục.",
            "maxItems" => $"Không được quá {Value("maxItems")} mục.",
            "uniqueItems" => "Các mục trong danh sách không được trùng nhau.",
            "minProperties" => $"Phải có ít nhất {Value("minProperties")} thông tin.",
            "maxProperties" => $"Không được quá {Value("maxProperties")} thông tin.",
            "additionalProperties" or "unevaluatedProperties" or "" or "false" => "Thông tin này không có trong biểu mẫu.",
            "contains" or "minContains" or "maxContains" => "Danh sách chưa có mục theo yêu cầu.",
            "not" => "Giá trị này không được phép.",
            _ => $"Không hợp lệ ({keyword}: {englishFallback}).",
        };
    }

    public static string Required(FormField? missing, string name) =>
        $"Thiếu thông tin bắt buộc: «{missing?.Title ?? name}».";

    private static string FormatMessage(string format) => format switch
    {
        "date" => "Phải là ngày hợp lệ (YYYY-MM-DD).",
        "date-time" => "Phải là ngày giờ hợp lệ.",
        "time" => "Phải là giờ hợp lệ.",
        "email" => "Phải là địa chỉ thư điện tử hợp lệ.",
        "uri" or "uri-reference" or "iri" or "iri-reference" => "Phải là đường dẫn tệp hoặc địa chỉ hợp lệ.",
        _ => $"Không đúng định dạng {format}.",
    };

    private static string Format(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d.ToString("#,##0.##", Vietnamese) : value.ToJsonString();
}
