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
