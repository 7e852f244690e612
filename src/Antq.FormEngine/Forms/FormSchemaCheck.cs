using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Checks form.schema.json: it must be a valid 2020-12 schema (meta-schema), build in a registry of
/// its own (re-registering an <c>$id</c> in the global registry would throw, and remote
/// <c>$ref</c> is never fetched), have no reference cycles, and type cleanly into a <see cref="FormModel"/>.
/// </summary>
internal static class FormSchemaCheck
{
    private const string File = "form.schema.json";

    public static (JsonSchema? Schema, FormModel? Model) Build(JsonNode schemaNode, List<PackError> errors)
    {
        var element = JsonSerializer.SerializeToElement(schemaNode);
        var meta = MetaSchemas.Draft202012.Evaluate(element, SchemaResults.Hierarchical);
        if (!meta.IsValid)
        {
            // The meta-schema tries alternatives (anyOf type-or-array…): one defect fails several
            // branches at one place. Report one error per place, with what the branches said.
            var byPlace = SchemaResults.FailingNodes(meta)
                .GroupBy(d => d.InstanceLocation.ToString());
            foreach (var place in byPlace)
            {
                var said = place.SelectMany(d => d.Errors!.Select(e => $"{e.Key}: {e.Value}")).Distinct().Take(3);
                var where = place.Key.Length == 0 ? "gốc lược đồ" : $"\"{place.Key}\"";
                errors.Add(new PackError(PackError.At(File, place.Key), "schema.invalid",
                    $"Lược đồ không đúng JSON Schema 2020-12 tại {where} ({string.Join("; ", said)})."));
            }
            return (null, null);
        }
        if (schemaNode is JsonObject o && o["$schema"] is JsonValue s && s.TryGetValue<string>(out var dialect)
            && dialect != "https://json-schema.org/draft/2020-12/schema")
        {
            errors.Add(new PackError(PackError.At(File, "/$schema"), "schema.dialect", "Biểu mẫu phải dùng JSON Schema 2020-12 (\"$schema\": \"https://json-schema.org/draft/2020-12/schema\")."));
            return (null, null);
        }
        CheckPatterns(schemaNode, "", errors);
        if (errors.Count > 0) return (null, null);
        var (model, modelErrors) = FormModelBuilder.Build(schemaNode);
        errors.AddRange(modelErrors);
        if (model is null) return (null, null);
        JsonSchema schema;
        try
        {
            schema = JsonSchema.Build(element, BuildOptions(), new Uri("urn:antq:pack/form.schema.json"));
            // References resolve lazily: one evaluation surfaces cycles and unresolvable targets now, not on a user's save.
            schema.Evaluate(JsonDocument.Parse("{}").RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
        }
        catch (Exception e) when (e is JsonSchemaException or RefResolutionException or ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            errors.Add(new PackError(File, e.Message.Contains("Cycle", StringComparison.OrdinalIgnoreCase) ? "schema.ref-cycle" : "schema.build",
                $"Không dựng được lược đồ biểu mẫu: {e.Message}"));
            return (null, null);
        }
        return (schema, model);
    }

    /// <summary>
    /// A registry of its own per pack (an <c>$id</c> registered globally would clash across packs and
    /// versions), and the 2020-12 dialect whose <c>pattern</c> runs in linear time, registered under
    /// the standard id so a schema's <c>$schema</c> picks it too.
    /// </summary>
    private static BuildOptions BuildOptions()
    {
        var dialects = new DialectRegistry();
        dialects.Register(SafePatternKeyword.Dialect);
        return new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = SafePatternKeyword.Dialect, DialectRegistry = dialects };
    }

    /// <summary>Every <c>pattern</c> must compile for the linear-time engine; <c>patternProperties</c> is refused (forms have fixed fields).</summary>
    private static void CheckPatterns(JsonNode? node, string pointer, List<PackError> errors)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    var here = $"{pointer}/{key.Replace("~", "~0").Replace("/", "~1")}";
                    if (key == "x-ui") continue;
                    if (key == "patternProperties")
                        errors.Add(new PackError(PackError.At(File, here), "schema.pattern-properties", "Biểu mẫu không dùng \"patternProperties\": hãy khai báo từng trường trong \"properties\"."));
                    else if (key == "pattern" && value is JsonValue v && v.TryGetValue<string>(out var pattern))
                    {
                        try { SafePatternKeyword.Compile(pattern); }
                        catch (Exception e) when (e is ArgumentException or NotSupportedException)
                        {
                            errors.Add(new PackError(PackError.At(File, here), "schema.pattern",
                                $"Mẫu \"{pattern}\" không dùng được: chỉ hỗ trợ biểu thức chính quy chạy tuyến tính (không tham chiếu ngược, không lookahead/lookbehind). Chi tiết: {e.Message}"));
                        }
                    }
                    else CheckPatterns(value, here, errors);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) CheckPatterns(a[i], $"{pointer}/{i}", errors);
                break;
        }
    }
}
