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
/// runs are cancelled (the runner records them as interrupted) and the host waits for them to write that down.
/// </summary>
public sealed class InProcessImpactRunQueue(IServiceScopeFactory scopes, ILogger<InProcessImpactRunQueue> logger) : IImpactRunQueue, IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public void Enqueue(Guid runId) => _running[runId] = Task.Run(() => RunAsync(runId));

    private async Task RunAsync(Guid runId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ImpactRunner>().RunAsync(runId, _stopping.Token);
        }
        catch (Exception e)
        {
            // The runner records its own failures; this is a failure to record one (e.g. the database went away).
            logger.LogError(e, "Impact run {RunId} ended without recording its outcome.", runId);
        }
        finally
        {
            _running.TryRemove(runId, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();
}
