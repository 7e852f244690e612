using System.IO.Compression;
using System.Text;

namespace Antq.TestKit;

/// <summary>Pack archives in memory: a folder's text files by relative path, edited as a test needs, then zipped.</summary>
public static class PackArchives
{
    /// <summary>The text files of a folder, by relative path with forward slashes.</summary>
    public static Dictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    /// <summary>The text files of a shipped pack (<c>criteria-packs/{id}</c>).</summary>
    public static Dictionary<string, string> Shipped(string id) => Files(RepoPaths.Pack(id));

    /// <summary>The version of a shipped pack as the repository holds it (tests do not hard-code it: each release of the pack changes it).</summary>
    public static string ShippedVersion(string id) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Pack(id), "pack.json")))!["version"]!.GetValue<string>();

    /// <summary>The next minor (<c>2.3.0</c> after <c>2.2.0</c>) or patch (<c>2.2.1</c>) version after <paramref name="version"/>.</summary>
    public static string After(string version, bool minor)
    {
        var v = Version.Parse(version);
        return minor ? $"{v.Major}.{v.Minor + 1}.0" : $"{v.Major}.{v.Minor}.{v.Build + 1}";
    }

    /// <summary>A zip of the files (UTF-8), in the order given.</summary>
    public static byte[] Zip(IEnumerable<KeyValuePair<string, string>> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }
}
