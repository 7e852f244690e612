using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Antq.FormEngine.Forms;

namespace Antq.FormEngine.Evaluation;

/// <summary>
/// A hierarchy fact a pack reads (pack.json → <c>facts</c>): a value the host computes from its own
/// records — e.g. how many of a commune's residential areas are recognised this year — that fills
/// one form field. When the host supplies it, the evaluation uses it instead of what the unit typed
/// and says so in the explanation; when it does not, the typed value stands.
/// </summary>
/// <param name="Id">The fact's id, e.g. <c>children.khu-dan-cu.recognised</c>: what the host is asked for.</param>
/// <param name="Title">Vietnamese label.</param>
/// <param name="Fills">JSON Pointer of the form field it fills (a field of the form, not an object).</param>
public sealed record FactDeclaration(string Id, string Title, string Fills);

/// <summary>A fact's value as supplied, and where it came from in words ("7/9 khu dân cư đã được công nhận").</summary>
public sealed record FactValue(JsonElement Value, string? Source = null);

/// <summary>The facts supplied to one evaluation, by fact id: an input like the form, plain JSON values.</summary>
public sealed class PackFacts
{
    public static readonly PackFacts None = new(new Dictionary<string, FactValue>());

    public PackFacts(IReadOnlyDictionary<string, FactValue> values) => Values = values;

    public IReadOnlyDictionary<string, FactValue> Values { get; }

    public bool IsEmpty => Values.Count == 0;

    /// <summary>
    /// Reads <c>{ "id": value, … }</c> or <c>{ "id": { "value": v, "source": "…" }, … }</c> (the CLI's
    /// <c>--facts</c> file and a test case's <c>facts</c>). Null with a message when the shape is wrong.
    /// </summary>
    public static PackFacts? Parse(JsonNode? node, out string? error)
    {
        error = null;
        if (node is not JsonObject o) { error = "\"facts\" phải là một đối tượng JSON: { \"mã dữ kiện\": giá trị }."; return null; }
        var values = new Dictionary<string, FactValue>(StringComparer.Ordinal);
        foreach (var (id, v) in o)
        {
            if (v is JsonObject wrapped && wrapped.ContainsKey("value"))
            {
                var source = wrapped["source"] is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null;
                values[id] = new FactValue(JsonSerializer.SerializeToElement(wrapped["value"]), source);
            }
            else values[id] = new FactValue(JsonSerializer.SerializeToElement(v));
        }
        return new PackFacts(values);
    }
}

/// <summary>A fact the evaluation used: which field it filled, the value, and its source.</summary>
public sealed record SuppliedFact(
    string Id,
    string Field,
    JsonElement Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source);

/// <summary>Puts supplied facts into the data, before validation, and remembers which fields they filled.</summary>
internal static class FactOverlay
{
    public const string SystemData = "theo dữ liệu hệ thống";

    public static (JsonElement Data, Dictionary<int, string>? Notes, List<SuppliedFact>? Supplied) Apply(CompiledPack pack, JsonElement data, PackFacts? facts)
    {
        if (facts is null || facts.IsEmpty || pack.Manifest.Facts.Count == 0) return (data, null, null);
        JsonNode? root = data.ValueKind == JsonValueKind.Object ? JsonNode.Parse(data.GetRawText()) : new JsonObject();
        var notes = new Dictionary<int, string>();
        var supplied = new List<SuppliedFact>();
        foreach (var declared in pack.Manifest.Facts)
        {
            if (!facts.Values.TryGetValue(declared.Id, out var value) || pack.Form.FieldAt(declared.Fills) is not { } field) continue;
            Set((JsonObject)root!, declared.Fills, JsonNode.Parse(value.Value.GetRawText()));
            notes[field.Id] = string.IsNullOrWhiteSpace(value.Source) ? SystemData : $"{SystemData}: {value.Source}";
            supplied.Add(new SuppliedFact(declared.Id, declared.Fills, value.Value, value.Source));
        }
        return supplied.Count == 0 ? (data, null, null) : (JsonSerializer.SerializeToElement(root), notes, supplied);
    }

    /// <summary>Sets the value at an object path, creating (or replacing non-object) intermediate objects.</summary>
    private static void Set(JsonObject root, string pointer, JsonNode? value)
    {
        var segments = FormModel.PointerSegments(pointer).ToList();
        var current = root;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            if (current[segment] is not JsonObject next) current[segment] = next = new JsonObject();
            current = next;
        }
        current[segments[^1]] = value;
    }
}
