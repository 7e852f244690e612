using System.Diagnostics;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Antq.FormEngine;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Runs the hot paths once the server has started, before the JIT has seen them under traffic: every active pack's
/// test cases are evaluated round after round and their results serialised as the evaluate endpoint and the draft
/// save write them, and the queries of a save and of a dossier view run once for a unit of each pack's kinds.
/// After a (rolling) restart the first ~20 s ran at a third of warm throughput: methods start unoptimised and go
/// through the instrumented tier of dynamic PGO before their optimised code. Four rounds (the first version) were
/// too few to change that on a quiet machine; the rounds now go on until they stop getting faster (no round 5 %
/// faster than the best for <see cref="StableFor"/>), at least <see cref="Rounds"/> and at most
/// <c>ANTQ_WARMUP_SECONDS</c>. Meanwhile <c>/health</c> answers "warming" (<see cref="WarmupState"/>), so a load
/// balancer keeps the instance's share of traffic on the others until then. Reads only.
/// <c>ANTQ_WARMUP=false</c> turns it off (the tests' Testing environment does by default).
/// </summary>
public sealed class StartupWarmup(
    IServiceScopeFactory scopes, PackCatalog catalog, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime,
    AntqOptions options, WarmupState state, ILogger<StartupWarmup> logger) : BackgroundService
{
    /// <summary>
    /// The fewest rounds: the shipped packs have 9 test cases or more, so each pack's entry points run 36 times or more,
    /// past the runtime's count (30) for re-compiling a method.
    /// </summary>
    public const int Rounds = 4;

    /// <summary>How long the rounds must have stopped getting faster before the warm-up ends.</summary>
    public static readonly TimeSpan StableFor = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The number of evaluations the warm-up ran, once it is over.</summary>
    public Task<int> Completion => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartedAsync(stoppingToken);
            var clock = Stopwatch.StartNew();
            var evaluations = await RunAsync(stoppingToken);
            logger.LogInformation("Warm-up: {Evaluations} evaluations of the active packs' test cases and the save and view queries in {Elapsed} ms; /health says ok from now.",
                evaluations, clock.ElapsedMilliseconds);
            _done.TrySetResult(evaluations);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _done.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            // A warm-up failure must not stop the server: it only means the first requests are slower.
            logger.LogWarning(e, "Warm-up stopped early; the server runs, the first requests are compiled as they come.");
            _done.TrySetException(e);
        }
        finally
        {
            state.Finish();
        }
    }

    private async Task StartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }

    private async Task<int> RunAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AntqDbContext>();
        var evaluator = services.GetRequiredService<SubmissionEvaluator>();
        var units = services.GetRequiredService<UnitDirectory>();
        await services.GetRequiredService<SubmissionStore>().FindAsync(Guid.Empty, ct);
        var packs = new List<CompiledPack>();
        foreach (var packId in await db.ActivePacks.AsNoTracking().Select(a => a.PackId).ToListAsync(ct))
            if (await catalog.GetActiveAsync(packId, ct) is { } pack && pack.Tests.Count > 0) packs.Add(pack);
        var evaluations = await EvaluateUntilStableAsync(packs, ct);
        foreach (var pack in packs)
        {
            var kinds = pack.Manifest.UnitKinds.ToList();
            if (await db.Units.AsNoTracking().Where(u => kinds.Contains(u.KindId)).OrderBy(u => u.Id).FirstOrDefaultAsync(ct) is { } unit)
            {
                var test = pack.Tests[0];
                await evaluator.EvaluateAsync(pack, unit, test.Year, test.Data, ct);
                await units.ReviewChainAsync(unit, pack.Manifest, test.Year, ct);
                evaluations++;
            }
        }
        return evaluations;
    }

    /// <summary>Rounds of every pack's test cases until a round has not been 5 % faster than the best for
    /// <see cref="StableFor"/> (after <see cref="Rounds"/> at least), or the time allowed is over.</summary>
    private async Task<int> EvaluateUntilStableAsync(List<CompiledPack> packs, CancellationToken ct)
    {
        if (packs.Count == 0) return 0;
        var allowed = TimeSpan.FromSeconds(options.WarmupSeconds);
        var clock = Stopwatch.StartNew();
        var best = TimeSpan.MaxValue;
        var bestAt = TimeSpan.Zero;
        var evaluations = 0;
        for (var round = 1; ; round++)
        {
            var started = clock.Elapsed;
            foreach (var pack in packs)
                foreach (var test in pack.Tests)
                {
                    ct.ThrowIfCancellationRequested();
                    var result = pack.Evaluate(test.Unit, test.Year, test.Data, test.Facts);
                    _ = JsonSerializer.SerializeToUtf8Bytes(result, json.Value.SerializerOptions);
                    _ = StoredEvaluation.Write(result);
                    evaluations++;
                }
            var took = clock.Elapsed - started;
            if (took < best * 0.95) (best, bestAt) = (took, clock.Elapsed);
            else if (took < best) best = took;
            if (round >= Rounds && (clock.Elapsed - bestAt >= StableFor || clock.Elapsed >= allowed)) return evaluations;
            // Gives the pool thread back now and then: the instance serves the requests that reach it meanwhile.
            if (round % 50 == 0) await Task.Yield();
        }
    }
}
