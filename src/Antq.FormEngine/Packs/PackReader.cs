namespace Antq.FormEngine.Packs;

/// <summary>
/// The outcome of reading a pack. When anything was refused, <see cref="Files"/> is null and
/// <see cref="Errors"/> lists every problem found, so an upload is all-or-nothing.
/// </summary>
public sealed record PackReadResult(PackFiles? Files, IReadOnlyList<PackError> Errors)
{
    public bool Ok => Files is not null && Errors.Count == 0;

    internal static PackReadResult From(IReadOnlyDictionary<string, byte[]> files, List<PackError> errors) =>
        errors.Count == 0 ? new(new PackFiles(files), []) : new(null, errors);

    internal static PackReadResult Fail(List<PackError> errors) => new(null, errors);
}

/// <summary>
/// Reads a pack (a folder or a .zip) into memory under <see cref="PackLimits"/>, refusing anything
/// that could make a validator and a loader see different files, or exhaust the server. Nothing is
/// ever extracted or written to disk. See security.md, "Pack archives (.zip)".
/// </summary>
public static partial class PackReader
{
    /// <summary>Reads <paramref name="path"/> as a folder if it is one, otherwise as a .zip file.</summary>
    public static PackReadResult Read(string path, PackLimits? limits = null)
    {
        if (Directory.Exists(path))
        {
            return ReadDirectory(path, limits);
        }
        if (!File.Exists(path))
        {
            return NotFound(path);
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return ReadZip(stream, limits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return PackReadResult.Fail([new(Path.GetFileName(path), "pack.unreadable", $"Không đọc được tệp “{Path.GetFileName(path)}”: không có quyền truy cập hoặc lỗi đọc đĩa.")]);
        }
    }

    private static PackReadResult NotFound(string path) =>
        PackReadResult.Fail([new(path, "pack.not-found", $"Không tìm thấy gói tiêu chí tại “{path}”.")]);
}
