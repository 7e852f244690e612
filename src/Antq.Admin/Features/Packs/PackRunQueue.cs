using System.Collections.Concurrent;
using Hangfire;

namespace Antq.Admin.Features.Packs;

/// <summary>
/// A pack's background work recorded in the database as a run (an impact preview, <see cref="Impact.ImpactRunner"/>; moving the
/// dossiers after an activation, <see cref="Moves.MoveRunner"/>): executes the run whose id it is given. The run's row says
/// whether it is still to be done, so a run handed over twice is executed once.
/// </summary>
public interface IPackRunner
{
    Task RunAsync(Guid runId, CancellationToken ct);
}

/// <summary>Hands a recorded run to whatever executes it: Hangfire where this instance processes jobs, else a task in this process.</summary>
public interface IPackRunQueue
{
    void Enqueue<TRunner>(Guid runId) where TRunner : class, IPackRunner;
}

/// <summary>With ANTQ_JOBS on: a Hangfire job, run by whichever instance's job server is free.</summary>
public sealed class HangfirePackRunQueue(IBackgroundJobClient jobs) : IPackRunQueue
{
    public void Enqueue<TRunner>(Guid runId) where TRunner : class, IPackRunner =>
        jobs.Enqueue<TRunner>(runner => runner.RunAsync(runId, CancellationToken.None));
}

/// <summary>
/// With ANTQ_JOBS off (a web-only instance, the tests): a task in this process on its own DI scope. On shutdown the
/// runs are cancelled by ApplicationStopping (each runner records what that means for its run) and the host waits for them to write that down.
/// </summary>
public sealed class InProcessPackRunQueue(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<InProcessPackRunQueue> logger)
    : IPackRunQueue, IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public void Enqueue<TRunner>(Guid runId) where TRunner : class, IPackRunner
    {
        var run = Task.Run(() => RunAsync<TRunner>(runId));
        _running[run] = 0;
        // Removed once finished, after it was added (a run that finishes at once must not stay listed).
        _ = run.ContinueWith(done => _running.TryRemove(done, out var _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task RunAsync<TRunner>(Guid runId) where TRunner : class, IPackRunner
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TRunner>().RunAsync(runId, lifetime.ApplicationStopping);
        }
        catch (Exception e)
        {
            // The runner records its own failures; this is a failure to record one (e.g. the database went away).
            logger.LogError(e, "{Runner} run {RunId} ended without recording its outcome.", typeof(TRunner).Name, runId);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after ApplicationStopping has cancelled the runs: waits for them to record that they were interrupted.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
}
