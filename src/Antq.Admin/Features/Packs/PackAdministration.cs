using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>Uploads and activations, for administrators only.</summary>
public sealed class PackAdministration(PackRegistry registry, CurrentAccount current, PackFourEyes fourEyes, AntqDbContext db, PackCatalog catalog,
    SubmissionMove moves, StepNotifications notifications)
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

    /// <summary>
    /// Makes a stored version active (also a rollback) and, in the same transaction, moves every draft and returned
    /// dossier of the pack to it, each audited and its unit told what changed (ADR 0010, point 2). A dossier saved by
    /// its unit meanwhile makes the whole activation a 409 with nothing changed; activating again then succeeds (on
    /// PostgreSQL the drafts are locked first, see <see cref="LockEditableAsync"/>).
    /// </summary>
    public async Task<Result<PackActivation>> ActivateAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        await fourEyes.EnsureMayActivateAsync(packId, version, account, ct);
        var pack = await catalog.GetAsync(packId, version, ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await LockEditableAsync(packId, ct);
            var done = await registry.ActivateAsync(packId, version, account.Actor(), ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
            var moved = await moves.FollowActivationAsync(account, pack, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await notifications.QueueEmailsAsync(ct);
            return done with { Moved = moved };
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || Reminders.UniqueViolation.Is(ex))
        {
            // Nothing was committed: the cache must not keep the pointer the rolled-back transaction set.
            db.ChangeTracker.Clear();
            catalog.InvalidateActive(packId);
            return Refusal.Conflict("Một hồ sơ đang soạn của bộ tiêu chí vừa được cập nhật trong lúc kích hoạt nên chưa có gì thay đổi. Hãy kích hoạt lại.");
        }
        catch
        {
            catalog.InvalidateActive(packId);
            throw;
        }
    }

    /// <summary>
    /// PostgreSQL: locks the pack's drafts and returned dossiers for the transaction, so a unit's save waits for the
    /// activation (and then gets the 409 of a dossier that moved) instead of making it fail. Without the lock, moving
    /// every draft took longer than the gap between two saves of the units typing, and under editing load the
    /// activation was refused again and again (bench/two-instances.sh: 31 refusals in 45 s with 20 units saving).
    /// Measured on PostgreSQL; SQLite (one writer at a time, one instance) is left as it was.
    /// </summary>
    private async Task LockEditableAsync(string packId, CancellationToken ct)
    {
        if (db is not PostgresAntqDbContext) return;
        await db.Database.ExecuteSqlAsync(
            $"""SELECT 1 FROM "Submissions" WHERE "PackId" = {packId} AND "Status" IN ({SubmissionStatus.Draft}, {SubmissionStatus.Returned}) ORDER BY "Id" FOR UPDATE""", ct);
    }

    private static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return name.Length is > 0 and <= 200 ? name : "tệp tải lên";
    }
}
