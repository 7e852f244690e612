using System.Diagnostics.CodeAnalysis;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Units;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Submissions;

/// <summary>
/// Loading a submission for an account, the access checks every action shares, and saving a change
/// together with its audit entry under the <see cref="SubmissionRecord.Revision"/> concurrency token.
/// </summary>
public sealed class SubmissionStore(AntqDbContext db, PackCatalog catalog, UnitDirectory units, TimeProvider time)
{
    public Task<SubmissionRecord?> FindAsync(Guid id, CancellationToken ct) =>
        db.Submissions.Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>
    /// The submission, tracked, if the account's scope covers its unit, or, for a reviewer, its review route
    /// passes through the reviewer's unit (a school in a phường managed by the province); 404 otherwise (no probing).
    /// </summary>
    public async Task<SubmissionRecord> GetVisibleAsync(Account account, Guid id, CancellationToken ct)
    {
        var record = await FindAsync(id, ct);
        if (record?.Unit is not null && !account.CanSee(record.Unit) && await RoutedThroughAsync(account, record, ct)) return record;
        EnsureVisible(account, record, id);
        return record;
    }

    /// <summary>Whether the account is a reviewer of a unit on the dossier's review route (<see cref="ChainAsync"/>).</summary>
    public async Task<bool> RoutedThroughAsync(Account account, SubmissionRecord record, CancellationToken ct) =>
        account.IsReviewer && (await ChainAsync(record.Unit!, await PinnedPackAsync(record, ct), record.Year, ct)).Any(u => u.Id == account.ScopeUnit.Id);

    public static void EnsureVisible(Account account, [NotNull] SubmissionRecord? record, Guid id)
    {
        if (record?.Unit is null || !account.CanSee(record.Unit))
            throw new AccessDeniedException($"Không tìm thấy hồ sơ {id}.", StatusCodes.Status404NotFound);
    }

    /// <summary>Only the unit's own account fills in and submits its form.</summary>
    public static void RequireOwner(Account account, SubmissionRecord record)
    {
        if (!account.IsUnit || account.ScopeUnit.Id != record.UnitId)
            throw new AccessDeniedException("Chỉ tài khoản của chính đơn vị lập hồ sơ mới được thực hiện thao tác này.");
    }

    /// <summary>Reviewing is done by steering-committee (reviewer) accounts only.</summary>
    public static void RequireReviewer(Account account)
    {
        if (!account.IsReviewer)
            throw new AccessDeniedException("Chỉ tài khoản xét duyệt của Ban Chỉ đạo mới được thực hiện thao tác này.");
    }

    /// <summary>The pack version the submission is pinned to. Stored versions are never deleted.</summary>
    public async Task<CompiledPack> PinnedPackAsync(SubmissionRecord record, CancellationToken ct) =>
        await catalog.GetAsync(record.PackId, record.PackVersion, ct)
        ?? throw new InvalidOperationException($"Pinned pack {record.PackId} {record.PackVersion} is not stored.");

    /// <summary>The reviewing units, from the parent up to the recognising level (or the root).</summary>
    public Task<List<Unit>> ChainAsync(Unit unit, CompiledPack pack, int year, CancellationToken ct) =>
        units.ReviewChainAsync(unit, pack.Manifest, year, ct);

    /// <summary>
    /// Saves the record's changes with one audit entry in the same SaveChanges. The revision goes up
    /// by one; a concurrent change since the record was read makes this a 409 and writes nothing.
    /// </summary>
    public async Task<Refusal?> CommitAsync(Account actor, SubmissionRecord record, string action, string fromStatus, object? details, CancellationToken ct)
    {
        Stage(actor, record, action, fromStatus, details);
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("Hồ sơ vừa được cập nhật ở nơi khác nên thao tác này không được ghi. Hãy tải lại hồ sơ rồi thử lại.");
        }
    }

    /// <summary>A change and its audit entry added to the unit of work, saved by the caller's SaveChanges (<see cref="CommitAsync"/>, or a batch such as an activation).</summary>
    public void Stage(Account actor, SubmissionRecord record, string action, string fromStatus, object? details)
    {
        record.Revision++;
        record.UpdatedAt = time.GetUtcNow();
        db.AuditEntries.Add(SubmissionAudit.Entry(actor, record, action, fromStatus, details, record.UpdatedAt));
    }

    /// <summary>
    /// The next <paramref name="take"/> drafts and returned dossiers of <paramref name="to"/>'s pack, in id order after
    /// <paramref name="after"/>, that are on another version and of a unit kind <paramref name="to"/> covers (a dossier of a
    /// kind it no longer covers stays where it is), leaving out <paramref name="skip"/>; tracked, with their units.
    /// </summary>
    public Task<List<SubmissionRecord>> EditableToMoveAsync(CompiledPack to, Guid after, IReadOnlyCollection<Guid> skip, int take, CancellationToken ct) =>
        EditableToMove(to).Include(s => s.Unit).Where(s => s.Id.CompareTo(after) > 0 && !skip.Contains(s.Id))
            .OrderBy(s => s.Id).Take(take).ToListAsync(ct);

    /// <summary>How many dossiers <see cref="EditableToMoveAsync"/> has to move in all.</summary>
    public Task<int> CountEditableToMoveAsync(CompiledPack to, CancellationToken ct) => EditableToMove(to).CountAsync(ct);

    private IQueryable<SubmissionRecord> EditableToMove(CompiledPack to)
    {
        var (packId, version, kinds) = (to.Manifest.Id, to.Manifest.Version, to.Manifest.UnitKinds.ToList());
        return db.Submissions.Where(s => s.PackId == packId && s.PackVersion != version
            && (s.Status == SubmissionStatus.Draft || s.Status == SubmissionStatus.Returned) && kinds.Contains(s.Unit!.KindId));
    }
}
