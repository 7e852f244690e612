using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs.Impact;

/// <summary>
/// Background impact runs (issue 19), authorised exactly as the inline preview (province administrators) and kept per
/// (pack, version, scope unit). Starting one returns, in this order: the latest finished run while the pack's submissions
/// in scope are unchanged since it was requested; the unfinished run of another request (joined; a unique index makes
/// two instances agree); else a new queued run handed to <see cref="IPackRunQueue"/>. A run whose runner went silent
/// (an instance killed mid-run) is marked failed and replaced.
/// </summary>
public sealed class ImpactRuns(AntqDbContext db, PackCatalog catalog, CurrentAccount current, PackImpactScan scan, IPackRunQueue queue, TimeProvider time)
{
    /// <summary>A running run writes progress every few hundred dossiers, seconds apart; this long without a word, its runner is gone.</summary>
    private static readonly TimeSpan SilentRunning = TimeSpan.FromMinutes(5);

    /// <summary>A queued run waits for a free job worker; this long, and none will take it.</summary>
    private static readonly TimeSpan SilentQueued = TimeSpan.FromMinutes(30);

    private const string Abandoned = "Việc tính ảnh hưởng bị gián đoạn (máy chủ xử lý đã dừng). Hãy yêu cầu lại để tính lại từ đầu.";

    public async Task<ImpactRunView> StartAsync(string packId, string version, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var candidate = await catalog.GetAsync(packId, version, ct) ?? throw PackAuthorization.VersionNotFound(packId, version);
        var stamp = await scan.StampAsync(packId, account.ScopeUnit.Path, ct);
        return await StartAsync(account, packId, candidate.Manifest.Version, stamp, ct);
    }

    /// <summary>For a caller that has authorised the account and read the stamp (<see cref="PackImpact"/>).</summary>
    internal async Task<ImpactRunView> StartAsync(Account account, string packId, string version, SubmissionsStamp stamp, CancellationToken ct)
    {
        var scopeUnitId = account.ScopeUnit.Id;
        var latest = await Runs(packId, version, scopeUnitId).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);
        if (latest is { Status: ImpactRunStatus.Done } && latest.SubmissionsStamp == stamp.ToString()) return View(latest);
        var unfinished = await Runs(packId, version, scopeUnitId)
            .Where(r => r.Status == ImpactRunStatus.Queued || r.Status == ImpactRunStatus.Running).FirstOrDefaultAsync(ct);
        if (unfinished is not null)
        {
            if (!IsAbandoned(unfinished)) return View(unfinished);
            await FailAsync(db, unfinished.Id, Abandoned, time.GetUtcNow());
        }

        var run = new ImpactRun
        {
            Id = Guid.NewGuid(), PackId = packId, Version = version, ScopeUnitId = scopeUnitId,
            RequestedById = account.UserId, RequestedByName = account.Name, RequestedAt = time.GetUtcNow(),
            Total = stamp.Count, SubmissionsStamp = stamp.ToString(),
        };
        db.ImpactRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request (maybe on another instance) started one between our read and our insert: join it.
            db.ChangeTracker.Clear();
            var other = await Runs(packId, version, scopeUnitId)
                .Where(r => r.Status == ImpactRunStatus.Queued || r.Status == ImpactRunStatus.Running).FirstOrDefaultAsync(ct);
            return other is not null ? View(other) : throw new InvalidOperationException("The impact run could not be stored.");
        }
        queue.Enqueue<ImpactRunner>(run.Id);
        return View(run);
    }

    /// <summary>A run of the pack version in the administrator's scope; another scope's run is not found (404), as is an unknown one.</summary>
    public async Task<ImpactRunView> GetAsync(string packId, string version, Guid runId, CancellationToken ct)
    {
        var account = await current.RequireAdminAsync(ct);
        var run = await Runs(packId, version, account.ScopeUnit.Id).FirstOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new AccessDeniedException($"Không tìm thấy lượt tính ảnh hưởng này của phiên bản {version} gói tiêu chí “{packId}”.", StatusCodes.Status404NotFound);
        if (run.Status is ImpactRunStatus.Queued or ImpactRunStatus.Running && IsAbandoned(run))
        {
            await FailAsync(db, run.Id, Abandoned, time.GetUtcNow());
            (run.Status, run.Error) = (ImpactRunStatus.Failed, Abandoned);
        }
        return View(run);
    }

    /// <summary>Records a run as failed with its Vietnamese reason (unless it finished meanwhile).</summary>
    internal static Task FailAsync(AntqDbContext db, Guid runId, string error, DateTimeOffset now) =>
        db.ImpactRuns.Where(r => r.Id == runId && (r.Status == ImpactRunStatus.Queued || r.Status == ImpactRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImpactRunStatus.Failed).SetProperty(r => r.Error, error)
                .SetProperty(r => r.FinishedAt, now), CancellationToken.None);

    private IQueryable<ImpactRun> Runs(string packId, string version, int scopeUnitId) =>
        db.ImpactRuns.AsNoTracking().Where(r => r.PackId == packId && r.Version == version && r.ScopeUnitId == scopeUnitId);

    private bool IsAbandoned(ImpactRun run)
    {
        var now = time.GetUtcNow();
        return run.Status == ImpactRunStatus.Running
            ? now - (run.HeartbeatAt ?? run.RequestedAt) > SilentRunning
            : now - run.RequestedAt > SilentQueued;
    }

    private static ImpactRunView View(ImpactRun run) => new(run.Id, run.PackId, run.Version, run.Status, run.Done, run.Total,
        run.RequestedAt, run.FinishedAt, run.Error,
        run is { Status: ImpactRunStatus.Done, ResultJson: { } json } ? JsonSerializer.Deserialize<PackImpactView>(json, JsonSerializerOptions.Web) : null);
}
