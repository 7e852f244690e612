using System.Collections.Concurrent;
using System.Globalization;
using Antq.Admin.Data.Entities;
using Antq.Admin.Infrastructure;
using Antq.FormEngine;
using Antq.FormEngine.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Antq.Admin.Features.Deadlines;

/// <summary>
/// The computed deadline boards (<see cref="DeadlineBoard.ComputeAsync"/>) of the last <see cref="Ttl"/>, per year, scope
/// root and deadline list, shared by the dashboard and the deadlines page, and the dashboard's counted boards beside them
/// (<see cref="GetCountsAsync{T}"/>, read from the same tables). Nationally one board is every deadline for 150,000 units
/// (seconds of work); every dashboard computes the national board and filters it, so one computation serves every reader
/// for a while. Readers who ask for a value being computed wait for that computation instead of starting their own: with
/// several administrators on the national dashboard each request did all the work again, and the 2 cores were shared
/// between identical computations (p95 831 ms with 2 readers, 1.5 s with 4).
/// <para>
/// Correct on one instance: any save on this instance that changes what a board reads (a dossier created, deleted or
/// changing status or waiting unit; a unit or unit period; a year plan; an active pack pointer; an issued document, for
/// the yearly reports) drops every board (<see cref="DeadlineBoardInvalidation"/>). A draft save changes none of that and keeps
/// the boards. With several instances, or a change written around EF (bulk updates), a board is at most
/// <see cref="Ttl"/> old: that is why the time is short.
/// </para>
/// <para>
/// A large board (<see cref="LargeBoardRows"/> unit rows or more: the national one, 150,000 units, 2.5 s to compute, the
/// dashboard's filtered copies of it and the counts of a focus with such a board) is not made to wait for after a change or after <see cref="Ttl"/>: its readers get
/// the previous board at once while one computation runs in the background in its own scope (<see cref="GetAsync"/>,
/// <see cref="GetFilteredAsync"/>). On a deadline day status changes come every few seconds and every national reader met a
/// cold board. Such a board may then lag a change by one computation, as another instance's does by <see cref="Ttl"/>; one
/// older than <see cref="MaxStale"/> is computed again before it is shown. The size decides, not the time a computation
/// took: a slow machine must not make a small board lag.
/// </para>
/// </summary>
public sealed class DeadlineBoardCache(TimeProvider time, IServiceScopeFactory scopes, ILogger<DeadlineBoardCache> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Values kept at most: the national board, the provinces', the years looked at, and the small per-focus ones (a filtered
    /// board and the counts of each dashboard opened in the last <see cref="Ttl"/>).
    /// </summary>
    private const int MaxBoards = 512;

    private readonly ConcurrentDictionary<string, Board> _boards = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>The values being computed, per key and generation (a reader after a change never joins an older computation).</summary>
    private readonly ConcurrentDictionary<string, Task<object>> _computing = new(StringComparer.Ordinal);

    /// <summary>A board of at least this many unit rows is served while it is computed again after a change (see the class).</summary>
    internal int LargeBoardRows { get; init; } = 100_000;

    /// <summary>The oldest board served while it is computed again.</summary>
    public static readonly TimeSpan MaxStale = TimeSpan.FromMinutes(2);

    /// <summary>The boards being computed again in the background, one per key at a time.</summary>
    private readonly ConcurrentDictionary<string, Task> _refreshing = new(StringComparer.Ordinal);

    private sealed record Board(long Generation, DateTimeOffset At, object Value, bool Large);

    /// <summary>
    /// The board of the deadlines for the year and scope, from the cache when fresh, else computed by <paramref name="compute"/>
    /// and kept. A large one that is no longer fresh is returned as it is while <paramref name="refresh"/> computes it again in
    /// a scope of its own (the request's may be gone by then).
    /// </summary>
    public Task<List<DeadlineInstance>> GetAsync(int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines, Unit? within,
        Func<Task<List<DeadlineInstance>>> compute, Func<IServiceProvider, CancellationToken, Task<List<DeadlineInstance>>> refresh) =>
        ServeAsync(Key(year, deadlines, within), compute, refresh, IsLarge);

    /// <summary>
    /// The national board of the deadlines filtered to what concerns one unit (the dashboard's focus: its subtree that year and
    /// the dossiers routed through it), kept and dropped with the boards — the filter reads the year's whole hierarchy.
    /// </summary>
    public Task<List<DeadlineInstance>> GetFilteredAsync(int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines,
        int focusId, Func<Task<List<DeadlineInstance>>> compute, Func<IServiceProvider, CancellationToken, Task<List<DeadlineInstance>>> refresh) =>
        ServeAsync(string.Create(CultureInfo.InvariantCulture, $"{Key(year, deadlines, null)}|concerning:{focusId}"), compute, refresh, IsLarge);

    /// <summary>Whether a board is large enough to be served while it is computed again (<see cref="LargeBoardRows"/>).</summary>
    public bool IsLarge(List<DeadlineInstance> board) => board.Sum(i => i.Units.Count) >= LargeBoardRows;

    private Task<T> ServeAsync<T>(string key, Func<Task<T>> compute, Func<IServiceProvider, CancellationToken, Task<T>> refresh, Func<T, bool> large)
    {
        var now = time.GetUtcNow();
        if (_boards.TryGetValue(key, out var board) && board.Large && now - board.At < MaxStale
            && (board.Generation != Interlocked.Read(ref _generation) || now - board.At >= Ttl))
        {
            Refresh(key, refresh, large);
            return Task.FromResult((T)board.Value);
        }
        return GetOrComputeAsync(key, compute, large);
    }

    /// <summary>Computes the value again in the background unless that is already under way; kept unless a newer one is.</summary>
    private void Refresh<T>(string key, Func<IServiceProvider, CancellationToken, Task<T>> refresh, Func<T, bool> large)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_refreshing.GetOrAdd(key, mine.Task) != mine.Task) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var generation = Interlocked.Read(ref _generation);
                var at = time.GetUtcNow();
                await using var scope = scopes.CreateAsyncScope();
                var value = await refresh(scope.ServiceProvider, CancellationToken.None);
                Keep(key, new Board(generation, at, value!, large(value)));
            }
            catch (Exception e)
            {
                // The readers keep the previous board; the next one after MaxStale computes it in its request.
                logger.LogWarning(e, "A deadline board could not be computed again in the background.");
            }
            finally
            {
                _refreshing.TryRemove(KeyValuePair.Create(key, mine.Task));
                mine.SetResult();
            }
        });
    }

    /// <summary>
    /// A value the dashboard counts from the units and dossiers (<paramref name="key"/> names it: what, year, focus, packs),
    /// kept and dropped with the boards, so it is exactly as fresh as they are.
    /// </summary>
    public Task<T> GetCountsAsync<T>(string key, Func<Task<T>> compute) =>
        GetOrComputeAsync("counts:" + key, compute, _ => false);

    /// <summary>
    /// The same for the counts of a focus whose board is large (<see cref="IsLarge"/>, the country's or a big province's):
    /// served as they were while <paramref name="refresh"/> counts them again in a scope of its own after a change.
    /// </summary>
    public Task<T> GetCountsAsync<T>(string key, Func<Task<T>> compute, Func<IServiceProvider, CancellationToken, Task<T>> refresh, bool large) =>
        ServeAsync("counts:" + key, compute, refresh, _ => large);

    private async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, Func<T, bool> large)
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (_boards.TryGetValue(key, out var board) && board.Generation == generation && now - board.At < Ttl) return (T)board.Value;

        var computing = string.Create(CultureInfo.InvariantCulture, $"{generation}#{key}");
        var mine = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _computing.GetOrAdd(computing, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                return (T)await running;
            }
            catch (OperationCanceledException)
            {
                // The reader that started it went away (its request was cancelled): this one computes its own.
                return await compute();
            }
        }
        try
        {
            var value = await compute();
            var isLarge = large(value);
            // Not kept when something changed while it was computed (the next reader computes again) unless it is large:
            // then it is kept as what it is, older than the change, to be served while the next one is computed (ServeAsync).
            if (Interlocked.Read(ref _generation) == generation || isLarge) Keep(key, new Board(generation, now, value!, isLarge));
            mine.SetResult(value!);
            return value;
        }
        catch (OperationCanceledException e)
        {
            mine.SetCanceled(e.CancellationToken);
            throw;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception; // observed here; the readers waiting on it get it too
            throw;
        }
        finally
        {
            _computing.TryRemove(KeyValuePair.Create(computing, mine.Task));
        }
    }

    /// <summary>
    /// After a change (<see cref="DeadlineBoardInvalidation"/>, or one no interceptor sees, e.g. a bulk update): every value is
    /// out of date; the small ones are dropped, the large ones kept to be served while they are computed again.
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        // The large boards stay, older than the change, to be served while they are computed again (ServeAsync).
        foreach (var (key, board) in _boards)
            if (!board.Large) _boards.TryRemove(key, out _);
    }

    /// <summary>Keeps a value unless one computed after it is there already.</summary>
    private void Keep(string key, Board board)
    {
        if (_boards.Count >= MaxBoards) Prune(time.GetUtcNow());
        _boards.AddOrUpdate(key, board, (_, kept) => kept.Generation <= board.Generation ? board : kept);
    }

    private static string Key(int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines, Unit? within) =>
        string.Join('|', deadlines.Select(d => string.Create(CultureInfo.InvariantCulture,
                $"{d.Pack.Manifest.Id}@{d.Pack.Manifest.Version}/{d.Definition.Id}/{d.Definition.Stage}/{d.Definition.DueAt(year):O}/{d.Definition.OpensAt(year):O}"))
            .Prepend(string.Create(CultureInfo.InvariantCulture, $"{year}:{within?.Id ?? 0}")));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, board) in _boards)
            if (now - board.At >= (board.Large ? MaxStale : Ttl)) _boards.TryRemove(key, out _);
        // Still full of fresh values (many units' dashboards at once): the oldest half goes, the rest stays useful.
        if (_boards.Count >= MaxBoards)
            foreach (var (key, _) in _boards.OrderBy(b => b.Value.At).Take(_boards.Count - MaxBoards / 2).ToList())
                _boards.TryRemove(key, out _);
    }
}

/// <summary>Drops the deadline boards when a save changes what they read; a draft save (data and verdict only) does not.</summary>
public sealed class DeadlineBoardInvalidation(DeadlineBoardCache cache) : ChangeInvalidationInterceptor
{
    protected override bool Affects(EntityEntry entry) => entry.Entity switch
    {
        SubmissionRecord => entry.State != EntityState.Modified
            || entry.Property(nameof(SubmissionRecord.Status)).IsModified || entry.Property(nameof(SubmissionRecord.PendingUnitId)).IsModified,
        Unit or UnitPeriod or YearPlan or ActivePackRecord or IssuedDocument or RegistrationRecord => true,
        _ => false,
    };

    protected override void Invalidate() => cache.Invalidate();
}
