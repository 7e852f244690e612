using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;

namespace Antq.FormEngine.Studio;

/// <summary>
/// Writes packs deterministically, so the studio, the CLI and git see the same bytes: JSON files in
/// one canonical form (two-space indentation, LF, Vietnamese letters unescaped, a final newline,
/// property order kept), zip entries sorted ordinally with a fixed timestamp and compression level.
/// Export → import → export gives identical bytes.
/// </summary>
public static class PackWriter
{
    /// <summary>The timestamp of every entry of a written zip.</summary>
    public static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The canonical text of a JSON node.</summary>
    public static string ToCanonicalJson(JsonNode? node) => (node?.ToJsonString(Canonical) ?? "null") + "\n";

    /// <summary>The canonical text of a JSON file, or null when the text is not JSON (then it is written as it is).</summary>
    public static string? TryCanonicalise(string text)
    {
        try
        {
            return ToCanonicalJson(JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Canonical bytes of one file: JSON canonicalised, other text with LF line ends.</summary>
    public static byte[] FileBytes(string name, string text)
    {
        if (name.EndsWith(".json", StringComparison.Ordinal) && TryCanonicalise(text) is { } json) text = json;
        else text = text.Replace("\r\n", "\n");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A deterministic .zip of the files (sorted entries, fixed timestamps, canonical JSON).</summary>
    public static byte[] Zip(IReadOnlyDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in files.Keys.Order(StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var stream = entry.Open();
                stream.Write(FileBytes(name, files[name]));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A deterministic .zip of a pack's files.</summary>
    public static byte[] Zip(PackFiles files) => Zip(files.Names.ToDictionary(n => n, n => Encoding.UTF8.GetString(files.Get(n)!), StringComparer.Ordinal));
}
