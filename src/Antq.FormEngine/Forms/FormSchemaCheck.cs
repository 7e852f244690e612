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
    private static readonly EvaluationOptions MetaOptions = new() { OutputFormat = OutputFormat.List };

    public static (JsonSchema? Schema, FormModel? Model) Build(JsonNode schemaNode, List<PackError> errors)
    {
        var element = JsonSerializer.SerializeToElement(schemaNode);
        var meta = MetaSchemas.Draft202012.Evaluate(element, MetaOptions);
        if (!meta.IsValid)
        {
            foreach (var detail in meta.Details ?? [])
                if (!detail.IsValid && detail.Errors is { Count: > 0 })
                    foreach (var (keyword, message) in detail.Errors)
                        errors.Add(new PackError(PackError.At(File, detail.InstanceLocation.ToString()), "schema.invalid",
                            $"Lược đồ JSON Schema 2020-12 không hợp lệ ({keyword}): {message}"));
            return (null, null);
        }
        if (schemaNode is JsonObject o && o["$schema"] is JsonValue s && s.TryGetValue<string>(out var dialect)
            && dialect != "https://json-schema.org/draft/2020-12/schema")
        {
            errors.Add(new PackError(PackError.At(File, "/$schema"), "schema.dialect", "Biểu mẫu phải dùng JSON Schema 2020-12 (\"$schema\": \"https://json-schema.org/draft/2020-12/schema\")."));
            return (null, null);
        }
        var (model, modelErrors) = FormModelBuilder.Build(schemaNode);
        errors.AddRange(modelErrors);
        if (model is null) return (null, null);
        JsonSchema schema;
        try
        {
            schema = JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("urn:antq:pack/form.schema.json"));
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
}
