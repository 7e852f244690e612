using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs.Moves;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Packs;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs;

/// <summary>Uploads and activations, for administrators only.</summary>
public sealed class PackAdministration(PackRegistry registry, CurrentAccount current, PackFourEyes fourEyes, AntqDbContext db, PackCatalog catalog,
    MoveRuns moveRuns)
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
    /// Makes a stored version active (also a rollback) in one short transaction: the pointer swap with its audit row and
    /// the run that then moves the pack's drafts and returned dossiers to it (ADR 0010, point 2), replacing the run of an
    /// earlier activation still moving them. The answer comes once that has committed, with the run to follow; the dossiers
    /// move batch by batch after it (<see cref="MoveRunner"/>), each still saved by its unit on its own version until then.
    /// </summary>
    public async Task<Result<PackActivation>> ActivateAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        await fourEyes.EnsureMayActivateAsync(packId, version, account, ct);
        var pack = await catalog.GetAsync(packId, version, ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
        PackActivation done;
        MoveRun? run;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            done = await registry.ActivateAsync(packId, version, account.Actor(), ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
            run = await moveRuns.RecordAsync(account, pack, done.Previous, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (Reminders.UniqueViolation.Is(ex))
        {
            // Another activation of the pack recorded its run first. Nothing was committed: the cache must not keep the
            // pointer the rolled-back transaction set.
            db.ChangeTracker.Clear();
            catalog.InvalidateActive(packId);
            return Refusal.Conflict("Bộ tiêu chí vừa được kích hoạt ở nơi khác trong cùng lúc nên chưa có gì thay đổi. Hãy tải lại trang và kích hoạt lại nếu vẫn cần.");
        }
        catch
        {
            catalog.InvalidateActive(packId);
            throw;
        }
        if (run is null) return done;
        if (run.Status == MoveRunStatus.Queued) moveRuns.Start(run); // a run taken twice is moved once (its claim)
        return done with { Moves = MoveRunView.Of(run) };
    }

    private static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return name.Length is > 0 and <= 200 ? name : "tệp tải lên";
    }
}
