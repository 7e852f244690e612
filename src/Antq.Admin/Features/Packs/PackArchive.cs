using System.IO.Compression;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Packs;

/// <summary>Builds a deterministic .zip of a pack's files (for shipped folders, stored like uploads).</summary>
public static class PackArchive
{
    public static byte[] Zip(PackFiles files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in files.Names.Order(StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(files.Get(name));
            }
        }
        return buffer.ToArray();
    }
}
