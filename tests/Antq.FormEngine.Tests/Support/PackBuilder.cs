using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine;
using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.Support;

/// <summary>Builds a small pack in memory: a form, some rules, outcome levels and test cases.</summary>
public sealed class PackBuilder
{
    private JsonObject _manifest = JsonNode.Parse("""
        {
          "format": 1, "id": "test.pack", "version": "1.0.0", "title": "Gói thử", "legalBasis": ["Không"],
          "unitKinds": ["xa"], "recognisedBy": "district", "workflow": "tieu-chi",
          "outcome": [
            { "id": "dat", "title": "Đạt", "when": "notMet == 0 && notEvaluable == 0" },
            { "id": "can-bo-sung", "title": "Cần bổ sung", "when": "notMet == 0" },
            { "id": "chua-dat", "title": "Chưa đạt", "when": "true" }
          ],
          "documents": []
        }
        """)!.AsObject();
    private JsonObject _properties = [];
    private readonly JsonArray _required = [];
    private readonly JsonArray _rules = [];
    private readonly JsonArray _otherWorkflows = [];
    private readonly Dictionary<string, string> _extraFiles = [];
    private readonly List<string> _tests = [];

    public PackBuilder Field(string name, string schemaJson, bool required = false)
    {
        _properties[name] = JsonNode.Parse(schemaJson);
        if (required) _required.Add(name);
        return this;
    }

    public PackBuilder Rule(string name, string expression, string? errorMessage = null, double points = 0)
    {
        var rule = new JsonObject { ["RuleName"] = name, ["Expression"] = expression, ["Properties"] = new JsonObject { ["title"] = $"Tiêu chí {name}", ["points"] = points } };
        if (errorMessage is not null) rule["ErrorMessage"] = errorMessage;
        _rules.Add(rule);
        return this;
    }

    public PackBuilder RawRule(string json)
    {
        _rules.Add(JsonNode.Parse(json));
        return this;
    }

    public PackBuilder Workflow(string json)
    {
        _otherWorkflows.Add(JsonNode.Parse(json));
        return this;
    }

    public PackBuilder Manifest(Action<JsonObject> change)
    {
        change(_manifest);
        return this;
    }

    public PackBuilder File(string name, string content)
    {
        _extraFiles[name] = content;
        return this;
    }

    /// <summary>A test case; without one the pack gets a trivial case that expects nothing.</summary>
    public PackBuilder Test(string json)
    {
        _tests.Add(json);
        return this;
    }

    public PackFiles Files()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["type"] = "object",
            ["properties"] = _properties.DeepClone(),
            ["required"] = _required.DeepClone(),
        };
        var workflows = new JsonArray { new JsonObject { ["WorkflowName"] = "tieu-chi", ["Rules"] = _rules.DeepClone() } };
        foreach (var wf in _otherWorkflows) workflows.Add(wf!.DeepClone());
        var files = new Dictionary<string, byte[]>
        {
            ["pack.json"] = Bytes(_manifest.ToJsonString()),
            ["form.schema.json"] = Bytes(schema.ToJsonString()),
            ["rules.json"] = Bytes(workflows.ToJsonString()),
        };
        var tests = _tests.Count > 0 ? _tests : ["""{ "name": "rỗng", "unit": { "kind": "xa" }, "year": 2025, "data": {}, "expect": {} }"""];
        for (var i = 0; i < tests.Count; i++) files[$"tests/{i:00}.json"] = Bytes(tests[i]);
        foreach (var (name, content) in _extraFiles) files[name] = Bytes(content);
        return new PackFiles(files);
    }

    public PackLoadResult Load() => PackLoader.Load(Files(), new PackLoadOptions { TemplateDirectory = Repo.Templates });

    /// <summary>Loads and asserts the pack is accepted.</summary>
    public CompiledPack Build()
    {
        var result = Load();
        Assert.True(result.Ok, string.Join(Environment.NewLine, result.Errors));
        return result.Pack!;
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    public static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
