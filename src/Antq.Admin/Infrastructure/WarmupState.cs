namespace Antq.Admin.Infrastructure;

/// <summary>
/// Whether the start-up warm-up (<see cref="StartupWarmup"/>) is still running. Until it is over <c>/health</c> answers
/// 503 "warming", so a load balancer sends a restarted instance its share of traffic only once its hot paths are
/// compiled; the instance serves every request meanwhile (a single server is usable at once).
/// </summary>
public sealed class WarmupState(bool enabled)
{
    private volatile bool _warming = enabled;

    public bool Warming => _warming;

    /// <summary>Over, whether the warm-up finished, failed or was cancelled: a failed warm-up only means slower first requests.</summary>
    public void Finish() => _warming = false;
}
