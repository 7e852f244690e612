using Antq.Admin.Features.Deadlines;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Antq.Admin.Tests.Dashboard;

/// <summary>
/// The board cache's counts: readers who ask while a value is being computed share that computation (several
/// administrators on the national dashboard each did all of it again), a reader after a change never gets the value
/// computed before it, and a computation that fails or is cancelled is not kept. A slow deadline board (the national one)
/// (by its size) is served while it is computed again after a change, in the background.
/// </summary>
public sealed class BoardCacheSharingTests
{
    private static readonly IServiceScopeFactory NoServices = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    private static readonly IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> NoDeadlines = [];

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2025-10-15T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly DeadlineBoardCache _cache;

    public BoardCacheSharingTests() => _cache = new DeadlineBoardCache(_clock, NoServices, NullLogger<DeadlineBoardCache>.Instance);

    /// <summary>A cache where every board counts as large (the national one): the tests' boards have no unit rows.</summary>
    private DeadlineBoardCache NationalSize() => new(_clock, NoServices, NullLogger<DeadlineBoardCache>.Instance) { LargeBoardRows = 0 };

    private static Func<Task<List<DeadlineInstance>>> Computed(List<DeadlineInstance> board) => () => Task.FromResult(board);

    private static Task<List<DeadlineInstance>> NotInTheRequest() => throw new InvalidOperationException("computed in the request");

    [Fact]
    public async Task LargeBoard_AfterAChange_IsServedAtOnce_WhileOneComputationRunsInTheBackground()
    {
        var cache = NationalSize();
        var before = new List<DeadlineInstance>();
        var after = new List<DeadlineInstance>();
        var refreshes = 0;
        var release = new TaskCompletionSource();
        async Task<List<DeadlineInstance>> Refresh(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref refreshes);
            await release.Task;
            return after;
        }

        Assert.Same(before, await cache.GetAsync(2025, NoDeadlines, null, Computed(before), Refresh));
        cache.Invalidate(); // a dossier changed status
        Assert.Same(before, await cache.GetAsync(2025, NoDeadlines, null, NotInTheRequest, Refresh));
        Assert.Same(before, await cache.GetAsync(2025, NoDeadlines, null, NotInTheRequest, Refresh));
        release.SetResult();

        // A guard against a hang only, not a timing: the background computation replaces the board.
        for (var i = 0; i < 200 && !ReferenceEquals(after, await cache.GetAsync(2025, NoDeadlines, null, NotInTheRequest, Refresh)); i++)
            await Task.Delay(25);
        Assert.Same(after, await cache.GetAsync(2025, NoDeadlines, null, NotInTheRequest, Refresh));
        Assert.Equal(1, refreshes); // the readers meanwhile started no second one
    }

    [Fact]
    public async Task SmallBoard_AfterAChange_IsComputedInTheRequest()
    {
        var before = new List<DeadlineInstance>();
        var after = new List<DeadlineInstance>();
        Assert.Same(before, await _cache.GetAsync(2025, NoDeadlines, null, Computed(before), (_, _) => NotInTheRequest()));
        _cache.Invalidate();
        Assert.Same(after, await _cache.GetAsync(2025, NoDeadlines, null, Computed(after), (_, _) => NotInTheRequest()));
    }

    [Fact]
    public async Task LargeBoard_OlderThanMaxStale_IsComputedInTheRequest()
    {
        var cache = NationalSize();
        var before = new List<DeadlineInstance>();
        var after = new List<DeadlineInstance>();
        Assert.Same(before, await cache.GetAsync(2025, NoDeadlines, null, Computed(before), (_, _) => NotInTheRequest()));
        _clock.Advance(DeadlineBoardCache.Ttl);
        Assert.Same(before, await cache.GetAsync(2025, NoDeadlines, null, Computed(after), (_, _) => Task.FromResult(before))); // expired: served, computed again
        _clock.Advance(DeadlineBoardCache.MaxStale);
        Assert.Same(after, await cache.GetAsync(2025, NoDeadlines, null, Computed(after), (_, _) => NotInTheRequest()));
    }

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

    [Fact]
    public async Task CountsOfALargeFocus_AfterAChange_AreServedWhileCountedAgain_OthersAreCountedInTheRequest()
    {
        var release = new TaskCompletionSource();
        async Task<string> Recount(IServiceProvider services, CancellationToken ct)
        {
            await release.Task;
            return "recounted";
        }
        Assert.Equal("national", await _cache.GetCountsAsync("boards:2025:1", () => Task.FromResult("national"), Recount, large: true));
        Assert.Equal("commune", await _cache.GetCountsAsync("boards:2025:9", () => Task.FromResult("commune"), Recount, large: false));
        _cache.Invalidate();

        Assert.Equal("national", await _cache.GetCountsAsync("boards:2025:1", () => Task.FromResult("in the request"), Recount, large: true));
        Assert.Equal("after the change", await _cache.GetCountsAsync("boards:2025:9", () => Task.FromResult("after the change"), Recount, large: false));
        release.SetResult();
        for (var i = 0; i < 200 && await _cache.GetCountsAsync("boards:2025:1", () => Task.FromResult("in the request"), Recount, large: true) != "recounted"; i++)
            await Task.Delay(25);
        Assert.Equal("recounted", await _cache.GetCountsAsync("boards:2025:1", () => Task.FromResult("in the request"), Recount, large: true));
    }
}
