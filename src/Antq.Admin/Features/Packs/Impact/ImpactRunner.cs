using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Antq.Admin.Features.Packs.Impact;

/// <summary>
/// Executes one queued impact run (a Hangfire job or an in-process task, <see cref="IPackRunQueue"/>): claims it,
/// scans with <see cref="PackImpactScan"/>, writes the progress every <see cref="PackImpactScan.ProgressEvery"/> dossiers
/// and the result or the failure. The scan streams submissions on this scope's context, so progress is written through a
/// second context (PostgreSQL runs one command at a time per connection). No retry (on the class: Hangfire runs the job
/// through <see cref="IPackRunner"/>): a failed run is recorded as failed and the administrator's next request starts a new one.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ImpactRunner(AntqDbContext db, PackImpactScan scan, PackCatalog catalog, IServiceScopeFactory scopes,
    TimeProvider time, ILogger<ImpactRunner> logger) : IPackRunner
{
    public const string Interrupted = "Việc tính ảnh hưởng bị gián đoạn do máy chủ dừng. Hãy yêu cầu lại để tính lại từ đầu.";
    public const string Crashed = "Không tính được ảnh hưởng do lỗi máy chủ. Hãy yêu cầu lại; nếu vẫn lỗi, báo cho quản trị hệ thống.";

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Only a queued run is taken: a job replayed after a restart finds its run failed (interrupted) and stops.
        var claimed = await db.ImpactRuns.Where(r => r.Id == runId && r.Status == ImpactRunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ImpactRunStatus.Running).SetProperty(r => r.HeartbeatAt, now), CancellationToken.None);
        if (claimed == 0) return;

        await using var progressScope = scopes.CreateAsyncScope();
        var progressDb = progressScope.ServiceProvider.GetRequiredService<AntqDbContext>();
        try
        {
            var run = await db.ImpactRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
            var scopePath = await db.Units.Where(u => u.Id == run.ScopeUnitId).Select(u => u.Path).SingleAsync(ct);
            var candidate = await catalog.GetAsync(run.PackId, run.Version, ct)
                ?? throw new InvalidOperationException($"Pack {run.PackId} {run.Version} of impact run {runId} is not stored.");
            var view = await scan.RunAsync(run.PackId, candidate, scopePath, done => ProgressAsync(progressDb, runId, done, ct), ct);
            var total = view.Changed.Count + view.Unchanged;
            var finished = time.GetUtcNow();
            await progressDb.ImpactRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ImpactRunStatus.Done)
                .SetProperty(r => r.Done, total)
                .SetProperty(r => r.Total, total)
                .SetProperty(r => r.ResultJson, JsonSerializer.Serialize(view, JsonSerializerOptions.Web))
                .SetProperty(r => r.HeartbeatAt, finished)
                .SetProperty(r => r.FinishedAt, finished), CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailAsync(progressDb, runId, Interrupted);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Impact run {RunId} failed.", runId);
            await FailAsync(progressDb, runId, Crashed);
        }
    }

    private async Task ProgressAsync(AntqDbContext progressDb, Guid runId, int done, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await progressDb.ImpactRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Done, r => done > r.Total ? r.Total : done).SetProperty(r => r.HeartbeatAt, now), ct);
    }

    private Task FailAsync(AntqDbContext progressDb, Guid runId, string error) => ImpactRuns.FailAsync(progressDb, runId, error, time.GetUtcNow());
}
