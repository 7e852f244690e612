using System.Text.Json.Nodes;

namespace Antq.FormEngine.Studio;

/// <summary>A field type of the pack contract, as the studio offers it (x-ui.widget plus a schema to start from).</summary>
public sealed record FieldType(string Widget, string Label, Func<JsonObject> Schema);

/// <summary>
/// Edits of form.schema.json the form designer makes: fields added, removed and reordered within a
/// section (<c>x-ui.order</c>), required flags. Paths are dotted from the root (<c>tc03.so_vu</c>).
/// The schema stays plain JSON Schema 2020-12 with x-ui hints.
/// </summary>
public static class FormDesign
{
    public static IReadOnlyList<FieldType> Types { get; } =
    [
        new("text", "Văn bản ngắn", () => new JsonObject { ["type"] = "string", ["maxLength"] = 500 }),
        new("textarea", "Văn bản dài", () => new JsonObject { ["type"] = "string", ["maxLength"] = 10000 }),
        new("number", "Số", () => new JsonObject { ["type"] = "integer", ["minimum"] = 0 }),
        new("percent", "Tỷ lệ phần trăm", () => new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 100 }),
        new("date", "Ngày", () => new JsonObject { ["type"] = "string", ["format"] = "date" }),
        new("select", "Chọn một (danh sách)", () => new JsonObject { ["type"] = "string", ["oneOf"] = Options() }),
        new("radio", "Chọn một (nút chọn)", () => new JsonObject { ["type"] = "string", ["oneOf"] = Options() }),
        new("checkbox", "Có/không", () => new JsonObject { ["type"] = "boolean" }),
        new("checklist", "Chọn nhiều", () => new JsonObject { ["type"] = "array", ["uniqueItems"] = true, ["items"] = new JsonObject { ["type"] = "string", ["oneOf"] = Options() } }),
        new("file", "Tệp minh chứng", () => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference" } }),
        new("table", "Bảng", () => new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject
            {
                ["type"] = "object", ["additionalProperties"] = false,
                ["properties"] = new JsonObject { ["ten"] = new JsonObject { ["type"] = "string", ["title"] = "Tên" } },
            },
        }),
        new("group", "Nhóm trường", () => new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = new JsonObject() }),
    ];

    private static JsonArray Options() => new(
        new JsonObject { ["const"] = "co", ["title"] = "Có" },
        new JsonObject { ["const"] = "khong", ["title"] = "Không" });

    /// <summary>The schema object of the field at <paramref name="path"/> ("" is the root; a table's columns are under its items).</summary>
    public static JsonObject? At(JsonObject root, string path)
    {
        var node = root;
        if (path.Length == 0) return node;
        foreach (var part in path.Split('.'))
        {
            var container = node["type"]?.ToString() == "array" && node["items"] is JsonObject items ? items : node;
            if (container["properties"]?[part] is not JsonObject next) return null;
            node = next;
        }
        return node;
    }

    private static JsonObject Properties(JsonObject parent)
    {
        var container = parent["type"]?.ToString() == "array" && parent["items"] is JsonObject items ? items : parent;
        if (container["properties"] is JsonObject properties) return properties;
        properties = new JsonObject();
        container["properties"] = properties;
        return properties;
    }

    private static JsonObject Ui(JsonObject field)
    {
        if (field["x-ui"] is JsonObject ui) return ui;
        ui = new JsonObject();
        field["x-ui"] = ui;
        return ui;
    }

    /// <summary>Adds a field of <paramref name="widget"/> at the end of its section (or of its group).</summary>
    public static JsonObject Add(JsonObject root, string parentPath, string name, string widget, string title, string? section, bool required = false)
    {
        if (!Forms.FormModelBuilder.IsIdentifier(name)) throw new ArgumentException($"Tên trường “{name}” không hợp lệ: chỉ dùng chữ cái không dấu, số và dấu gạch dưới, không bắt đầu bằng số.");
        var type = Types.FirstOrDefault(t => t.Widget == widget) ?? throw new ArgumentException($"Không có loại trường “{widget}”.");
        var parent = At(root, parentPath) ?? throw new ArgumentException($"Không có nhóm “{parentPath}”.");
        var properties = Properties(parent);
        if (properties.ContainsKey(name)) throw new ArgumentException($"Đã có trường “{name}” ở đây.");
        var field = type.Schema();
        field["title"] = title;
        var ui = Ui(field);
        if (widget != "group") ui["widget"] = widget;
        if (section is not null && parentPath.Length == 0) ui["section"] = section;
        var siblings = properties.Select(p => p.Value).OfType<JsonObject>().Where(f => SameSection(f, section, parentPath)).ToList();
        ui["order"] = siblings.Count == 0 ? 1 : siblings.Max(Order) + 1;
        properties[name] = field;
        if (required) SetRequired(root, parentPath.Length == 0 ? name : parentPath + "." + name, true);
        return field;
    }

    private static bool SameSection(JsonObject field, string? section, string parentPath) =>
        parentPath.Length > 0 || field["x-ui"]?["section"]?.ToString() == section;

    private static int Order(JsonObject field) => field["x-ui"]?["order"] is JsonValue v && v.TryGetValue<int>(out var o) ? o : 0;

    /// <summary>Removes a field; refused (with the readers) while an expression or a visibility condition reads it.</summary>
    public static IReadOnlyList<string> Remove(PackDocument draft, string path)
    {
        var readers = StudioCheck.ReadersOf(draft, path);
        if (readers.Count > 0) return readers;
        var root = (JsonObject)draft.Json(PackDocument.Schema)!;
        var (parentPath, name) = Split(path);
        var parent = At(root, parentPath) ?? throw new ArgumentException($"Không có trường “{path}”.");
        var container = parent["type"]?.ToString() == "array" && parent["items"] is JsonObject items ? items : parent;
        (container["properties"] as JsonObject)?.Remove(name);
        if (container["required"] is JsonArray required)
            foreach (var item in required.Where(r => r?.ToString() == name).ToList()) required.Remove(item);
        draft.SetJson(PackDocument.Schema, root);
        return [];
    }

    /// <summary>
    /// Moves a field to <paramref name="index"/> among the fields of its section (its group for nested
    /// fields), renumbering <c>x-ui.order</c> 1, 2, 3… and keeping the properties in that order.
    /// </summary>
    public static void Move(JsonObject root, string path, int index)
    {
        var (parentPath, name) = Split(path);
        var parent = At(root, parentPath) ?? throw new ArgumentException($"Không có trường “{path}”.");
        var properties = Properties(parent);
        if (properties[name] is not JsonObject field) throw new ArgumentException($"Không có trường “{path}”.");
        var section = field["x-ui"]?["section"]?.ToString();
        var siblings = properties.Where(p => p.Value is JsonObject f && SameSection(f, section, parentPath))
            .OrderBy(p => Order((JsonObject)p.Value!)).Select(p => p.Key).ToList();
        siblings.Remove(name);
        siblings.Insert(Math.Clamp(index, 0, siblings.Count), name);
        for (var i = 0; i < siblings.Count; i++) Ui((JsonObject)properties[siblings[i]]!)["order"] = i + 1;
        // Keep the property order of the file in step with x-ui.order (readable diffs).
        var all = properties.ToList();
        properties.Clear();
        var ordered = all.Where(p => !siblings.Contains(p.Key)).ToList();
        var at = all.FindIndex(p => siblings.Contains(p.Key));
        ordered.InsertRange(Math.Min(at < 0 ? ordered.Count : at, ordered.Count), siblings.Select(s => all.First(p => p.Key == s)));
        foreach (var (key, value) in ordered) properties[key] = value;
    }

    public static void SetRequired(JsonObject root, string path, bool required)
    {
        var (parentPath, name) = Split(path);
        var parent = At(root, parentPath) ?? throw new ArgumentException($"Không có trường “{path}”.");
        var container = parent["type"]?.ToString() == "array" && parent["items"] is JsonObject items ? items : parent;
        var list = container["required"] as JsonArray ?? new JsonArray();
        var has = list.Any(r => r?.ToString() == name);
        if (required && !has) list.Add(name);
        if (!required && has) foreach (var item in list.Where(r => r?.ToString() == name).ToList()) list.Remove(item);
        if (list.Count > 0) container["required"] = list;
        else container.Remove("required");
    }

    /// <summary>Sets or clears a field's <c>x-ui.visibleWhen</c>.</summary>
    public static void SetVisibleWhen(JsonObject root, string path, string? condition)
    {
        var field = At(root, path) ?? throw new ArgumentException($"Không có trường “{path}”.");
        if (string.IsNullOrWhiteSpace(condition)) Ui(field).Remove("visibleWhen");
        else Ui(field)["visibleWhen"] = condition;
    }

    private static (string Parent, string Name) Split(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? ("", path) : (path[..dot], path[(dot + 1)..]);
    }
}
