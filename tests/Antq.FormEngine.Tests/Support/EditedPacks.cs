using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Tests.Support;

/// <summary>A shipped pack loaded from a temporary copy whose pack.json a test has edited (the repository's folder is left alone).</summary>
internal static class EditedPacks
{
    public static PackLoadResult Load(string packId, Action<JsonObject> editManifest)
    {
        var dir = Path.Combine(Path.GetTempPath(), "antq-edited-pack-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(Repo.CriteriaPacks, packId), dir);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "pack.json")))!.AsObject();
        editManifest(manifest);
        File.WriteAllText(Path.Combine(dir, "pack.json"), manifest.ToJsonString());
        try { return PackLoader.Load(dir, new PackLoadOptions { TemplateDirectory = Repo.Templates }); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.GetDirectories(from)) CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }
}
