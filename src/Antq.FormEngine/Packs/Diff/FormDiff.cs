using System.Text.Json.Nodes;
using Antq.FormEngine.Forms;

namespace Antq.FormEngine.Packs.Diff;

/// <summary>
/// form.schema.json, field by field (by data pointer, <c>*</c> for table rows): label, type and
/// widget, required, constraints, options and the <c>x-ui</c> hints. A field inside an added or
/// removed group is not listed again.
/// </summary>
internal static class FormDiff
{
    /// <summary>Schema keywords compared one by one, with the words people read.</summary>
    private static readonly (string Keyword, string Label)[] Keywords =
    [
        ("description", "mô tả"),
        ("minimum", "giá trị nhỏ nhất"),
        ("maximum", "giá trị lớn nhất"),
        ("exclusiveMinimum", "phải lớn hơn"),
        ("exclusiveMaximum", "phải nhỏ hơn"),
        ("multipleOf", "bội số của"),
        ("minLength", "độ dài tối thiểu"),
        ("maxLength", "độ dài tối đa"),
        ("pattern", "mẫu kiểm tra (pattern)"),
        ("format", "định dạng"),
        ("enum", "danh sách giá trị"),
        ("const", "giá trị cố định"),
        ("minItems", "số dòng tối thiểu"),
        ("maxItems", "số dòng tối đa"),
        ("uniqueItems", "không trùng dòng"),
        ("default", "giá trị mặc định"),
    ];

    private static readonly (string Keyword, string Label)[] UiKeywords =
    [
        ("visibleWhen", "điều kiện hiển thị (visibleWhen)"),
        ("section", "mục"),
        ("order", "thứ tự"),
        ("help", "hướng dẫn"),
    ];

    public static IEnumerable<PackDiffEntry> Compare(FormModel from, FormModel to)
    {
        var w = new DiffWriter(DiffArea.Form);
        var before = from.Fields.Where(f => f.Parent is not null).ToDictionary(f => f.Pointer, StringComparer.Ordinal);
        var after = to.Fields.Where(f => f.Parent is not null).ToDictionary(f => f.Pointer, StringComparer.Ordinal);
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);
        var added = after.Keys.Where(k => !before.ContainsKey(k)).ToHashSet(StringComparer.Ordinal);

        foreach (var field in from.Fields.Where(f => removed.Contains(f.Pointer) && !UnderAny(f, removed)))
            w.Removed(field.Pointer, Summary(field), $"Bỏ trường “{field.Label}” ({field.DisplayPath}){Children(field)}");
        foreach (var field in to.Fields.Where(f => f.Parent is not null))
        {
            if (added.Contains(field.Pointer))
            {
                if (!UnderAny(field, added))
                    w.Added(field.Pointer, Summary(field), $"Thêm trường “{field.Label}” ({field.DisplayPath}): {Summary(field)}{Children(field)}");
                continue;
            }
            Fields(w, before[field.Pointer], field);
        }
        return w.Entries;
    }

    private static void Fields(DiffWriter w, FormField old, FormField now)
    {
        var name = $"Trường “{now.Label}” ({now.DisplayPath})";
        w.Compare($"{now.Pointer}#title", old.Title, now.Title, $"{name}: nhãn");
        w.Compare($"{now.Pointer}#type", TypeText(old), TypeText(now), $"{name}: kiểu");
        var (wasRequired, isRequired) = (Required(old), Required(now));
        if (wasRequired != isRequired)
            w.Changed($"{now.Pointer}#required", YesNo(wasRequired), YesNo(isRequired),
                $"{name}: {(isRequired ? "trở thành bắt buộc" : "không còn bắt buộc")}");
        foreach (var (keyword, label) in Keywords)
            w.Compare($"{now.Pointer}#{keyword}", DiffWriter.Text(old.Schema[keyword]), DiffWriter.Text(now.Schema[keyword]), $"{name}: {label}");
        w.Compare($"{now.Pointer}#oneOf", Options(old), Options(now), $"{name}: các lựa chọn");
        var (oldUi, nowUi) = (old.Schema["x-ui"] as JsonObject, now.Schema["x-ui"] as JsonObject);
        foreach (var (keyword, label) in UiKeywords)
            w.Compare($"{now.Pointer}#x-ui.{keyword}", DiffWriter.Text(oldUi?[keyword]), DiffWriter.Text(nowUi?[keyword]), $"{name}: {label}");
        // Hints this list does not name (pack authors may add their own) are still compared.
        var known = UiKeywords.Select(k => k.Keyword).Append("widget").ToHashSet(StringComparer.Ordinal);
        foreach (var key in Keys(oldUi).Union(Keys(nowUi)).Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
            w.Compare($"{now.Pointer}#x-ui.{key}", DiffWriter.Text(oldUi?[key]), DiffWriter.Text(nowUi?[key]), $"{name}: x-ui.{key}");
    }

    private static IEnumerable<string> Keys(JsonObject? o) => o is null ? [] : o.Select(p => p.Key);

    private static bool UnderAny(FormField field, HashSet<string> pointers)
    {
        for (var f = field.Parent; f is not null; f = f.Parent)
            if (pointers.Contains(f.Pointer)) return true;
        return false;
    }

    private static string Children(FormField field)
    {
        var count = Descendants(field).Count();
        return count == 0 ? "" : $" (gồm {count} trường con)";
    }

    private static IEnumerable<FormField> Descendants(FormField field)
    {
        foreach (var child in field.Children.Concat(field.Item is null ? [] : [field.Item]))
        {
            if (child.Name != "*") yield return child;
            foreach (var d in Descendants(child)) yield return d;
        }
    }

    public static bool Required(FormField field) =>
        field.Parent?.Schema["required"] is JsonArray required && required.Any(r => DiffWriter.Text(r) == field.Name);

    private static string YesNo(bool value) => value ? "bắt buộc" : "không bắt buộc";

    /// <summary>"số nguyên, bắt buộc, từ 0 đến 100" — what an added or removed field is.</summary>
    private static string Summary(FormField field)
    {
        var parts = new List<string> { TypeText(field) };
        if (Required(field)) parts.Add("bắt buộc");
        foreach (var (keyword, label) in Keywords.Where(k => k.Keyword != "description"))
            if (DiffWriter.Text(field.Schema[keyword]) is { } value) parts.Add($"{label} {value}");
        if (Options(field) is { } options) parts.Add($"lựa chọn: {options}");
        if (DiffWriter.Text((field.Schema["x-ui"] as JsonObject)?["visibleWhen"]) is { } visible) parts.Add($"hiện khi {visible}");
        return string.Join(", ", parts);
    }

    private static string TypeText(FormField field)
    {
        var kind = field.Kind switch
        {
            FieldKind.Integer => "số nguyên",
            FieldKind.Number => "số",
            FieldKind.Boolean => "có/không",
            FieldKind.String => "văn bản",
            FieldKind.Object => "nhóm trường",
            FieldKind.Array => "bảng/danh sách",
            _ => "không xác định",
        };
        return DiffWriter.Text((field.Schema["x-ui"] as JsonObject)?["widget"]) is { } widget ? $"{kind} (ô {widget})" : kind;
    }

    /// <summary>The labelled options of a <c>oneOf</c> of constants: <c>kha = Khá; tb = Trung bình</c>.</summary>
    private static string? Options(FormField field)
    {
        var node = field.Schema["oneOf"] ?? (field.Schema["items"] as JsonObject)?["oneOf"];
        if (node is not JsonArray options) return null;
        return string.Join("; ", options.OfType<JsonObject>().Select(o =>
            DiffWriter.Text(o["title"]) is { } title ? $"{DiffWriter.Text(o["const"])} = {title}" : DiffWriter.Text(o["const"]) ?? DiffWriter.Text(o)!));
    }
}
