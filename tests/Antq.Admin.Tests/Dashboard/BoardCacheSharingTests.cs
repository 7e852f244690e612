using Antq.Admin.Features.Deadlines;

namespace Antq.Admin.Tests.Dashboard;

/// <summary>
/// The board cache's counts: readers who ask while a value is being computed share that computation (several
/// administrators on the national dashboard each did all of it again), a reader after a change never gets the value
/// computed before it, and a computation that fails or is cancelled is not kept.
/// </summary>
public sealed class BoardCacheSharingTests
{
    private readonly DeadlineBoardCache _cache = new(TimeProvider.System);

    [Fact]
    public async Task ReadersAtTheSameTime_ShareOneComputation()
    {
        var computations = 0;
        var release = new TaskCompletionSource();
        async Task<List<int>> Compute()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return [computations];
        }

        var readers = Enumerable.Range(0, 4).Select(_ => _cache.GetCountsAsync("boards:2025:1", Compute)).ToList();
        release.SetResult();
        var values = await Task.WhenAll(readers);

        Assert.Equal(1, computations);
        Assert.All(values, v => Assert.Same(values[0], v));
        Assert.Same(values[0], await _cache.GetCountsAsync("boards:2025:1", Compute)); // kept for the next reader
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task ReaderAfterAChange_DoesNotJoinTheComputationStartedBeforeIt()
    {
        var release = new TaskCompletionSource();
        var before = _cache.GetCountsAsync("unmet:2025:1", async () =>
        {
            await release.Task;
            return "before the change";
        });
        _cache.Invalidate(); // a save changed what the value reads
        var after = await _cache.GetCountsAsync("unmet:2025:1", () => Task.FromResult("after the change"));
        release.SetResult();

        Assert.Equal("after the change", after);
        Assert.Equal("before the change", await before);
        // The value computed across the change did not replace the one computed after it.
        Assert.Equal("after the change", await _cache.GetCountsAsync("unmet:2025:1", () => Task.FromResult("computed again")));
    }

    [Fact]
    public async Task FailedComputation_ReachesItsWaiters_AndIsNotKept()
    {
        var release = new TaskCompletionSource();
        var first = _cache.GetCountsAsync<string>("years:7", async () =>
        {
            await release.Task;
            throw new InvalidOperationException("database gone");
        });
        var waiter = _cache.GetCountsAsync("years:7", () => Task.FromResult("not computed: it waits for the first"));
        release.SetResult();

        Assert.Equal("database gone", (await Assert.ThrowsAsync<InvalidOperationException>(() => first)).Message);
        Assert.Equal("database gone", (await Assert.ThrowsAsync<InvalidOperationException>(() => waiter)).Message);
        Assert.Equal("fresh", await _cache.GetCountsAsync("years:7", () => Task.FromResult("fresh")));
    }

    [Fact]
    public async Task CancelledFirstReader_TheWaitingOneComputesItsOwn()
    {
        var release = new TaskCompletionSource();
        using var gone = new CancellationTokenSource();
        var first = _cache.GetCountsAsync<string>("years:8", async () =>
        {
            await release.Task;
            gone.Token.ThrowIfCancellationRequested();
            return "never";
        });
        var waiter = _cache.GetCountsAsync("years:8", () => Task.FromResult("its own"));
        await gone.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("its own", await waiter);
    }
}
