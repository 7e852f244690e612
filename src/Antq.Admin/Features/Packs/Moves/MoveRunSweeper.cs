namespace Antq.Admin.Features.Packs.Moves;

/// <summary>
/// On every instance, at start and then every minute: hands the move runs no runner is working on (an instance killed or
/// stopped mid-run) to a runner again (<see cref="MoveRuns.ResumeAbandonedAsync"/>). Dossiers not yet moved stay legal on
/// their version meanwhile; this only bounds how long they wait.
/// </summary>
public sealed class MoveRunSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<MoveRunSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var resumed = await scope.ServiceProvider.GetRequiredService<MoveRuns>().ResumeAbandonedAsync(stoppingToken);
                if (resumed > 0) logger.LogInformation("{Count} abandoned move runs handed to a runner again.", resumed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a moment (a restart of PostgreSQL): the next tick tries again.
                logger.LogWarning(e, "Looking for abandoned move runs failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
