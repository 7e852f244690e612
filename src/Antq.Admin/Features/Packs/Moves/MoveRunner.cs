using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Features.Notifications;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs.Moves;

/// <summary>
/// Moves the drafts and returned dossiers of an activated pack, <see cref="MoveSettings.BatchSize"/> per SaveChanges, after
/// the activation has answered (a Hangfire job or an in-process task, <see cref="IPackRunQueue"/>). Nothing is locked: each
/// dossier's update is guarded by its revision, so a dossier its unit saved after the batch read it fails the batch, which is
/// saved again without it; it is read again in a later pass and moved then (never lost, never moved or notified twice: the
/// notice is keyed by the revision the move acts on). The run's row is in every batch under its claim, so a runner that was
/// taken over or replaced by a later activation commits nothing; and before each batch the pack's active version is read,
/// so a rollback by any path stops the run. No Hangfire retry: a silent run is taken over by <see cref="MoveRuns.ResumeAbandonedAsync"/>.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class MoveRunner(AntqDbContext db, PackCatalog catalog, SubmissionStore store, SubmissionMove moves, StepNotifications notifications,
    MoveSettings settings, TimeProvider time, ILogger<MoveRunner> logger) : IPackRunner
{
    public const string Crashed = "Không chuyển hết được hồ sơ do lỗi máy chủ. Hãy kích hoạt lại phiên bản này để chuyển các hồ sơ còn lại; nếu vẫn lỗi, báo cho quản trị hệ thống.";

    /// <summary>Passes over the dossiers its units kept saving under it; a unit typing all day would need hundreds.</summary>
    private const int MaxPasses = 100;

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        var now = time.GetUtcNow();
        var silentBefore = now - MoveRuns.SilentRunning;
        var claimed = await db.MoveRuns
            .Where(r => r.Id == runId && (r.Status == MoveRunStatus.Queued || (r.Status == MoveRunStatus.Running && r.HeartbeatAt < silentBefore)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, MoveRunStatus.Running).SetProperty(r => r.Claim, claim).SetProperty(r => r.HeartbeatAt, now), CancellationToken.None);
        if (claimed == 0) return; // finished, replaced, or another runner holds it
        try
        {
            await MoveAllAsync(runId, claim, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // This instance is stopping: handed back, so the next sweep of any instance takes it on where it stands.
            await Ours(runId, claim).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, MoveRunStatus.Queued).SetProperty(r => r.Claim, (Guid?)null), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Move run {RunId} failed.", runId);
            await Ours(runId, claim).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, MoveRunStatus.Failed).SetProperty(r => r.Error, Crashed)
                .SetProperty(r => r.Claim, (Guid?)null).SetProperty(r => r.FinishedAt, time.GetUtcNow()), CancellationToken.None);
        }
    }

    private async Task MoveAllAsync(Guid runId, Guid claim, CancellationToken ct)
    {
        var run = await db.MoveRuns.SingleAsync(r => r.Id == runId, ct);
        var to = await catalog.GetAsync(run.PackId, run.Version, ct)
            ?? throw new InvalidOperationException($"Pack {run.PackId} {run.Version} of move run {runId} is not stored.");
        var actor = await ActorAsync(run, ct);
        var (after, deferred, passes) = (Guid.Empty, new HashSet<Guid>(), 1);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var active = await db.ActivePacks.AsNoTracking().Where(a => a.PackId == run.PackId).Select(a => a.Version!.Version).FirstOrDefaultAsync(ct);
            if (active != run.Version)
            {
                // Another version was activated without replacing this run (PackRegistry alone): that activation's dossiers are its own business.
                run.Status = MoveRunStatus.Superseded;
                await FinishAsync(run, ct);
                return;
            }
            // The first pass moves whole batches; later passes only meet the dossiers their units kept saving under a batch, and
            // move them one at a time, so a dossier saved again makes only its own move wait (bench/two-instances.sh at the full
            // peak: with whole batches retried, 50 drafts typed into twice a second took ~29 attempts each and 181 s).
            var batch = await store.EditableToMoveAsync(to, after, deferred, passes == 1 ? settings.BatchSize : 1, ct);
            if (batch.Count == 0)
            {
                if (deferred.Count == 0)
                {
                    run.Status = MoveRunStatus.Done;
                    await FinishAsync(run, ct);
                    return;
                }
                if (++passes > MaxPasses) throw new InvalidOperationException($"Move run {runId}: {deferred.Count} dossiers were saved under every one of {MaxPasses} passes.");
                (after, deferred) = (Guid.Empty, []); // the dossiers saved under a batch, read again
                continue;
            }
            foreach (var record in batch) await moves.FollowActivationAsync(actor, record, to, ct);
            run.Done += batch.Count;
            run.Total = Math.Max(run.Total, run.Done);
            run.HeartbeatAt = time.GetUtcNow();
            var conflicts = await SaveBatchAsync(ct);
            if (conflicts is null)
            {
                after = batch[^1].Id;
                await notifications.QueueEmailsAsync(ct);
                continue;
            }
            // Nothing of the batch was saved: it is read again without the dossiers saved under it (the batch stays where it is).
            deferred.UnionWith(conflicts);
            db.ChangeTracker.Clear();
            run = await db.MoveRuns.SingleAsync(r => r.Id == runId, ct);
            if (run.Claim != claim || run.Status != MoveRunStatus.Running) return; // taken over or replaced meanwhile
        }
    }

    /// <summary>
    /// Saves the batch with the run's progress. Null when saved; else the dossiers whose unit saved them after the batch
    /// read them (possibly none: the run's claim was taken meanwhile, which the caller sees when it reads the run again,
    /// or a notice of another runner's move was there first, and the batch is read again).
    /// </summary>
    private async Task<IReadOnlyCollection<Guid>?> SaveBatchAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException e)
        {
            return e.Entries.Select(x => x.Entity).OfType<SubmissionRecord>().Select(s => s.Id).ToList();
        }
        catch (DbUpdateException e) when (Reminders.UniqueViolation.Is(e))
        {
            return [];
        }
    }

    private async Task FinishAsync(MoveRun run, CancellationToken ct)
    {
        run.Claim = null;
        run.HeartbeatAt = run.FinishedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Move run {RunId} of {PackId} to {Version}: {Status}, {Done} dossiers moved.", run.Id, run.PackId, run.Version, run.Status, run.Done);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Taken over or replaced just now: the other runner or activation writes the outcome.
        }
    }

    /// <summary>The administrator who activated, as the moves' audit rows and notices name them.</summary>
    private async Task<Account> ActorAsync(MoveRun run, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == run.RequestedByUnitId, ct);
        return new Account(run.RequestedById, run.RequestedByName, Roles.Admin, unit);
    }

    private IQueryable<MoveRun> Ours(Guid runId, Guid claim) => db.MoveRuns.Where(r => r.Id == runId && r.Claim == claim);
}
