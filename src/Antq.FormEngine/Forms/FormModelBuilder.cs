using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Reads form.schema.json into a <see cref="FormModel"/>: one typed field per property, local
/// <c>$ref</c> resolved, <c>allOf</c> properties merged, and CLR classes generated so rule
/// expressions are compiled against real types (an empty array, a missing optional field and a full
/// one have the same shape).
/// </summary>
public static partial class FormModelBuilder
{
    public const string AbsentPropertyName = "__absent";
    private const int MaxDepth = 32;
    private const string File = "form.schema.json";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name) && !name.StartsWith("__", StringComparison.Ordinal);

    public static (FormModel? Model, IReadOnlyList<PackError> Errors) Build(JsonNode schemaRoot)
    {
        var state = new BuildState(schemaRoot);
        if (schemaRoot is not JsonObject rootObject)
        {
            state.Errors.Add(new PackError(File, "schema.root", "Lược đồ biểu mẫu phải là một đối tượng JSON (\"type\": \"object\")."));
            return (null, state.Errors);
        }
        var resolved = state.Resolve(rootObject, "", 0);
        if (resolved is null) return (null, state.Errors);
        if (KindOf(resolved) != FieldKind.Object)
        {
            state.Errors.Add(new PackError(PackError.At(File, "/type"), "schema.root", "Gốc của lược đồ biểu mẫu phải có \"type\": \"object\"."));
            return (null, state.Errors);
        }
        var root = state.NewField("", "", null, FieldKind.Object, resolved);
        state.Fill(root, resolved, "", 0);
        if (state.Errors.Count > 0) return (null, state.Errors);
        TypeFactory.Assign(root);
        return (new FormModel(root, state.Fields), state.Errors);
    }

    internal static FieldKind KindOf(JsonObject schema)
    {
        var type = schema["type"];
        if (type is JsonValue tv && tv.TryGetValue<string>(out var single)) return FromTypeName(single);
        if (type is JsonArray types)
        {
            var names = types.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : "").Where(s => s != "null").Distinct().ToList();
            if (names.Count == 1) return FromTypeName(names[0]);
            if (names.Count == 2 && names.Contains("integer") && names.Contains("number")) return FieldKind.Number;
            return FieldKind.Unknown;
        }
        if (schema.ContainsKey("properties")) return FieldKind.Object;
        if (schema.ContainsKey("items")) return FieldKind.Array;
        var values = new List<JsonNode?>();
        if (schema["const"] is { } c) values.Add(c);
        if (schema["enum"] is JsonArray e) values.AddRange(e);
        if (schema["oneOf"] is JsonArray one) values.AddRange(one.OfType<JsonObject>().Select(o => o["const"]).Where(n => n is not null));
        return values.Count == 0 ? FieldKind.Unknown : KindOfValues(values);
    }

    private static FieldKind KindOfValues(List<JsonNode?> values)
    {
        var kinds = values.Where(v => v is not null).Select(v => v!.GetValueKind() switch
        {
            JsonValueKind.String => FieldKind.String,
            JsonValueKind.True or JsonValueKind.False => FieldKind.Boolean,
            JsonValueKind.Number => v.AsValue().TryGetValue<long>(out _) ? FieldKind.Integer : FieldKind.Number,
            _ => FieldKind.Unknown,
        }).Distinct().ToList();
        if (kinds.Count == 1) return kinds[0];
        if (kinds.Count == 2 && kinds.Contains(FieldKind.Integer) && kinds.Contains(FieldKind.Number)) return FieldKind.Number;
        return FieldKind.Unknown;
    }

    private static FieldKind FromTypeName(string name) => name switch
    {
        "integer" => FieldKind.Integer,
        "number" => FieldKind.Number,
        "boolean" => FieldKind.Boolean,
        "string" => FieldKind.String,
        "object" => FieldKind.Object,
        "array" => FieldKind.Array,
        _ => FieldKind.Unknown,
    };

    private sealed class BuildState(JsonNode root)
    {
        public List<PackError> Errors { get; } = [];
        public List<FormField> Fields { get; } = [];

        public FormField NewField(string name, string pointer, FormField? parent, FieldKind kind, JsonObject schema)
        {
            var field = new FormField(Fields.Count, name, pointer, parent, kind, schema);
            Fields.Add(field);
            return field;
        }

        /// <summary>Follows local $ref chains and merges allOf properties into one schema object.</summary>
        public JsonObject? Resolve(JsonObject schema, string schemaPointer, int depth, HashSet<string>? seen = null)
        {
            if (schema["$ref"] is JsonValue rv && rv.TryGetValue<string>(out var reference))
            {
                if (!reference.StartsWith('#'))
                {
                    Errors.Add(new PackError(PackError.At(File, schemaPointer + "/$ref"), "schema.remote-ref",
                        $"Không được tham chiếu lược đồ ngoài gói (\"{reference}\"): chỉ dùng \"$ref\" nội bộ như \"#/$defs/...\"."));
                    return null;
                }
                seen ??= [];
                if (!seen.Add(reference) || depth > MaxDepth)
                {
                    Errors.Add(new PackError(PackError.At(File, schemaPointer + "/$ref"), "schema.ref-cycle",
                        $"Tham chiếu \"$ref\" \"{reference}\" tạo thành vòng lặp."));
                    return null;
                }
                var target = ResolvePointer(reference[1..]);
                if (target is not JsonObject targetObject)
                {
                    Errors.Add(new PackError(PackError.At(File, schemaPointer + "/$ref"), "schema.ref-missing",
                        $"Không tìm thấy đích của \"$ref\": \"{reference}\"."));
                    return null;
                }
                var resolvedTarget = Resolve(targetObject, reference[1..], depth + 1, seen);
                if (resolvedTarget is null) return null;
                // Sibling keywords of $ref (title, x-ui…) win over the target's.
                var merged = (JsonObject)resolvedTarget.DeepClone();
                foreach (var (key, value) in schema)
                    if (key != "$ref") merged[key] = value?.DeepClone();
                return merged;
            }
            if (schema["allOf"] is JsonArray allOf && allOf.OfType<JsonObject>().Any(s => s.ContainsKey("properties") || s.ContainsKey("$ref")))
            {
                var merged = (JsonObject)schema.DeepClone();
                var props = merged["properties"] as JsonObject ?? new JsonObject();
                for (var i = 0; i < allOf.Count; i++)
                {
                    if (allOf[i] is not JsonObject part) continue;
                    var resolvedPart = Resolve(part, $"{schemaPointer}/allOf/{i}", depth + 1, seen is null ? null : [.. seen]);
                    if (resolvedPart?["properties"] is not JsonObject partProps) continue;
                    foreach (var (key, value) in partProps)
                        if (!props.ContainsKey(key)) props[key] = value?.DeepClone();
                    if (merged["type"] is null && resolvedPart["type"] is { } t) merged["type"] = t.DeepClone();
                }
                merged["properties"] = props;
                return merged;
            }
            return schema;
        }

        private JsonNode? ResolvePointer(string pointer)
        {
            JsonNode? node = root;
            foreach (var segment in FormModel.PointerSegments(Uri.UnescapeDataString(pointer)))
            {
                node = node switch
                {
                    JsonObject o => o[segment],
                    JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                    _ => null,
                };
                if (node is null) return null;
            }
            return node;
        }

        public void Fill(FormField field, JsonObject schema, string schemaPointer, int depth)
        {
            if (depth > MaxDepth)
            {
                Errors.Add(new PackError(PackError.At(File, schemaPointer), "schema.too-deep", $"Biểu mẫu lồng nhau quá {MaxDepth} cấp."));
                return;
            }
            if (field.Kind == FieldKind.Object && schema["properties"] is JsonObject properties)
            {
                foreach (var (name, value) in properties)
                {
                    var childPointer = $"{schemaPointer}/properties/{Escape(name)}";
                    if (value is not JsonObject childSchema) continue; // boolean subschemas carry no type
                    var resolved = Resolve(childSchema, childPointer, depth + 1);
                    if (resolved is null) continue;
                    var child = NewField(name, $"{field.Pointer}/{Escape(name)}", field, KindOf(resolved), resolved);
                    child.ChildIndex = field.Children.Count;
                    field.Children.Add(child);
                    Fill(child, resolved, childPointer, depth + 1);
                }
            }
            else if (field.Kind == FieldKind.Array)
            {
                var items = schema["items"] as JsonObject;
                var resolved = items is null ? null : Resolve(items, schemaPointer + "/items", depth + 1);
                var item = NewField("*", field.Pointer + "/*", field, resolved is null ? FieldKind.Unknown : KindOf(resolved), resolved ?? []);
                field.Item = item;
                if (resolved is not null) Fill(item, resolved, schemaPointer + "/items", depth + 1);
            }
        }

        private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }
}
