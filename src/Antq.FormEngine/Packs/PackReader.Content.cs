using System.Text;
using System.Text.Unicode;

namespace Antq.FormEngine.Packs;

public static partial class PackReader
{
    private static readonly string[] AllowedExtensions = [".json", ".scriban", ".md", ".txt"];

    private static readonly string[] ArchiveExtensions = [".zip", ".jar", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2", ".xz"];

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private const string AllowedList = ".json, .scriban, .md, .txt";

    /// <summary>Refuses a file by its name alone, before a byte of it is read.</summary>
    private static PackError? CheckExtension(string name, Source source)
    {
        var extension = Extension(name);
        if (ArchiveExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return NestedArchive(name, source);
        }
        return AllowedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)
            ? null
            : new(name, "file.not-allowed", $"Tệp “{name}” không được phép trong gói: chỉ chấp nhận {AllowedList}.");
    }

    private static string Extension(string name)
    {
        var fileName = name[(name.LastIndexOf('/') + 1)..];
        var dot = fileName.LastIndexOf('.');
        return dot <= 0 ? "" : fileName[dot..];
    }

    private static PackError NestedArchive(string name, Source source) =>
        source.Error(name, "nested-archive", $"“{name}” là một tệp nén nằm trong gói; không chấp nhận tệp nén lồng nhau.");

    /// <summary>
    /// Checks what a file holds; returns the bytes to keep (a UTF-8 BOM stripped) or null if refused.
    /// </summary>
    private static byte[]? CheckContent(string name, byte[] bytes, Source source, PackLimits limits, List<PackError> errors)
    {
        // Magic first: a zip's local header "PK\x03\x04" is valid UTF-8, so the text check alone misses it.
        if (HasArchiveMagic(bytes))
        {
            errors.Add(NestedArchive(name, source));
            return null;
        }
        var memory = bytes.AsMemory(bytes.AsSpan().StartsWith(Utf8Bom) ? 3 : 0);
        var text = memory.Span;
        if (!Utf8.IsValid(text))
        {
            errors.Add(NotUtf8(name, text));
            return null;
        }
        if (Extension(name).Equals(".json", StringComparison.OrdinalIgnoreCase) && CheckJson(name, memory, limits) is { } jsonError)
        {
            errors.Add(jsonError);
            return null;
        }
        return text.Length == bytes.Length ? bytes : text.ToArray();
    }

    private static bool HasArchiveMagic(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("PK\x03\x04"u8)       // zip, jar, docx...
        || bytes.StartsWith("PK\x05\x06"u8)    // empty zip
        || bytes.StartsWith("PK\x07\x08"u8)    // spanned zip
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])       // gzip, tgz
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) // 7z
        || bytes.StartsWith("Rar!\x1A\x07"u8)
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]); // xz

    private static PackError NotUtf8(string name, ReadOnlySpan<byte> text)
    {
        var offset = FirstInvalidUtf8(text);
        var (line, column) = LineColumn(text, offset);
        return new(PackError.AtText(name, line, column), "file.not-utf8",
            $"Tệp “{name}” không phải văn bản UTF-8 hợp lệ (byte thứ {offset + 1}); hãy lưu lại tệp với bảng mã UTF-8.");
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            if (System.Buffers.OperationStatus.Done != Rune.DecodeFromUtf8(text[offset..], out _, out var consumed))
            {
                return offset;
            }
            offset += consumed;
        }
        return offset;
    }

    private static (int Line, int Column) LineColumn(ReadOnlySpan<byte> text, int offset)
    {
        var before = text[..offset];
        var lastNewLine = before.LastIndexOf((byte)'\n');
        return (before.Count((byte)'\n') + 1, offset - lastNewLine);
    }
}
