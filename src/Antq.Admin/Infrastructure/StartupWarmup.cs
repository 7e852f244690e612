using System.Diagnostics;
using System.Text.Json;
using Antq.Admin.Data;
using Antq.Admin.Features.Packs;
using Antq.Admin.Features.Submissions;
using Antq.Admin.Features.Units;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antq.Admin.Infrastructure;

/// <summary>
/// Runs the hot paths once the server has started, before the JIT has seen them under traffic: every active pack's
/// test cases are evaluated <see cref="Rounds"/> times and their results serialised as the evaluate endpoint and the
/// draft save write them, and the queries of a save and of a dossier view run once for a unit of each pack's kinds.
/// After a (rolling) restart the first ~20 s ran at a third of warm throughput: methods start unoptimised (tier 0)
/// and are recompiled with profile data only after some 30 calls; these rounds take them past that, and compile
/// the packs' expressions and the EF queries, before the instance's share of traffic does. Reads only.
/// <c>ANTQ_WARMUP=false</c> turns it off (the tests' Testing environment does by default).
/// </summary>
public sealed class StartupWarmup(
    IServiceScopeFactory scopes, PackCatalog catalog, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime,
    ILogger<StartupWarmup> logger) : BackgroundService
{
    /// <summary>
    /// Evaluations of each test case. The shipped packs have 9 test cases or more, so each pack's entry points run 36 times or more,
    /// past the runtime's count (30) for re-compiling a method with its profile; the engine's shared methods run
    /// thousands of times. 40 rounds (6,000 evaluations of the shipped packs) took a minute of tier-0 code on a loaded
    /// machine, competing with the first requests it is meant to help.
    /// </summary>
    public const int Rounds = 4;

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
            logger.LogInformation("Warm-up: {Evaluations} evaluations of the active packs' test cases and the save and view queries in {Elapsed} ms.",
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
        var evaluations = 0;
        foreach (var packId in await db.ActivePacks.AsNoTracking().Select(a => a.PackId).ToListAsync(ct))
        {
            if (await catalog.GetActiveAsync(packId, ct) is not { } pack || pack.Tests.Count == 0) continue;
            for (var round = 0; round < Rounds; round++)
                foreach (var test in pack.Tests)
                {
                    ct.ThrowIfCancellationRequested();
                    var result = pack.Evaluate(test.Unit, test.Year, test.Data, test.Facts);
                    _ = JsonSerializer.SerializeToUtf8Bytes(result, json.Value.SerializerOptions);
                    _ = StoredEvaluation.Write(result);
                    evaluations++;
                }
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
}
