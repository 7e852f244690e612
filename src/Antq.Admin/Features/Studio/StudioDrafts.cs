using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Studio;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Studio;

/// <summary>A draft as the studio reads it.</summary>
public sealed record DraftView(int Id, string PackId, string? BaseVersion, int Revision, IReadOnlyDictionary<string, string> Files,
    string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>One line of the drafts list.</summary>
public sealed record DraftSummary(int Id, string PackId, string? BaseVersion, string? Version, int Revision, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>What saving a draft gave.</summary>
public abstract record DraftSaveOutcome
{
    public sealed record Saved(int Revision, DateTimeOffset UpdatedAt) : DraftSaveOutcome;

    /// <summary>Someone saved since <c>expected</c>: nothing was overwritten.</summary>
    public sealed record Conflict(int CurrentRevision, string UpdatedBy, DateTimeOffset UpdatedAt) : DraftSaveOutcome
    {
        public string Message => $"Bản nháp đã được {UpdatedBy} lưu lúc {UpdatedAt.ToOffset(TimeSpan.FromHours(7)):HH:mm:ss dd/MM/yyyy} (lần lưu {CurrentRevision}) sau khi anh/chị mở. Thay đổi của anh/chị chưa được lưu; hãy tải lại bản nháp rồi sửa lại.";
    }

    public sealed record Refused(IReadOnlyList<PackError> Errors) : DraftSaveOutcome;
}

/// <summary>What publishing a draft gave: the registry's own upload outcome (stored version, or every error).</summary>
public sealed record DraftPublishOutcome(UploadOutcome Upload, DraftSaveOutcome? Conflict = null);

/// <summary>
/// The studio's drafts: started from a stored version or from a new manifest, saved with optimistic
/// concurrency, verified by the engine exactly as an upload is, exported and imported as
/// deterministic zips, published through the registry's upload path. Province administrators only.
/// </summary>
public sealed class StudioDrafts(AntqDbContext db, CurrentAccount current, PackCatalog catalog, PackRegistry registry, PackCheckCache checks, TimeProvider time)
{
    private DbSet<PackDraft> Drafts => db.Set<PackDraft>();

    public async Task<IReadOnlyList<DraftSummary>> ListAsync(string? packId, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var rows = await Drafts.AsNoTracking().Where(d => packId == null || d.PackId == packId).ToListAsync(ct);
        return rows.OrderByDescending(d => d.UpdatedAt).Select(d => new DraftSummary(d.Id, d.PackId, d.BaseVersion,
            PackDocument.Deserialize(d.FilesJson).Version, d.Revision, d.UpdatedBy, d.UpdatedAt)).ToList();
    }

    public async Task<DraftView> GetAsync(int id, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        return View(await FindAsync(id, ct));
    }

    /// <summary>Starts a draft from a stored version; its manifest's version is bumped to the next minor.</summary>
    public async Task<DraftView> StartFromVersionAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var archive = await db.PackVersions.AsNoTracking().Where(p => p.PackId == packId && p.Version == version).Select(p => p.Archive).FirstOrDefaultAsync(ct)
            ?? throw PackAuthorization.VersionNotFound(packId, version);
        var read = await PackReader.ReadZipAsync(new MemoryStream(archive), cancellationToken: ct);
        if (!read.Ok) throw new InvalidOperationException($"Stored pack {packId} {version} no longer reads: {read.Errors[0]}");
        var doc = PackDocument.FromFiles(read.Files!);
        var manifest = doc.Json(PackDocument.Manifest)!;
        var versions = await db.PackVersions.AsNoTracking().Where(p => p.PackId == packId).Select(p => p.Version).ToListAsync(ct);
        manifest["version"] = StudioVersions.NextMinor(versions.Append(version));
        doc.SetJson(PackDocument.Manifest, manifest);
        return await AddAsync(packId, version, doc, account, ct);
    }

    /// <summary>
    /// The loader's verdict on the manifest form of a new pack (its messages, at <c>pack.json#/…</c>),
    /// plus what only the server knows: the id is not taken and the unit kinds exist. Empty: it may start.
    /// </summary>
    public async Task<IReadOnlyList<PackError>> CheckNewAsync(NewPackRequest request, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var manifest = request.Manifest(Year);
        var errors = StudioCheck.CheckManifest(PackDocument.New(manifest)).ToList();
        if (manifest.Id.Length > 0 && await db.PackVersions.AnyAsync(p => p.PackId == manifest.Id, ct))
            errors.Add(new PackError(PackError.At(PackDocument.Manifest, "/id"), "studio.pack-exists",
                $"Đã có bộ tiêu chí mã “{manifest.Id}”: hãy soạn phiên bản mới từ trang của bộ tiêu chí đó."));
        var known = await db.UnitKinds.AsNoTracking().Select(k => k.Id).ToListAsync(ct);
        foreach (var (kind, i) in manifest.UnitKinds.Select((k, i) => (k, i)).Where(k => !known.Contains(k.k)))
            errors.Add(new PackError(PackError.At(PackDocument.Manifest, $"/unitKinds/{i}"), "studio.unit-kind",
                $"Loại đơn vị “{kind}” chưa có trong danh mục loại đơn vị của hệ thống."));
        return errors;
    }

    /// <summary>Starts a draft of a new pack from the manifest form; refused (422, every error at its place) when the form does not check.</summary>
    public async Task<Result<DraftView>> StartNewAsync(NewPackRequest request, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var errors = await CheckNewAsync(request, ct);
        if (errors.Count > 0)
            return Refusal.Unprocessable($"Thông tin bộ tiêu chí mới chưa hợp lệ ({errors.Count} lỗi); chưa tạo bản nháp.",
                new Dictionary<string, object?> { ["errors"] = errors.Select(e => new PackErrorView(e.Path, e.Code, e.Message)).ToList() });
        var manifest = request.Manifest(Year);
        return await AddAsync(manifest.Id, null, PackDocument.New(manifest), account, ct);
    }

    private async Task<DraftView> AddAsync(string packId, string? baseVersion, PackDocument doc, Account account, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var draft = new PackDraft
        {
            PackId = packId, BaseVersion = baseVersion, FilesJson = doc.Serialize(), Revision = 1,
            CreatedBy = account.Name, CreatedAt = now, UpdatedBy = account.Name, UpdatedAt = now,
        };
        Drafts.Add(draft);
        await db.SaveChangesAsync(ct);
        return View(draft);
    }

    /// <summary>Saves the whole set of files, if nobody saved since <paramref name="expectedRevision"/>.</summary>
    public async Task<DraftSaveOutcome> SaveAsync(int id, int expectedRevision, IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var errors = StudioFiles.Check(files);
        if (errors.Count > 0) return new DraftSaveOutcome.Refused(errors);
        var draft = await FindAsync(id, ct, tracked: true);
        if (draft.Revision != expectedRevision) return Conflict(draft);
        draft.FilesJson = new PackDocument(files).Serialize();
        draft.Revision = expectedRevision + 1;
        draft.UpdatedBy = account.Name;
        draft.UpdatedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write.
            db.ChangeTracker.Clear();
            return Conflict(await FindAsync(id, ct));
        }
        return new DraftSaveOutcome.Saved(draft.Revision, draft.UpdatedAt);
    }

    private static DraftSaveOutcome.Conflict Conflict(PackDraft draft) => new(draft.Revision, draft.UpdatedBy, draft.UpdatedAt);

    public async Task DeleteAsync(int id, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var draft = await FindAsync(id, ct, tracked: true);
        Drafts.Remove(draft);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The full verification of an upload (tests included), on the stored draft or on files being edited.</summary>
    public async Task<DraftVerdict> VerifyAsync(IReadOnlyDictionary<string, string> files, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var options = catalog.LoadOptions with { RunTests = true, Cache = checks };
        return await Task.Run(() => StudioCheck.Verify(new PackDocument(files), options), ct);
    }

    /// <summary>The preview's unit and year: the first unit kind of the draft, this year.</summary>
    public UnitInfo PreviewUnit(PackDocument doc) =>
        new(doc.Json(PackDocument.Manifest)?["unitKinds"]?.AsArray().FirstOrDefault()?.ToString() ?? "xa", "", "Đơn vị xem trước");

    public int Year => Antq.FormEngine.Deadlines.VietnamTime.YearOf(time.GetUtcNow());

    public async Task<(string FileName, byte[] Zip)> ExportAsync(int id, CancellationToken ct)
    {
        var draft = await GetAsync(id, ct);
        var doc = new PackDocument(draft.Files);
        return ($"{doc.PackId ?? draft.PackId}-{doc.Version ?? "nhap"}.zip", doc.ToZip());
    }

    /// <summary>Replaces the draft's files with a zip's (read with the upload's safety limits), as a save.</summary>
    public async Task<DraftSaveOutcome> ImportAsync(int id, int expectedRevision, Stream zip, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var read = await PackReader.ReadZipAsync(zip, cancellationToken: ct);
        if (!read.Ok) return new DraftSaveOutcome.Refused(read.Errors);
        return await SaveAsync(id, expectedRevision, PackDocument.FromFiles(read.Files!).Files, ct);
    }

    /// <summary>
    /// Publishes the draft as the version its manifest names: the deterministic zip goes through the
    /// registry's upload (full verification; refused → nothing stored). The draft is kept.
    /// </summary>
    public async Task<DraftPublishOutcome> PublishAsync(int id, int expectedRevision, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var draft = await FindAsync(id, ct);
        if (draft.Revision != expectedRevision) return new DraftPublishOutcome(new UploadOutcome.Refused([]), Conflict(draft));
        var zip = PackDocument.Deserialize(draft.FilesJson).ToZip();
        return new DraftPublishOutcome(await registry.UploadAsync(new MemoryStream(zip), account.Actor(), ct));
    }

    private async Task<PackDraft> FindAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? Drafts : Drafts.AsNoTracking();
        return await query.FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new AccessDeniedException($"Không tìm thấy bản nháp số {id} (có thể đã bị xóa).", StatusCodes.Status404NotFound);
    }

    private static DraftView View(PackDraft d) =>
        new(d.Id, d.PackId, d.BaseVersion, d.Revision, PackDocument.Deserialize(d.FilesJson).Files, d.CreatedBy, d.CreatedAt, d.UpdatedBy, d.UpdatedAt);
}

/// <summary>The manifest form of a new pack; version 1.0.0 and this year unless given.</summary>
public sealed record NewPackRequest(string Id, string Title, IReadOnlyList<string> UnitKinds, string RecognisedBy)
{
    public string? Version { get; init; }
    public int? Year { get; init; }
    public IReadOnlyList<RecognitionRow>? Recognition { get; init; }

    public NewPackManifest Manifest(int thisYear) =>
        new((Id ?? "").Trim(), (Title ?? "").Trim(), string.IsNullOrWhiteSpace(Version) ? "1.0.0" : Version.Trim(),
            (UnitKinds ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).ToList(), (RecognisedBy ?? "").Trim(), Year ?? thisYear)
        { Recognition = Recognition ?? [] };
}

/// <summary>Version numbers the studio proposes.</summary>
public static class StudioVersions
{
    /// <summary>The next minor after the highest of <paramref name="versions"/> (1.0.0, 2.0.0 → 2.1.0).</summary>
    public static string NextMinor(IEnumerable<string> versions)
    {
        var highest = versions.Select(Parse).Where(v => v is not null).Max() ?? new Version(1, 0, 0);
        return $"{highest.Major}.{highest.Minor + 1}.0";
    }

    private static Version? Parse(string text) =>
        Version.TryParse(text.Split('-', '+')[0], out var v) && v.Build >= 0 ? v : null;
}

/// <summary>What a draft may hold: exactly what an upload may (the engine's zip reader decides, on the bytes export would give).</summary>
public static class StudioFiles
{
    public static IReadOnlyList<PackError> Check(IReadOnlyDictionary<string, string> files)
    {
        var read = PackReader.ReadZip(new MemoryStream(PackWriter.Zip(files)));
        return read.Ok ? [] : read.Errors;
    }
}
