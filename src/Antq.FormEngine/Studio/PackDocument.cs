using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Studio;

/// <summary>
/// The pack the studio edits: every file as text (what an expert sees in the raw view), with typed
/// access to the JSON files as nodes (what the designers edit). Setting a node writes its canonical
/// text, so the files stay ordinary pack-format and diff cleanly in git.
/// </summary>
public sealed class PackDocument
{
    public const string Manifest = "pack.json";
    public const string Schema = "form.schema.json";
    public const string Rules = "rules.json";
    public const string Deadlines = "deadlines.json";

    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public PackDocument() { }

    public PackDocument(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (name, text) in files) _files[name] = text;
    }

    public static PackDocument FromFiles(PackFiles files) =>
        new(files.Names.ToDictionary(n => n, n => Encoding.UTF8.GetString(files.Get(n)!), StringComparer.Ordinal));

    /// <summary>A new pack with the manifest filled in, an empty form, one criterion and one test, so it verifies.</summary>
    public static PackDocument New(string id, string title, IReadOnlyList<string> unitKinds, string recognisedBy, int year) =>
        New(new NewPackManifest(id, title, "1.0.0", unitKinds, recognisedBy, year));

    /// <summary>A new pack from the manifest form (check it with <see cref="StudioCheck.CheckManifest"/>), with a form, a criterion and a test that verify.</summary>
    public static PackDocument New(NewPackManifest m)
    {
        var (id, title, unitKinds, year) = (m.Id, m.Title, m.UnitKinds, m.Year);
        var doc = new PackDocument();
        var manifest = new JsonObject
        {
            ["format"] = 1, ["id"] = id, ["version"] = m.Version, ["title"] = title, ["legalBasis"] = new JsonArray(),
            ["unitKinds"] = new JsonArray(unitKinds.Select(k => (JsonNode)k).ToArray()), ["effectiveFrom"] = $"{year:D4}-01-01",
            ["recognisedBy"] = m.RecognisedBy, ["workflow"] = "tieu-chi",
            ["outcome"] = new JsonArray(
                new JsonObject { ["id"] = "dat", ["title"] = "Đạt", ["when"] = "notMet == 0 && notEvaluable == 0" },
                new JsonObject { ["id"] = "chua-dat", ["title"] = "Chưa đạt", ["when"] = "true" }),
            ["documents"] = new JsonArray(),
        };
        if (m.Recognition is { Count: > 0 } rows) manifest["recognition"] = new JsonArray(rows.Select(r => (JsonNode)r.ToJson()).ToArray());
        doc.SetJson(Manifest, manifest);
        doc.SetJson(Schema, new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["type"] = "object", ["title"] = title,
            ["x-ui"] = new JsonObject { ["sections"] = new JsonArray(new JsonObject { ["id"] = "chung", ["title"] = "Thông tin chung" }) },
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["tc01_dat"] = new JsonObject { ["type"] = "boolean", ["title"] = "Đạt tiêu chí 1", ["x-ui"] = new JsonObject { ["section"] = "chung", ["order"] = 1, ["widget"] = "radio" } },
            },
        });
        doc.SetJson(Rules, new JsonArray(new JsonObject
        {
            ["WorkflowName"] = "tieu-chi",
            ["Rules"] = new JsonArray(CriterionShapes.Rule("TC01", "Tiêu chí 1", null, CriterionShapes.IsYes("tc01_dat"))),
        }));
        doc.SetJson("tests/01-dat.json", new JsonObject
        {
            ["name"] = "Đạt tiêu chí 1", ["unit"] = new JsonObject { ["kind"] = unitKinds.Count > 0 ? unitKinds[0] : "xa" }, ["year"] = year,
            ["data"] = new JsonObject { ["tc01_dat"] = true },
            ["expect"] = new JsonObject { ["valid"] = true, ["outcome"] = "dat", ["criteria"] = new JsonObject { ["TC01"] = "met" } },
        });
        return doc;
    }

    public IEnumerable<string> Names => _files.Keys;

    public IReadOnlyDictionary<string, string> Files => _files;

    public string? Text(string name) => _files.TryGetValue(name, out var text) ? text : null;

    /// <summary>Sets a file's text as typed (the raw view); JSON is not reformatted until export.</summary>
    public void SetText(string name, string text) => _files[name] = text;

    public bool Remove(string name) => _files.Remove(name);

    /// <summary>A JSON file as a fresh node (edits are written back with <see cref="SetJson"/>); null when absent or not JSON.</summary>
    public JsonNode? Json(string name)
    {
        if (Text(name) is not { } text) return null;
        try { return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }); }
        catch (JsonException) { return null; }
    }

    public void SetJson(string name, JsonNode node) => _files[name] = PackWriter.ToCanonicalJson(node);

    public PackFiles ToPackFiles() => new(_files.ToDictionary(f => f.Key, f => Encoding.UTF8.GetBytes(f.Value), StringComparer.Ordinal));

    /// <summary>The deterministic .zip (what export gives and what publish uploads).</summary>
    public byte[] ToZip() => PackWriter.Zip(_files);

    /// <summary>The files as one JSON object (name → text), how a draft is stored.</summary>
    public string Serialize() => JsonSerializer.Serialize(_files);

    public static PackDocument Deserialize(string json) => new(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);

    public string? PackId => Json(Manifest)?["id"]?.GetValue<string>();

    public string? Version => Json(Manifest)?["version"]?.GetValue<string>();
}

/// <summary>The manifest form of a new pack: what the studio asks before the first draft.</summary>
public sealed record NewPackManifest(string Id, string Title, string Version, IReadOnlyList<string> UnitKinds, string RecognisedBy, int Year)
{
    /// <summary>Optional rows of <c>recognition</c> (docs/pack-format.md), read top-down.</summary>
    public IReadOnlyList<RecognitionRow> Recognition { get; init; } = [];
}

/// <summary>One row of a new pack's <c>recognition</c> table.</summary>
public sealed record RecognitionRow(string By, IReadOnlyList<string> UnitKinds, DateOnly? From = null, DateOnly? Until = null, bool Delegable = false)
{
    public JsonObject ToJson()
    {
        var row = new JsonObject();
        if (UnitKinds.Count > 0) row["unitKinds"] = new JsonArray(UnitKinds.Select(k => (JsonNode)k).ToArray());
        if (From is { } from) row["from"] = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (Until is { } until) row["until"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        row["by"] = By;
        if (Delegable) row["delegable"] = true;
        return row;
    }
}
