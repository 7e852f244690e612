using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// <c>PUT /api/submissions/{id}</c>: create with a client-supplied id (a retry with the same content
/// returns the same record), or save a draft against the revision the client read.
/// </summary>
public sealed class SubmissionDrafts(
    AntqDbContext db, CurrentAccount current, PackCatalog catalog, SubmissionStore store,
    SubmissionEvaluator evaluator, SubmissionQueries queries, TimeProvider time)
{
    public async Task<Result<SaveOutcome>> PutAsync(Guid id, SaveSubmissionRequest request, CancellationToken ct)
    {
        var account = await current.RequireAsync(ct);
        if (SubmissionEvaluator.CheckData(request.Data) is { } bad) return bad;
        var record = await store.FindAsync(id, ct);
        if (record is null) return await CreateAsync(account, id, request, ct);
        SubmissionStore.EnsureVisible(account, record, id);
        return request.Version is { } version
            ? await SaveAsync(account, record, request, version, ct)
            : await RetryAsync(account, record, request, ct);
    }

    private async Task<Result<SaveOutcome>> CreateAsync(Account account, Guid id, SaveSubmissionRequest request, CancellationToken ct)
    {
        if (request.UnitId is not { } unitId || string.IsNullOrWhiteSpace(request.PackId) || request.Year is not { } year)
            return Refusal.BadRequest("Để lập hồ sơ mới cần có unitId, packId và year.");
        // The unit is the account's own; the payload may only name it, never choose another.
        if (!account.IsUnit || unitId != account.ScopeUnit.Id)
            throw new AccessDeniedException("Chỉ tài khoản của chính đơn vị mới được lập hồ sơ cho đơn vị đó.");
        if (year is < 2000 or > 2100) return Refusal.BadRequest($"Năm đánh giá {year} không hợp lệ.");
        var unit = account.ScopeUnit;
        var pack = await catalog.GetActiveAsync(request.PackId, ct);
        if (pack is null)
            return Refusal.Unprocessable($"Không có bộ tiêu chí «{request.PackId}» đang được áp dụng.");
        if (!pack.Manifest.UnitKinds.Contains(unit.KindId))
            return Refusal.Unprocessable($"Bộ tiêu chí «{pack.Manifest.Id}» không áp dụng cho loại đơn vị «{unit.KindId}» của {unit.Name}.");
        if (await HolderAsync(unit.Id, pack.Manifest.Id, year, ct) is { } holder)
        {
            // A concurrent create with this very id committed since the lookup above: that is a retry.
            if (holder == id && await store.FindAsync(id, ct) is { } same)
            {
                SubmissionStore.EnsureVisible(account, same, id);
                return await RetryAsync(account, same, request, ct);
            }
            return OneCopyConflict(unit, pack.Manifest.Id, year, holder);
        }

        var now = time.GetUtcNow();
        var record = new SubmissionRecord
        {
            Id = id, UnitId = unit.Id, PackId = pack.Manifest.Id, Year = year, PackVersion = pack.Manifest.Version,
            DataJson = "", EvaluationJson = "", EvaluatedPackHash = "",
            CreateHash = CanonicalJson.CreateHash(unit.Id, request.PackId, year, request.Data),
            CreatedAt = now, UpdatedAt = now,
        };
        var result = await evaluator.EvaluateAsync(pack, unit, year, request.Data, ct);
        SubmissionEvaluator.Store(record, pack, request.Data, result);
        db.Submissions.Add(record);
        db.AuditEntries.Add(SubmissionAudit.Entry(account, record, SubmissionAudit.Created, null, new { packId = record.PackId, packVersion = record.PackVersion, year }, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent create got there first: answer as if this request came second.
            db.ChangeTracker.Clear();
            var winner = await store.FindAsync(id, ct);
            if (winner is not null)
            {
                SubmissionStore.EnsureVisible(account, winner, id);
                return await RetryAsync(account, winner, request, ct);
            }
            if (await HolderAsync(unit.Id, pack.Manifest.Id, year, ct) is { } other) return OneCopyConflict(unit, pack.Manifest.Id, year, other);
            throw;
        }
        return new SaveOutcome(Created: true, View: await queries.ViewAsync(record, unit, ct));
    }

    /// <summary>A create sent again: the same content answers with the record as it is now.</summary>
    private async Task<Result<SaveOutcome>> RetryAsync(Account account, SubmissionRecord record, SaveSubmissionRequest request, CancellationToken ct)
    {
        SubmissionStore.RequireOwner(account, record);
        var sameContent = request.UnitId is { } unitId && request.PackId is { } packId && request.Year is { } year
            && CanonicalJson.CreateHash(unitId, packId, year, request.Data) == record.CreateHash;
        if (!sameContent)
            return Refusal.Conflict($"Mã hồ sơ {record.Id} đã được dùng để lập một hồ sơ với nội dung khác. "
                + "Để lưu bản nháp, hãy gửi kèm version (số phiên bản đang xem); để lập hồ sơ mới, hãy dùng mã mới.");
        return new SaveOutcome(Created: false, View: await queries.ViewAsync(record, record.Unit!, ct));
    }

    private async Task<Result<SaveOutcome>> SaveAsync(Account account, SubmissionRecord record, SaveSubmissionRequest request, int version, CancellationToken ct)
    {
        SubmissionStore.RequireOwner(account, record);
        if ((request.UnitId is { } unitId && unitId != record.UnitId) || (request.PackId is { } packId && packId != record.PackId)
            || (request.Year is { } year && year != record.Year))
            return Refusal.Conflict($"Hồ sơ {record.Id} thuộc đơn vị, bộ tiêu chí hoặc năm khác với yêu cầu.");
        if (!SubmissionStates.IsEditable(record.Status)) return SubmissionStates.WrongState(record, "sửa");
        if (version != record.Revision) return Stale(record, version);

        var pack = await store.PinnedPackAsync(record, ct);
        var result = await evaluator.EvaluateAsync(pack, record.Unit!, record.Year, request.Data, ct);
        SubmissionEvaluator.Store(record, pack, request.Data, result);
        if (await store.CommitAsync(account, record, SubmissionAudit.Saved, record.Status, new { valid = result.Valid, outcomeId = result.Outcome?.Id }, ct) is { } failure)
            return failure;
        return new SaveOutcome(Created: false, Saved: new DraftSaved(record.Id, record.Revision, record.Status, record.PackVersion, record.UpdatedAt,
            result.Valid, result.Outcome, result.Summary, result.Errors));
    }

    private async Task<Guid?> HolderAsync(int unitId, string packId, int year, CancellationToken ct) =>
        await db.Submissions.AsNoTracking().Where(s => s.UnitId == unitId && s.PackId == packId && s.Year == year)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);

    private static Refusal OneCopyConflict(Unit unit, string packId, int year, Guid holder) =>
        Refusal.Conflict($"{unit.Name} đã có hồ sơ theo bộ tiêu chí «{packId}» năm {year} (mã {holder}). Mỗi đơn vị chỉ có một hồ sơ cho mỗi bộ tiêu chí trong một năm.",
            new Dictionary<string, object?> { ["existingId"] = holder });

    private static Refusal Stale(SubmissionRecord record, int version) =>
        Refusal.Conflict($"Hồ sơ đã được cập nhật ở nơi khác (phiên bản hiện tại {record.Revision}, bản đang sửa dựa trên phiên bản {version}). "
            + "Dữ liệu đã lưu không bị thay đổi; hãy tải lại hồ sơ rồi lưu lại.",
            new Dictionary<string, object?> { ["currentRevision"] = record.Revision });
}
