using System.IO.Compression;
using System.Text;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>Builds (hostile) zips in memory, entry by entry, exactly as named.</summary>
internal sealed class ZipBuilder
{
    public const int SymlinkMode = 0xA1FF;
    public const int FifoMode = 0x11A4;

    private readonly MemoryStream _stream = new();
    private readonly ZipArchive _archive;

    public ZipBuilder() => _archive = new ZipArchive(_stream, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>The files of a small pack that every reader must accept.</summary>
    public static IReadOnlyDictionary<string, string> GoodFiles { get; } = new Dictionary<string, string>
    {
        ["pack.json"] = """{ "format": 1, "id": "demo.xa", "version": "1.0.0", "title": "Bộ tiêu chí mẫu" }""",
        ["form.schema.json"] = """{ "type": "object" }""",
        ["rules.json"] = "[]",
        ["tests/du-tieu-chi.json"] = """{ "name": "Đủ tất cả tiêu chí" }""",
        ["templates/to-trinh.scriban"] = "Kính gửi {{ unit.name }}",
        ["README.md"] = "# Bộ tiêu chí mẫu\n",
    };

    public static ZipBuilder GoodPack(string prefix = "")
    {
        var builder = new ZipBuilder();
        foreach (var (name, text) in GoodFiles)
        {
            builder.Add(prefix + name, text);
        }
        return builder;
    }

    public ZipBuilder Add(string name, string text) => Add(name, Encoding.UTF8.GetBytes(text));

    public ZipBuilder Add(string name, byte[] bytes, int? unixMode = null)
    {
        var entry = _archive.CreateEntry(name, CompressionLevel.Fastest);
        if (unixMode is { } mode)
        {
            entry.ExternalAttributes = mode << 16;
        }
        using var stream = entry.Open();
        stream.Write(bytes);
        return this;
    }

    public ZipBuilder AddFolder(string name)
    {
        _archive.CreateEntry(name);
        return this;
    }

    /// <summary>Streams <paramref name="count"/> zero bytes into one entry (a zip bomb) without holding them.</summary>
    public ZipBuilder AddZeros(string name, long count)
    {
        var chunk = new byte[1024 * 1024];
        using var stream = _archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        for (var left = count; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
        return this;
    }

    public MemoryStream Build()
    {
        _archive.Dispose();
        _stream.Position = 0;
        return _stream;
    }

    public byte[] BuildBytes() => Build().ToArray();
}
