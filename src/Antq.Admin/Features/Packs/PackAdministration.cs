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
            ? new UploadOutcome.Refused(refused.Errors.Select(e => e.Path.Length > 0 ? e : e with { Path = UploadName(file) }).ToList())
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

    private static string UploadName(IFormFile file)
    {
        var name = Path.GetFileName(file.FileName ?? "");
        return name.Length is > 0 and <= 200 ? name : "tệp tải lên";
    }
}
