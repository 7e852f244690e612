namespace Antq.Admin.Infrastructure;

/// <summary>
/// A rolling restart behind a load balancer without failed requests (issue 19, item 4; bench/two-instances.sh). On
/// SIGTERM the instance first reports itself as draining on <c>/health</c> (503) while it keeps serving for
/// <c>ANTQ_SHUTDOWN_DRAIN_SECONDS</c> (default 0: no load balancer), so the balancer's health check takes it out of
/// the pool before Kestrel stops listening; then Kestrel finishes the requests in flight. The host's shutdown timeout
/// is the drain plus 30 s for those requests (the framework's default alone would let the drain eat it).
/// </summary>
public sealed class ShutdownDrain(TimeSpan drain, IHostApplicationLifetime lifetime, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    /// <summary>Time left to requests in flight once the drain is over, before Kestrel aborts them.</summary>
    public static readonly TimeSpan RequestsGrace = TimeSpan.FromSeconds(30);

    private volatile bool _draining;
    private int _drained;

    /// <summary>True from the stop signal on: <c>/health</c> answers 503 so that no new traffic is sent here.</summary>
    public bool Draining => _draining;

    public TimeSpan Drain => drain;

    public static void AddShutdownDrain(IServiceCollection services, IConfiguration configuration)
    {
        var seconds = double.TryParse(configuration["ANTQ_SHUTDOWN_DRAIN_SECONDS"], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 600 ? s : 0;
        var drain = TimeSpan.FromSeconds(seconds);
        services.AddSingleton(provider => new ShutdownDrain(drain,
            provider.GetRequiredService<IHostApplicationLifetime>(), provider.GetRequiredService<ILogger<ShutdownDrain>>()));
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.Configure<HostOptions>(o => o.ShutdownTimeout = drain + RequestsGrace);
    }

    // The stop signal (SIGTERM, or StopApplication) comes first: from then on /health says draining.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _draining = true);
        return Task.CompletedTask;
    }

    // Runs before the hosted services stop, so Kestrel still serves during the delay; once per process.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (drain <= TimeSpan.Zero || Interlocked.Exchange(ref _drained, 1) == 1) return;
        logger.LogInformation("Stopping: /health reports draining; serving for {Seconds} s more before Kestrel stops.", drain.TotalSeconds);
        try
        {
            await Task.Delay(drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
