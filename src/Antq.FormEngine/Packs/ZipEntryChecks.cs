using System.IO.Compression;

namespace Antq.FormEngine.Packs;

/// <summary>
/// What kind of thing a zip entry is. Only regular files and folders belong in a pack: a symlink entry
/// extracts as a file holding its target on one tool and as a real link on another.
/// </summary>
internal static class ZipEntryChecks
{
    // Unix file type bits (st_mode & S_IFMT), stored in the high 16 bits of ExternalAttributes by Unix zip tools.
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int Folder = 0x4000;
    private const int SymbolicLink = 0xA000;

    // FILE_ATTRIBUTE_REPARSE_POINT in the low (MS-DOS) attribute bits: how Windows tools mark links.
    private const int ReparsePoint = 0x400;

    public static PackError? CheckType(ZipArchiveEntry entry, bool isFolder)
    {
        var name = entry.FullName;
        var type = (entry.ExternalAttributes >> 16) & TypeMask;
        if (type == SymbolicLink || (entry.ExternalAttributes & ReparsePoint) != 0)
        {
            return new(name, "zip.link", $"Mục “{name}” là một liên kết (symlink); gói không được chứa liên kết.");
        }
        // 0 means the tool stored no Unix type (e.g. made on Windows); the name then says folder or file.
        if (type != 0 && type != RegularFile && !(type == Folder && isFolder))
        {
            return new(name, "zip.not-regular", $"Mục “{name}” không phải là tệp thông thường (thiết bị, FIFO, socket...); gói chỉ được chứa tệp và thư mục.");
        }
        if (entry.IsEncrypted)
        {
            return new(name, "zip.encrypted", $"Mục “{name}” được mã hoá; gói không được chứa tệp mã hoá.");
        }
        return null;
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// True when the bytes read have the size and CRC the headers declare. .NET 10 checks neither and
    /// stops reading at the declared size, so a lying header would silently cut (or pad out) the file.
    /// </summary>
    public static bool Matches(ZipArchiveEntry entry, byte[] bytes) =>
        bytes.LongLength == entry.Length && Crc32(bytes) == entry.Crc32;

    /// <summary>CRC-32 (ISO-HDLC, the one zip uses).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
