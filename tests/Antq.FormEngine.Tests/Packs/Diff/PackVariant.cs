using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Tests.Support;

namespace Antq.FormEngine.Tests.Packs.Diff;

/// <summary>A shipped pack copied into a temporary folder, edited as an author would, then loaded.</summary>
internal sealed class PackVariant : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TempFolder _folder = new();

    public PackVariant(string shippedPack)
    {
        var source = System.IO.Path.Combine(Repo.CriteriaPacks, shippedPack);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            _folder.Write(System.IO.Path.GetRelativePath(source, file), File.ReadAllText(file));
    }

    public string Path => _folder.Path;

    /// <summary>Edits a JSON file of the pack in place.</summary>
    public PackVariant Json(string file, Action<JsonNode> edit)
    {
        var full = System.IO.Path.Combine(Path, file);
        var node = JsonNode.Parse(File.ReadAllText(full))!;
        edit(node);
        File.WriteAllText(full, node.ToJsonString(Indented));
        return this;
    }

    public PackVariant Text(string file, Func<string, string> edit)
    {
        var full = System.IO.Path.Combine(Path, file);
        var before = File.Exists(full) ? File.ReadAllText(full) : "";
        _folder.Write(file, edit(before));
        return this;
    }

    public PackVariant Version(string version) => Json("pack.json", m => m["version"] = version);

    /// <summary>Loaded and verified (the pack's own tests are not run: edits may move what they expect).</summary>
    public CompiledPack Load()
    {
        var result = PackLoader.Load(Path, new PackLoadOptions { TemplateDirectory = Repo.Templates, RunTests = false });
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Pack;
    }

    public static CompiledPack Shipped(string pack)
    {
        var result = PackLoader.Load(System.IO.Path.Combine(Repo.CriteriaPacks, pack), new PackLoadOptions { TemplateDirectory = Repo.Templates, RunTests = false });
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Pack;
    }

    public void Dispose() => _folder.Dispose();
}
