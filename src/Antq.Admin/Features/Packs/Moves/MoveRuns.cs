using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs.Moves;

/// <summary>
/// The runs that move a pack's drafts and returned dossiers after an activation (ADR 0010 point 2, issue 19): recorded
/// in the activation's transaction (<see cref="RecordAsync"/>), handed to <see cref="IPackRunQueue"/> once it has
/// committed, read by any instance, and handed over again when their runner went silent (<see cref="ResumeAbandonedAsync"/>).
/// </summary>
public sealed class MoveRuns(AntqDbContext db, CurrentAccount current, SubmissionStore store, IPackRunQueue queue, TimeProvider time)
{
    /// <summary>A runner writes its heartbeat at every batch, a second or so apart; this long without one, it is gone.</summary>
    public static readonly TimeSpan SilentRunning = TimeSpan.FromMinutes(2);

    /// <summary>A queued run (never taken, or handed back by a stopping instance) this old is handed to a runner again.</summary>
    public static readonly TimeSpan SilentQueued = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Within the activation's transaction, after the pointer swap: the pack's unfinished run to another version is
    /// replaced (its claim cleared, so its next batch writes nothing), and a run is recorded when dossiers are left on
    /// other versions. An unfinished run to <paramref name="to"/> itself is kept. Null when nothing is to move.
    /// </summary>
    internal async Task<MoveRun?> RecordAsync(Account account, CompiledPack to, string? fromVersion, CancellationToken ct)
    {
        var (packId, version, now) = (to.Manifest.Id, to.Manifest.Version, time.GetUtcNow());
        var unfinished = await Unfinished(packId).FirstOrDefaultAsync(ct);
        if (unfinished?.Version == version) return unfinished;
        if (unfinished is not null)
            await Unfinished(packId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, MoveRunStatus.Superseded)
                .SetProperty(r => r.Claim, (Guid?)null).SetProperty(r => r.FinishedAt, now), ct);
        var total = await store.CountEditableToMoveAsync(to, ct);
        if (total == 0) return null;
        var run = new MoveRun
        {
            Id = Guid.NewGuid(), PackId = packId, Version = version, FromVersion = fromVersion,
            RequestedById = account.UserId, RequestedByName = account.Name, RequestedByUnitId = account.ScopeUnit.Id, RequestedAt = now, Total = total,
        };
        db.MoveRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>Once the activation has committed: the run goes to a runner.</summary>
    internal void Start(MoveRun run) => queue.Enqueue<MoveRunner>(run.Id);

    /// <summary>A run of the pack, for a province administrator; an unknown one is not found (404).</summary>
    public async Task<MoveRunView> GetAsync(string packId, Guid runId, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var run = await db.MoveRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.PackId == packId, ct)
            ?? throw new AccessDeniedException($"Không tìm thấy lượt chuyển hồ sơ này của gói tiêu chí “{packId}”.", StatusCodes.Status404NotFound);
        return MoveRunView.Of(run);
    }

    /// <summary>The pack's latest run (the pack page shows it while it moves and its result after), for a province administrator.</summary>
    public async Task<MoveRunView?> LatestAsync(string packId, CancellationToken ct)
    {
        await current.RequireAdminAsync(ct);
        var run = await db.MoveRuns.AsNoTracking().Where(r => r.PackId == packId).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);
        return run is null ? null : MoveRunView.Of(run);
    }

    /// <summary>
    /// Hands the runs no runner is working on to one again (<see cref="MoveRunSweeper"/> on every instance): queued ones
    /// older than <see cref="SilentQueued"/> and running ones silent for <see cref="SilentRunning"/> (an instance killed
    /// mid-run). The runner's claim decides who takes one, so two instances handing over the same run move it once.
    /// </summary>
    public async Task<int> ResumeAbandonedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (queuedBefore, silentBefore) = (now - SilentQueued, now - SilentRunning);
        var abandoned = await db.MoveRuns.AsNoTracking()
            .Where(r => (r.Status == MoveRunStatus.Queued && r.RequestedAt < queuedBefore) || (r.Status == MoveRunStatus.Running && r.HeartbeatAt < silentBefore))
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var id in abandoned) queue.Enqueue<MoveRunner>(id);
        return abandoned.Count;
    }

    private IQueryable<MoveRun> Unfinished(string packId) =>
        db.MoveRuns.Where(r => r.PackId == packId && (r.Status == MoveRunStatus.Queued || r.Status == MoveRunStatus.Running));
}
