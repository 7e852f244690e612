using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;

namespace Antq.Admin.Features.Forms;

/// <summary>A stored evidence file: the reference written into the form data, and the name shown.</summary>
public sealed record EvidenceFile(string Reference, string Name, long Size);

/// <summary>A file ready to be sent to someone allowed to read it.</summary>
public sealed record EvidenceDownload(string PhysicalPath, string ContentType, string Name, bool Inline);

/// <summary>
/// Evidence files under <c>ANTQ_DATA_DIR/uploads/&lt;guid&gt;/&lt;name&gt;</c>. A file belongs to the
/// submission it was uploaded for (recorded beside it), so reading it is authorised against that
/// submission: a reference copied into another unit's data opens nothing. The files of a registration
/// dossier are stored the same way and read only through their registration (its own scope check).
/// </summary>
public sealed partial class EvidenceStore(AntqOptions options, CurrentAccount current, SubmissionStore store, TimeProvider time, ILogger<EvidenceStore> logger)
{
    public const string Folder = "uploads";
    private const string MetaName = ".antq-meta.json";

    /// <summary>Allowed when a file field does not list its own <c>x-ui.accept</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultAccept = [".pdf", ".jpg", ".jpeg", ".png", ".docx", ".doc", ".xlsx", ".xls", ".odt"];

    [GeneratedRegex("^uploads/([0-9a-f]{32})/([A-Za-z0-9][A-Za-z0-9._-]{0,150})$")]
    private static partial Regex ReferencePattern();

    private string Root => Path.Combine(options.DataDirectory, Folder);

    /// <summary>Stores one file for a file field of an editable submission of the caller's own unit.</summary>
    public async Task<Result<EvidenceFile>> SaveAsync(Guid submissionId, string fieldPointer, string fileName, Stream content, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await store.GetVisibleAsync(account, submissionId, ct);
        SubmissionStore.RequireOwner(account, record);
        if (!SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "đính kèm tệp");
        var pack = await store.PinnedPackAsync(record, ct);
        if (pack.Form.FieldAt(fieldPointer) is not { } field || FormLayout.For(pack).UiFor(field) is not { Widget: Widget.File, Files: { } rules })
            return Refusal.BadRequest($"Trường «{fieldPointer}» không phải là trường tệp minh chứng của biểu mẫu.");

        var accept = rules.Accept.Count > 0 ? rules.Accept : DefaultAccept;
        var meta = new EvidenceMeta(submissionId, record.UnitId, fieldPointer, fileName, 0, account.UserId, time.GetUtcNow());
        return await StoreAsync(meta, content, accept, rules, ct);
    }

    /// <summary>
    /// Stores one file of a registration dossier with the default types and size (the caller, the registration's
    /// steps, has checked who uploads and when). The file is read only through its registration: <see cref="OpenAsync"/>
    /// opens nothing of it, <see cref="LocateForRegistrationAsync"/> gives it to the registration's own check.
    /// </summary>
    public Task<Result<EvidenceFile>> SaveForRegistrationAsync(Guid registrationId, int unitId, string kind, string fileName, Stream content, string uploadedBy, CancellationToken ct)
    {
        var meta = new EvidenceMeta(Guid.Empty, unitId, kind, fileName, 0, uploadedBy, time.GetUtcNow()) { RegistrationId = registrationId };
        return StoreAsync(meta, content, DefaultAccept, DefaultRules, ct);
    }

    /// <summary>Types and size of a file that no form field describes.</summary>
    public static readonly FileRules DefaultRules = new([], FileRules.DefaultMaxSizeMb, 1, Multiple: false);

    /// <summary>The store's checks and writing, shared by every owner of a file: type, size (bytes received), not empty.</summary>
    private async Task<Result<EvidenceFile>> StoreAsync(EvidenceMeta meta, Stream content, IReadOnlyList<string> accept, FileRules rules, CancellationToken ct)
    {
        var fileName = meta.OriginalName;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!accept.Contains(extension))
            return Refusal.BadRequest($"Tệp «{fileName}» không đúng loại cho phép ({string.Join(", ", accept)}).");

        var id = Guid.NewGuid().ToString("N");
        var name = SafeName(fileName, extension);
        var folder = Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        long size;
        try
        {
            size = await CopyLimitedAsync(content, path, rules.MaxBytes, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            TryDelete(folder);
            if (e is InvalidDataException)
                return Refusal.BadRequest($"Tệp «{fileName}» vượt quá dung lượng cho phép ({rules.MaxSizeMb} MB).");
            logger.LogWarning(e, "Upload of {File} for {Owner} failed", fileName, meta.RegistrationId ?? meta.SubmissionId);
            return Refusal.BadRequest($"Không tải lên được tệp «{fileName}». Vui lòng thử lại.");
        }
        if (size == 0)
        {
            // An empty file proves nothing: refuse it rather than let it stand as evidence.
            TryDelete(folder);
            return Refusal.BadRequest($"Tệp «{fileName}» rỗng (0 byte); hãy chọn tệp minh chứng có nội dung.");
        }
        await File.WriteAllTextAsync(Path.Combine(folder, MetaName), JsonSerializer.Serialize(meta with { Size = size }), ct);
        return new EvidenceFile($"{Folder}/{id}/{name}", name, size);
    }

    /// <summary>The file behind a reference if the caller may read it; a 404 otherwise (no probing).</summary>
    public async Task<EvidenceDownload> OpenAsync(string reference, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var notFound = new AccessDeniedException("Không tìm thấy tệp.", StatusCodes.Status404NotFound);
        var (file, meta) = await LocateAsync(reference, ct) ?? throw notFound;
        // A registration's file is read through its registration only (RegistrationFiles checks that scope).
        if (meta.RegistrationId is not null) throw notFound;

        SubmissionRecord record;
        try { record = await store.GetVisibleAsync(account, meta.SubmissionId, ct); }
        catch (AccessDeniedException) { throw notFound; }
        // Reviewers see what the submission refers to; the unit also sees what it uploaded but has not saved yet.
        var referenced = record.DataJson.Contains($"\"{reference}\"", StringComparison.Ordinal);
        var uploader = account.IsUnit && account.ScopeUnit.Id == record.UnitId;
        if (!referenced && !uploader) throw notFound;
        return file;
    }

    /// <summary>
    /// The stored file behind a reference of a registration, without any check of the caller: the registration's
    /// steps authorise before calling. Null when the reference is malformed, missing or not that registration's.
    /// </summary>
    public async Task<EvidenceDownload?> LocateForRegistrationAsync(string reference, Guid registrationId, CancellationToken ct) =>
        await LocateAsync(reference, ct) is ({ } file, { } meta) && meta.RegistrationId == registrationId ? file : null;

    /// <summary>Removes a stored file (a registration's file replaced or removed); a missing folder is not an error.</summary>
    public void Delete(string reference)
    {
        var match = ReferencePattern().Match(reference);
        if (match.Success) TryDelete(Path.Combine(Root, match.Groups[1].Value));
    }

    private async Task<(EvidenceDownload File, EvidenceMeta Meta)?> LocateAsync(string reference, CancellationToken ct)
    {
        var match = ReferencePattern().Match(reference);
        if (!match.Success) return null;
        var folder = Path.Combine(Root, match.Groups[1].Value);
        var path = Path.Combine(folder, match.Groups[2].Value);
        var metaPath = Path.Combine(folder, MetaName);
        if (!File.Exists(path) || !File.Exists(metaPath)) return null;
        if (JsonSerializer.Deserialize<EvidenceMeta>(await File.ReadAllTextAsync(metaPath, ct)) is not { } meta) return null;

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var (type, inline) = extension switch
        {
            ".pdf" => ("application/pdf", true),
            ".png" => ("image/png", true),
            ".jpg" or ".jpeg" => ("image/jpeg", true),
            _ => ("application/octet-stream", false),
        };
        return (new EvidenceDownload(path, type, match.Groups[2].Value, inline), meta);
    }

    /// <summary>The name part of a reference, for display.</summary>
    public static string DisplayName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    private static async Task<long> CopyLimitedAsync(Stream source, string path, long limit, CancellationToken ct)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            // The declared size is the browser's word; the bytes actually received are what count.
            if (total > limit) throw new InvalidDataException("too large");
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }

    /// <summary>ASCII letters, digits, dot, dash and underscore (Vietnamese letters lose their marks), so the reference is a plain URI reference.</summary>
    public static string SafeName(string fileName, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName).Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        foreach (var c in stem)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var safe = builder.ToString().Trim('-', '_');
        if (safe.Length == 0) safe = "tep";
        if (safe.Length > 100) safe = safe[..100];
        return safe + extension;
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Written beside each file: whose it is. <see cref="Field"/> is the form field, or the registration file's kind.</summary>
    private sealed record EvidenceMeta(Guid SubmissionId, int UnitId, string Field, string OriginalName, long Size, string UploadedBy, DateTimeOffset UploadedAt)
    {
        /// <summary>Set for a registration's file (then <see cref="SubmissionId"/> is empty).</summary>
        public Guid? RegistrationId { get; init; }
    }
}
