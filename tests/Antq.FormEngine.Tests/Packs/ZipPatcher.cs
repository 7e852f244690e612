using System.Buffers.Binary;
using System.Text;

namespace Antq.FormEngine.Tests.Packs;

/// <summary>Edits a built zip's headers in place, to make it lie the way a hand-crafted one can.</summary>
internal static class ZipPatcher
{
    private const uint CentralHeader = 0x02014b50;

    /// <summary>Sets the declared uncompressed size of <paramref name="name"/> in both its headers.</summary>
    public static void SetDeclaredSize(byte[] zip, string name, uint size) => Set(zip, name, 24, 22, size);

    /// <summary>Sets the recorded CRC-32 of <paramref name="name"/> in both its headers.</summary>
    public static void SetCrc(byte[] zip, string name, uint crc) => Set(zip, name, 16, 14, crc);

    private static void Set(byte[] zip, string name, int centralOffset, int localOffset, uint value)
    {
        var span = zip.AsSpan();
        for (var at = 0; at + 46 <= zip.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(span[at..]) != CentralHeader)
            {
                continue;
            }
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 28)..]);
            if (Encoding.UTF8.GetString(span.Slice(at + 46, nameLength)) != name)
            {
                continue;
            }
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + centralOffset)..], value);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 42)..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(local + localOffset)..], value);
            return;
        }
        throw new InvalidOperationException($"no entry {name}");
    }
}
