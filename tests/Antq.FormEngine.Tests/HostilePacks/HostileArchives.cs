using System.IO.Compression;
using System.Text;

namespace Antq.FormEngine.Tests.HostilePacks;

/// <summary>
/// Turns a corpus folder into the hostile upload its <c>expected.json</c> names (<c>"build"</c>),
/// at test time, so no binary (or megabytes of generated JSON) is checked in. Each kind adds exactly
/// one hostile thing to the pack's otherwise valid files.
/// </summary>
internal static class HostileArchives
{
    private const int SymlinkMode = 0xA1FF;
    private const long Mib = 1024 * 1024;

    /// <summary>Writes the upload under <paramref name="scratch"/> and returns the path to load.</summary>
    public static string Build(string kind, IReadOnlyDictionary<string, byte[]> files, string scratch)
    {
        if (kind == "dir-symlink")
        {
            return BuildFolderWithLink(files, scratch);
        }
        if (kind == "many-criteria")
        {
            return BuildFolder(WithManyCriteria(files), scratch);
        }
        var zipPath = Path.Combine(scratch, "upload.zip");
        using (var stream = new FileStream(zipPath, FileMode.Create, FileAccess.ReadWrite))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in files)
            {
                Add(zip, name, bytes);
            }
            AddHostile(zip, kind, files);
        }
        return zipPath;
    }

    private static void AddHostile(ZipArchive zip, string kind, IReadOnlyDictionary<string, byte[]> files)
    {
        switch (kind)
        {
            case "traversal":
                Add(zip, "../../evil.json", "{}"u8.ToArray());
                break;
            case "absolute":
                Add(zip, "/etc/cron.d/evil.json", "{}"u8.ToArray());
                break;
            case "drive-letter":
                Add(zip, "C:/Windows/evil.json", "{}"u8.ToArray());
                break;
            case "symlink":
                Add(zip, "tests/link.json", "/etc/passwd"u8.ToArray(), SymlinkMode);
                break;
            case "duplicate":
                // A second rules.json that a careless loader would keep while a validator checked the first.
                Add(zip, "rules.json", Encoding.UTF8.GetBytes("""[ { "WorkflowName": "tieu-chi", "Rules": [ { "RuleName": "S01", "Expression": "\"\".GetType().Assembly.Location != null" } ] } ]"""));
                break;
            case "case-duplicate":
                Add(zip, "RULES.json", files["rules.json"]);
                break;
            case "nested-zip":
                Add(zip, "tests/inner.zip", ZipOf(files));
                break;
            case "nested-zip-disguised":
                Add(zip, "README.md", ZipOf(files));
                break;
            case "bomb":
                AddZeros(zip, "bomb.txt", 60 * Mib);
                break;
            case "too-many-entries":
                for (var i = 0; i <= 500; i++)
                {
                    Add(zip, $"notes/{i:000}.txt", "ghi chú"u8.ToArray());
                }
                break;
            case "too-large":
                var noise = new byte[11 * Mib];
                new Random(20250101).NextBytes(noise);
                Add(zip, "noise.txt", noise, level: CompressionLevel.NoCompression);
                break;
            case "invalid-utf8":
                // "Tiêu chí" saved as Windows-1258/Latin-1, not UTF-8.
                Add(zip, "README.md", [(byte)'T', (byte)'i', 0xEA, (byte)'u', (byte)' ', (byte)'c', (byte)'h', 0xED, (byte)'\n']);
                break;
            default:
                throw new ArgumentException($"Unknown hostile archive kind '{kind}'.", nameof(kind));
        }
    }

    private static string BuildFolderWithLink(IReadOnlyDictionary<string, byte[]> files, string scratch)
    {
        var folder = BuildFolder(files, scratch);
        File.CreateSymbolicLink(Path.Combine(folder, "tests", "link.json"), "/etc/passwd");
        return folder;
    }

    private static string BuildFolder(IReadOnlyDictionary<string, byte[]> files, string scratch)
    {
        var folder = Path.Combine(scratch, "pack");
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
        return folder;
    }

    /// <summary>
    /// 4,000 extra criteria, each within every per-expression limit (about 190 nodes): about 3.4 MB of
    /// rules.json, far under the 50 MiB upload limit, but each expression costs a parse and a compile.
    /// </summary>
    private static Dictionary<string, byte[]> WithManyCriteria(IReadOnlyDictionary<string, byte[]> files)
    {
        var rules = System.Text.Json.Nodes.JsonNode.Parse(files["rules.json"])!.AsArray();
        var criteria = rules[0]!["Rules"]!.AsArray();
        var expression = "form.f01" + string.Concat(Enumerable.Repeat(" + 1", 190)) + " >= 10";
        for (var i = 0; i < 4000; i++)
        {
            criteria.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["RuleName"] = $"X{i:0000}",
                ["Expression"] = expression,
                ["Properties"] = new System.Text.Json.Nodes.JsonObject { ["title"] = $"Tiêu chí thêm {i}" },
            });
        }
        return new Dictionary<string, byte[]>(files) { ["rules.json"] = Encoding.UTF8.GetBytes(rules.ToJsonString()) };
    }

    private static byte[] ZipOf(IReadOnlyDictionary<string, byte[]> files)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                Add(zip, name, bytes);
            }
        }
        return stream.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, int? unixMode = null, CompressionLevel level = CompressionLevel.Fastest)
    {
        var entry = zip.CreateEntry(name, level);
        if (unixMode is { } mode)
        {
            entry.ExternalAttributes = mode << 16;
        }
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static void AddZeros(ZipArchive zip, string name, long count)
    {
        var chunk = new byte[Mib];
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        for (var left = count; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }
}
