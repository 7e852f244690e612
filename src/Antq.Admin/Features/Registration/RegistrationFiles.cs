using Antq.Admin.Components;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Forms;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Registration;

/// <summary>
/// The resolution and the security plan attached to a registration (TT124 Điều 9 khoản 2 điểm a). The unit uploads,
/// replaces or removes them while the registration is editable (a draft, or refused and being corrected); once sent
/// they are fixed. Whoever may see the registration may download them. The bytes go to the <see cref="EvidenceStore"/>.
/// </summary>
public sealed class RegistrationFiles(AntqDbContext db, CurrentAccount current, EvidenceStore evidence, TimeProvider time, ILogger<RegistrationFiles> logger)
{
    /// <summary>As the column holds it (<c>RegistrationFile.Name</c>).</summary>
    public const int MaxNameLength = 255;

    /// <summary>Stores the file of a kind, replacing the one already there.</summary>
    public async Task<Result<RegistrationFileView>> UploadAsync(Guid id, string kind, string fileName, Stream content, CancellationToken ct)
    {
        var (account, record, refusal) = await EditableAsync(id, kind, "đính kèm tệp", ct);
        if (refusal is not null) return refusal;
        // The name is kept to be offered on download (browsers send the bare name; older ones a whole path).
        var name = Path.GetFileName(fileName.Trim());
        if (name.Length is 0 or > MaxNameLength) return Refusal.BadRequest($"Tên tệp phải có từ 1 đến {MaxNameLength} ký tự; hãy đổi tên tệp rồi tải lên lại.");
        var stored = await evidence.SaveForRegistrationAsync(record.Id, record.UnitId, kind, fileName, content, account.UserId, ct);
        if (stored.Failure is { } failed) return failed;

        var previous = await db.RegistrationFiles.FirstOrDefaultAsync(f => f.RegistrationId == id && f.Kind == kind, ct);
        if (previous is not null) db.RegistrationFiles.Remove(previous);
        var file = new RegistrationFile
        {
            Id = Guid.NewGuid(), RegistrationId = id, Kind = kind, Reference = stored.Value!.Reference, Name = name,
            Size = stored.Value.Size, UploadedBy = account.UserId, UploadedAt = time.GetUtcNow(),
        };
        db.RegistrationFiles.Add(file);
        if (await CommitAsync(record, ct) is { } conflict)
        {
            evidence.Delete(file.Reference);
            return conflict;
        }
        if (previous is not null) evidence.Delete(previous.Reference);
        return View(file);
    }

    /// <summary>Removes the file of a kind (nothing to remove is not an error: the retried request finds it gone).</summary>
    public async Task<Result<List<RegistrationFileView>>> RemoveAsync(Guid id, string kind, CancellationToken ct)
    {
        var (_, record, refusal) = await EditableAsync(id, kind, "bỏ tệp", ct);
        if (refusal is not null) return refusal;
        var file = await db.RegistrationFiles.FirstOrDefaultAsync(f => f.RegistrationId == id && f.Kind == kind, ct);
        if (file is not null)
        {
            db.RegistrationFiles.Remove(file);
            if (await CommitAsync(record, ct) is { } conflict) return conflict;
            evidence.Delete(file.Reference);
        }
        return (await ListAsync([id], ct)).GetValueOrDefault(id, []);
    }

    /// <summary>The file of a kind for whoever may see the registration; 404 otherwise (no probing).</summary>
    public async Task<(EvidenceDownload File, string Name)> OpenAsync(Guid id, string kind, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var notFound = new AccessDeniedException("Không tìm thấy tệp.", StatusCodes.Status404NotFound);
        var record = await db.Registrations.AsNoTracking().Include(r => r.Unit).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null || !account.CanSee(record.Unit!)) throw notFound;
        var file = await db.RegistrationFiles.AsNoTracking().FirstOrDefaultAsync(f => f.RegistrationId == id && f.Kind == kind, ct) ?? throw notFound;
        var stored = await evidence.LocateForRegistrationAsync(file.Reference, id, ct);
        if (stored is null)
        {
            logger.LogError("The stored file {Reference} of registration {Registration} is missing", file.Reference, id);
            throw notFound;
        }
        return (stored, file.Name);
    }

    /// <summary>The files of some registrations, in the order of the law.</summary>
    public async Task<Dictionary<Guid, List<RegistrationFileView>>> ListAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var files = await db.RegistrationFiles.AsNoTracking().Where(f => ids.Contains(f.RegistrationId)).ToListAsync(ct);
        return files.GroupBy(f => f.RegistrationId).ToDictionary(g => g.Key,
            g => g.OrderBy(f => RegistrationFileKind.Order(f.Kind)).Select(View).ToList());
    }

    /// <summary>The names of the required files not attached yet; sending is refused while any is missing.</summary>
    public async Task<List<string>> MissingAsync(Guid id, CancellationToken ct)
    {
        var kinds = await db.RegistrationFiles.AsNoTracking().Where(f => f.RegistrationId == id).Select(f => f.Kind).ToListAsync(ct);
        return RegistrationFileKind.All.Where(k => !kinds.Contains(k.Id)).Select(k => k.Label).ToList();
    }

    private async Task<(Account Account, RegistrationRecord Record, Refusal? Refusal)> EditableAsync(Guid id, string kind, string action, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        var record = await db.Registrations.Include(r => r.Unit).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null || !account.CanSee(record.Unit!)) throw new AccessDeniedException("Không tìm thấy bản đăng ký.", StatusCodes.Status404NotFound);
        RegistrationSteps.RequireOwner(account, record);
        if (!RegistrationFileKind.IsKnown(kind))
            return (account, record, Refusal.BadRequest($"Loại tệp «{kind}» không thuộc hồ sơ đăng ký (chỉ có: {string.Join("; ", RegistrationFileKind.All.Select(k => k.Label))})."));
        if (!RegistrationSteps.Editable(record.Status))
            return (account, record, Refusal.Conflict(
                $"Bản đăng ký đang ở trạng thái «{RegistrationQueries.StatusText(record.Status)}» nên không {action} được: tệp của bản đăng ký đã gửi được giữ nguyên."));
        return (account, record, null);
    }

    /// <summary>
    /// Saves the file change with the registration's revision as the condition: a send or decision that moved the
    /// registration on meanwhile makes the change fail instead of slipping a file into a sent dossier.
    /// </summary>
    private async Task<Refusal?> CommitAsync(RegistrationRecord record, CancellationToken ct)
    {
        db.Entry(record).Property(r => r.Revision).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e)
        {
            // A concurrent upload of the same kind hits the unique (registration, kind) index.
            logger.LogInformation(e, "File change on registration {Registration} lost a race", record.Id);
            return Refusal.Conflict("Bản đăng ký vừa được người khác xử lý; hãy tải lại trang để xem tệp và trạng thái mới.");
        }
    }

    private static RegistrationFileView View(RegistrationFile f) =>
        new(f.Kind, RegistrationFileKind.Label(f.Kind), f.Name, f.Size, f.UploadedAt, Display.Date(f.UploadedAt), $"/api/registrations/{f.RegistrationId}/files/{f.Kind}");
}
