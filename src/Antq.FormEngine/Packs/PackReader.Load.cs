namespace Antq.FormEngine.Packs;

public static partial class PackReader
{
    /// <summary>
    /// A file that passed the name checks, with a way to (re)open its bytes and, for a zip entry, a check
    /// that what came out is what its headers promised.
    /// </summary>
    private sealed record Candidate(string Key, Func<Stream> Open, Func<byte[], bool>? Verify = null);

    private const int ChunkBytes = 81920;

    /// <summary>
    /// Reads candidates into memory. Sizes are first counted through a fixed scratch buffer, so a zip
    /// bomb (or a lying declared size) costs at most <see cref="PackLimits.MaxUnpackedBytes"/> of
    /// decompression and no memory; only then is each file read into an array of its exact size.
    /// </summary>
    private static Dictionary<string, byte[]> Load(IReadOnlyList<Candidate> candidates, Source source, PackLimits limits, List<PackError> errors)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var toRead = new List<Candidate>();
        foreach (var candidate in candidates)
        {
            if (CheckExtension(candidate.Key, source) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                toRead.Add(candidate);
            }
        }

        var sizes = CountSizes(toRead, source, limits, errors);
        if (sizes is null)
        {
            return files;
        }
        for (var i = 0; i < toRead.Count; i++)
        {
            var key = toRead[i].Key;
            if (sizes[i] < 0 || ReadExact(toRead[i], sizes[i], source, errors) is not { } bytes)
            {
                continue;
            }
            if (CheckContent(key, bytes, source, limits, errors) is { } kept)
            {
                files[key] = kept;
            }
        }
        return files;
    }

    /// <summary>Actual sizes (-1 for a file that could not be opened), or null once the total passes the cap.</summary>
    private static long[]? CountSizes(List<Candidate> toRead, Source source, PackLimits limits, List<PackError> errors)
    {
        var sizes = new long[toRead.Count];
        var scratch = new byte[ChunkBytes];
        long total = 0;
        for (var i = 0; i < toRead.Count; i++)
        {
            sizes[i] = -1;
            try
            {
                using var stream = toRead[i].Open();
                sizes[i] = CountBytes(stream, limits.MaxUnpackedBytes - total, scratch);
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                errors.Add(Unreadable(toRead[i].Key, source));
                continue;
            }
            total += sizes[i];
            if (total > limits.MaxUnpackedBytes)
            {
                errors.Add(source.Error(toRead[i].Key, "unpacked-too-large",
                    $"Tổng dung lượng các tệp của gói vượt quá {Mib(limits.MaxUnpackedBytes)} (đã dừng đọc tại “{toRead[i].Key}”)."));
                return null;
            }
        }
        return sizes;
    }

    /// <summary>Counts bytes up to one chunk past <paramref name="cap"/>, then stops reading.</summary>
    private static long CountBytes(Stream stream, long cap, byte[] scratch)
    {
        long count = 0;
        int read;
        while (count <= cap && (read = stream.Read(scratch, 0, scratch.Length)) > 0)
        {
            count += read;
        }
        return count;
    }

    private static byte[]? ReadExact(Candidate candidate, long size, Source source, List<PackError> errors)
    {
        try
        {
            using var stream = candidate.Open();
            var bytes = new byte[size];
            stream.ReadExactly(bytes);
            // The same bytes must come out twice; a file that grows or changes between the passes is refused.
            if (stream.ReadByte() == -1 && (candidate.Verify is null || candidate.Verify(bytes)))
            {
                return bytes;
            }
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            // Reported below, like any other unreadable file.
        }
        errors.Add(Unreadable(candidate.Key, source));
        return null;
    }

    private static bool IsReadFailure(Exception ex) =>
        ex is InvalidDataException or NotSupportedException or IOException or UnauthorizedAccessException;

    private static PackError Unreadable(string name, Source source) => source == Source.Zip
        ? source.Error(name, "invalid", $"Không đọc được mục “{name}” trong tệp nén: dữ liệu hỏng (sai kích thước hoặc mã CRC) hoặc phương thức nén không được hỗ trợ.")
        : source.Error(name, "unreadable", $"Không đọc được tệp “{name}” (không có quyền đọc, hoặc tệp thay đổi trong lúc đọc).");

    private static string Mib(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes} byte";
}
