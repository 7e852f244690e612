using System.Text.Json;

namespace Antq.FormEngine.Tests.HostilePacks;

/// <summary>
/// What a corpus folder's <c>expected.json</c> says: the error codes that must all be reported (none
/// listed: any refusal), a path that one of them (or any error) must contain, optionally the kind of
/// upload to build from the folder at test time (<c>build</c>) and bounds on the number of errors.
/// </summary>
internal sealed record HostileExpectation(
    IReadOnlyList<string> Codes,
    string PathContains,
    string? Build,
    int? MinErrors,
    int? MaxErrors);

/// <summary>
/// The corpus under <c>TestData/HostilePacks/</c>: one folder per verification rule or attack class,
/// each holding the pack files and an <c>expected.json</c>. <c>_valid</c> is the base every hostile
/// pack differs from in one place.
/// </summary>
internal static class HostileCorpus
{
    public const string ValidPack = "_valid";

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "HostilePacks");

    /// <summary>Every hostile pack folder name, in order.</summary>
    public static IReadOnlyList<string> Names =>
        Directory.EnumerateDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, "expected.json")))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Folder(string name) => Path.Combine(Root, name);

    public static HostileExpectation Expectation(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder(name), "expected.json")));
        var root = document.RootElement;
        var codes = root.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return new HostileExpectation(
            codes,
            root.TryGetProperty("pathContains", out var path) ? path.GetString() ?? "" : "",
            root.TryGetProperty("build", out var build) ? build.GetString() : null,
            root.TryGetProperty("minErrors", out var min) ? min.GetInt32() : null,
            root.TryGetProperty("maxErrors", out var max) ? max.GetInt32() : null);
    }

    /// <summary>The pack files of a folder (everything but <c>expected.json</c>), keyed by relative path with '/'.</summary>
    public static SortedDictionary<string, byte[]> PackFiles(string name)
    {
        var folder = Folder(name);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            if (relative != "expected.json")
            {
                files[relative] = File.ReadAllBytes(file);
            }
        }
        return files;
    }

    /// <summary>The repository's shared document templates: <c>templates/</c> beside Antq.Forms.sln.</summary>
    public static string TemplatesDirectory => RepoPaths.Templates;
}
