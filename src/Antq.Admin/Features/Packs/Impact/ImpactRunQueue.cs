using System.Collections.Concurrent;
using Hangfire;

namespace Antq.Admin.Features.Packs.Impact;

/// <summary>Hands a queued impact run to whatever executes it (<see cref="ImpactRunner"/>).</summary>
public interface IImpactRunQueue
{
    void Enqueue(Guid runId);
}

/// <summary>With ANTQ_JOBS on: a Hangfire job, run by whichever instance's job server is free.</summary>
public sealed class HangfireImpactRunQueue(IBackgroundJobClient jobs) : IImpactRunQueue
{
    public void Enqueue(Guid runId) => jobs.Enqueue<ImpactRunner>(runner => runner.RunAsync(runId, CancellationToken.None));
}

/// <summary>
/// With ANTQ_JOBS off (a web-only instance, the tests): a task in this process on its own DI scope. On shutdown the
/// runs are cancelled by ApplicationStopping (the runner records them as interrupted) and the host waits for them to write that down.
/// </summary>
public sealed class InProcessImpactRunQueue(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<InProcessImpactRunQueue> logger)
    : IImpactRunQueue, IHostedService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public void Enqueue(Guid runId)
    {
        var run = Task.Run(() => RunAsync(runId));
        _running[runId] = run;
        // Removed once finished, after it was added (a run that finishes at once must not stay listed).
        _ = run.ContinueWith(_ => _running.TryRemove(runId, out var _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task RunAsync(Guid runId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ImpactRunner>().RunAsync(runId, lifetime.ApplicationStopping);
        }
        catch (Exception e)
        {
            // The runner records its own failures; this is a failure to record one (e.g. the database went away).
            logger.LogError(e, "Impact run {RunId} ended without recording its outcome.", runId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after ApplicationStopping has cancelled the runs: waits for them to record that they were interrupted.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
}
