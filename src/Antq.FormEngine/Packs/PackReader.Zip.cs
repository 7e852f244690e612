using System.IO.Compression;

namespace Antq.FormEngine.Packs;

public static partial class PackReader
{
    /// <summary>
    /// Reads a .zip from <paramref name="stream"/> (from its current position) entirely in memory.
    /// Archive-wide errors have an empty <see cref="PackError.Path"/>; the caller knows the upload's name.
    /// </summary>
    public static PackReadResult ReadZip(Stream stream, PackLimits? limits = null)
    {
        // Memory and file streams complete their reads synchronously, so this does not block a thread for long.
        return ReadZipAsync(stream, limits).GetAwaiter().GetResult();
    }

    /// <summary>
    /// <see cref="ReadZip(Stream, PackLimits?)"/> for streams that only read asynchronously (a browser
    /// upload): the one place an upload is copied, size-checked and worded.
    /// </summary>
    public static async Task<PackReadResult> ReadZipAsync(Stream stream, PackLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= PackLimits.Default;
        return ReadPacked(await CopyBoundedAsync(stream, limits.MaxPackedBytes, cancellationToken).ConfigureAwait(false), limits);
    }

    private static PackReadResult ReadPacked(MemoryStream? packed, PackLimits limits)
    {
        if (packed is null)
        {
            return PackReadResult.Fail([Source.Zip.Error("", "too-large", $"Tệp nén vượt quá giới hạn {Mib(limits.MaxPackedBytes)}.")]);
        }
        try
        {
            using var archive = new ZipArchive(packed, ZipArchiveMode.Read, leaveOpen: true);
            var read = ReadArchive(archive, limits);
            if (read.Files is { } files) files.Archive = packed.ToArray();
            return read;
        }
        catch (InvalidDataException)
        {
            return PackReadResult.Fail([Source.Zip.Error("", "invalid", "Tệp tải lên không phải là tệp .zip hợp lệ (hoặc đã bị hỏng).")]);
        }
    }

    /// <summary>
    /// Copies at most <paramref name="cap"/> bytes, counting what actually arrives: a stream's Length
    /// may be unknown or wrong. Null when the stream holds more.
    /// </summary>
    private static async Task<MemoryStream?> CopyBoundedAsync(Stream stream, long cap, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }

    private static PackReadResult ReadArchive(ZipArchive archive, PackLimits limits)
    {
        var entries = archive.Entries;
        if (entries.Count > limits.MaxEntries)
        {
            return PackReadResult.Fail([Source.Zip.Error("", "too-many-entries",
                $"Tệp nén có {entries.Count} mục, vượt quá giới hạn {limits.MaxEntries} mục.")]);
        }

        var errors = new List<PackError>();
        var files = new List<ZipArchiveEntry>();
        foreach (var entry in entries)
        {
            var isFolder = entry.FullName.EndsWith('/');
            var path = isFolder ? entry.FullName[..^1] : entry.FullName;
            var error = CheckPath(path, Source.Zip) ?? ZipEntryChecks.CheckType(entry, isFolder);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (!isFolder)
            {
                files.Add(entry);
            }
        }

        var skipped = CheckDuplicates(files.Select(e => e.FullName), Source.Zip, errors);
        var kept = files.Where(e => !skipped.Contains(e.FullName) && !IsIgnored(e.FullName)).ToList();
        var prefix = TopFolderToStrip(kept.Select(e => e.FullName).ToList());
        var candidates = kept.Select(e => new Candidate(e.FullName[prefix.Length..], e.Open, bytes => ZipEntryChecks.Matches(e, bytes))).ToList();
        var loaded = Load(candidates, Source.Zip, limits, errors);
        return PackReadResult.From(loaded, errors);
    }

    /// <summary>
    /// People often zip the pack's folder rather than its contents. When there is no root pack.json but
    /// every file sits in one top folder that has one, that folder is the pack.
    /// </summary>
    private static string TopFolderToStrip(IReadOnlyList<string> names)
    {
        if (names.Contains("pack.json"))
        {
            return "";
        }
        string? top = null;
        foreach (var name in names)
        {
            var slash = name.IndexOf('/');
            if (slash < 0)
            {
                return "";
            }
            var folder = name[..(slash + 1)];
            if (top is not null && folder != top)
            {
                return "";
            }
            top = folder;
        }
        return top is not null && names.Contains(top + "pack.json") ? top : "";
    }
}
