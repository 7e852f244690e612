using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Packs;

/// <summary>Uploads and activations, for administrators only.</summary>
public sealed class PackAdministration(PackRegistry registry, CurrentAccount current)
{
    /// <summary>Largest .zip accepted (pack-format.md, "Upload safety").</summary>
    public static long MaxArchiveBytes => PackLimits.Default.MaxPackedBytes;

    public async Task<UploadOutcome> UploadAsync(IFormFile? file, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        if (file is null)
            return new UploadOutcome.Refused([new PackError("file", "upload.missing-file", "Chưa chọn tệp .zip của gói tiêu chí (trường “file”).")]);
        var outcome = await StoreAsync(file, account.Actor(), ct);
        // Archive-wide errors have no path inside the pack; name the uploaded file instead.
        return outcome is UploadOutcome.Refused refused
            ? new UploadOutcome.Refused(refused.Errors.Select(e => e.Path.Length > 0 ? e : e with { Path = UploadName(file.FileName) }).ToList())
            : outcome;
    }

    /// <summary>
    /// An upload from the UI (a dropped or chosen file): <paramref name="open"/> gives the file's
    /// content and is not called when <paramref name="length"/> is over the limit.
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(string fileName, long length, Func<Stream> open, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var name = UploadName(fileName);
        if (length > MaxArchiveBytes)
            return new UploadOutcome.Refused([new PackError(name, "zip.too-large", $"Tệp nén vượt quá giới hạn {MaxArchiveBytes / (1024 * 1024)} MiB.")]);
        await using var stream = open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var outcome = await registry.UploadAsync(buffer.ToArray(), account.Actor(), ct);
        return outcome is UploadOutcome.Refused refused
            ? new UploadOutcome.Refused(refused.Errors.Select(e => e.Path.Length > 0 ? e : e with { Path = name }).ToList())
            : outcome;
    }

    private async Task<UploadOutcome> StoreAsync(IFormFile file, PackActor uploader, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        if (file.Length > MaxArchiveBytes)
            return new UploadOutcome.Refused(PackReader.ReadZip(stream).Errors); // the reader words the size refusal
        var archive = new byte[file.Length];
        await stream.ReadExactlyAsync(archive, ct);
        return await registry.UploadAsync(archive, uploader, ct);
    }

    public async Task<PackActivation> ActivateAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        return await registry.ActivateAsync(packId, version, account.Actor(), ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
    }

    private static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return name.Length is > 0 and <= 200 ? name : "tệp tải lên";
    }
}
