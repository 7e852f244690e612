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
/// root and deadline list, shared by the dashboard and the deadlines page. Nationally one board is every deadline for
/// 150,000 units (seconds of work); every dashboard computes the national board and filters it, so one computation
/// serves every reader for a while.
/// <para>
/// Correct on one instance: any save on this instance that changes what a board reads (a dossier created, deleted or
/// changing status or waiting unit; a unit or unit period; a year plan; an active pack pointer; an issued document, for
/// the yearly reports) drops every board (<see cref="DeadlineBoardInvalidation"/>). A draft save changes none of that and keeps
/// the boards. With several instances, or a change written around EF (bulk updates), a board is at most
/// <see cref="Ttl"/> old: that is why the time is short.
/// </para>
/// </summary>
public sealed class DeadlineBoardCache(TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    /// <summary>Boards kept at most (the national one, the provinces', the years looked at).</summary>
    private const int MaxBoards = 64;

    private readonly ConcurrentDictionary<string, Board> _boards = new(StringComparer.Ordinal);
    private long _generation;

    private sealed record Board(long Generation, DateTimeOffset At, List<DeadlineInstance> Instances);

    /// <summary>The board of the deadlines for the year and scope, from the cache when fresh, else computed by <paramref name="compute"/> and kept.</summary>
    public Task<List<DeadlineInstance>> GetAsync(int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines, Unit? within,
        Func<Task<List<DeadlineInstance>>> compute) =>
        GetOrComputeAsync(Key(year, deadlines, within), compute);

    /// <summary>
    /// The national board of the deadlines filtered to what concerns one unit (the dashboard's focus: its subtree that year and
    /// the dossiers routed through it), kept and dropped with the boards — the filter reads the year's whole hierarchy.
    /// </summary>
    public Task<List<DeadlineInstance>> GetFilteredAsync(int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines,
        int focusId, Func<Task<List<DeadlineInstance>>> compute) =>
        GetOrComputeAsync(string.Create(CultureInfo.InvariantCulture, $"{Key(year, deadlines, null)}|concerning:{focusId}"), compute);

    private async Task<List<DeadlineInstance>> GetOrComputeAsync(string key, Func<Task<List<DeadlineInstance>>> compute)
    {
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref _generation);
        if (_boards.TryGetValue(key, out var board) && board.Generation == generation && now - board.At < Ttl) return board.Instances;
        var instances = await compute();
        // Not kept when something changed while it was computed: the next reader computes again.
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_boards.Count >= MaxBoards) Prune(now);
            _boards[key] = new Board(generation, now, instances);
        }
        return instances;
    }

    /// <summary>Drops every board (<see cref="DeadlineBoardInvalidation"/>, or a change no interceptor sees, e.g. a bulk update).</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _boards.Clear();
    }

    private static string Key(int year, IReadOnlyList<(CompiledPack Pack, DeadlineDefinition Definition)> deadlines, Unit? within) =>
        string.Join('|', deadlines.Select(d => string.Create(CultureInfo.InvariantCulture,
                $"{d.Pack.Manifest.Id}@{d.Pack.Manifest.Version}/{d.Definition.Id}/{d.Definition.Stage}/{d.Definition.DueAt(year):O}/{d.Definition.OpensAt(year):O}"))
            .Prepend(string.Create(CultureInfo.InvariantCulture, $"{year}:{within?.Id ?? 0}")));

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, board) in _boards)
            if (now - board.At >= Ttl) _boards.TryRemove(key, out _);
        if (_boards.Count >= MaxBoards) _boards.Clear();
    }
}

/// <summary>Drops the deadline boards when a save changes what they read; a draft save (data and verdict only) does not.</summary>
public sealed class DeadlineBoardInvalidation(DeadlineBoardCache cache) : ChangeInvalidationInterceptor
{
    protected override bool Affects(EntityEntry entry) => entry.Entity switch
    {
        SubmissionRecord => entry.State != EntityState.Modified
            || entry.Property(nameof(SubmissionRecord.Status)).IsModified || entry.Property(nameof(SubmissionRecord.PendingUnitId)).IsModified,
        Unit or UnitPeriod or YearPlan or ActivePackRecord or IssuedDocument => true,
        _ => false,
    };

    protected override void Invalidate() => cache.Invalidate();
}
