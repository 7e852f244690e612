using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Packs;

namespace Antq.Admin.Features.Packs;

/// <summary>Uploads and activations, for administrators only.</summary>
public sealed class PackAdministration(PackRegistry registry, CurrentAccount current, PackFourEyes fourEyes)
{
    /// <summary>Largest .zip accepted (pack-format.md, "Upload safety").</summary>
    public static long MaxArchiveBytes => PackLimits.Default.MaxPackedBytes;

    /// <summary>An upload over HTTP (multipart field <c>file</c>).</summary>
    public async Task<UploadOutcome> UploadAsync(IFormFile? file, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        if (file is null)
            return new UploadOutcome.Refused([new PackError("file", "upload.missing-file", "Chưa chọn tệp .zip của gói tiêu chí (trường “file”).")]);
        return await UploadAsync(file.FileName, file.OpenReadStream, ct);
    }

    /// <summary>
    /// An upload from the HTTP API or the UI (a dropped or chosen file): the engine reads
    /// <paramref name="open"/>'s stream once, stops at the size limit and words every refusal.
    /// </summary>
    public async Task<UploadOutcome> UploadAsync(string fileName, Func<Stream> open, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        await using var stream = open();
        var outcome = await registry.UploadAsync(stream, account.Actor(), ct);
        // Archive-wide errors have no path inside the pack; name the uploaded file instead.
        return outcome is UploadOutcome.Refused refused
            ? new UploadOutcome.Refused(refused.Errors.Select(e => e.Path.Length > 0 ? e : e with { Path = UploadName(fileName) }).ToList())
            : outcome;
    }

    public async Task<PackActivation> ActivateAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        await fourEyes.EnsureMayActivateAsync(packId, version, account, ct);
        return await registry.ActivateAsync(packId, version, account.Actor(), ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
    }

    private static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return name.Length is > 0 and <= 200 ? name : "tệp tải lên";
    }
}
