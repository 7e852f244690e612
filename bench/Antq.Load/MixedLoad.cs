using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antq.Load;

/// <summary>
/// (e) `--phase mixed`: the deadline-day load model (bench/README.md, "Deadline-day load model") as open-loop arrivals
/// per endpoint class, at <c>--mixed-scale</c> × the national peak rates, for <c>--mixed-seconds</c>. Meant to run through
/// bench/Antq.Proxy in front of several instances (bench/two-instances.sh): at <c>--activate-at</c> it uploads a copy
/// of the pack with the patch version bumped, activates it and polls every instance of <c>--instances</c> directly until
/// each reports it; the script meanwhile restarts one instance and logs the kill in <c>--events</c>. At the end every
/// acknowledged save is read back (<see cref="MixedWriters"/>) and failures are split into those in flight at a kill
/// (the request started before the SIGTERM and ended after it) and the rest, which must be none.
/// </summary>
public static class MixedLoad
{
    /// <summary>An endpoint class and its national peak rate per second (the load model's table).</summary>
    private sealed record EndpointClass(string Name, double PeakPerSecond, string What);

    private static readonly EndpointClass[] Classes =
    [
        new("save", 110, "PUT /api/submissions/{id} (draft autosave, one writer per unit)"),
        new("evaluate", 430, "POST /api/packs/{pack}/evaluate (live verdict while typing)"),
        new("dossier", 220, "GET /api/submissions/{id} (a unit's page view)"),
        new("list", 100, "GET /api/submissions?take=50 (a reviewer's queue or list)"),
        new("dashboard", 20, "GET /api/dashboard?year= (a reviewer's dashboard)"),
    ];

    /// <summary>Requests of one class not yet answered beyond which the generator skips an arrival (the server is saturated).</summary>
    private const int MaxInFlightPerClass = 512;

    public static async Task<bool> RunAsync(Api api, string adminToken, LoadOptions options, string unitKind, int year, JsonObject data, TextWriter log)
    {
        var window = TimeSpan.FromSeconds(options.MixedSeconds);
        log.WriteLine($"  set-up: {options.Writers} writers…");
        var writers = await MixedWriters.CreateAsync(api, adminToken, options, unitKind, year, data);
        var evaluateBody = Api.Serialize(new { unit = new { kind = unitKind }, year, data });
        var packPath = $"/api/packs/{Uri.EscapeDataString(options.PackId)}";
        var requests = new RequestLog(Classes.Select(c => c.Name));

        var rates = Classes.ToDictionary(c => c.Name, c => c.PeakPerSecond * options.MixedScale);
        log.WriteLine("  rates per second: " + string.Join(", ", rates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:0.#}")))
            + $"; {window.TotalSeconds:0} s" + (options.ActivateAtSeconds > 0 ? $", activation at {options.ActivateAtSeconds:0} s" : ""));

        var clock = Stopwatch.StartNew();
        var startedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // The script times its restart from here (set-up can take a while on a busy machine).
        if (options.EventsFile is { } events) await File.AppendAllTextAsync(events, $"{startedUnixMs} start load\n");
        Func<Task<Outcome>> Request(string name) => name switch
        {
            "save" => () => writers.SaveNextAsync(api),
            "evaluate" => () => Send(api, HttpMethod.Post, packPath + "/evaluate", adminToken, evaluateBody),
            "dossier" => () => writers.ReadOneAsync(api),
            "list" => () => Send(api, HttpMethod.Get, "/api/submissions?take=50", adminToken),
            "dashboard" => () => Send(api, HttpMethod.Get, $"/api/dashboard?year={year}", adminToken),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var generators = Classes.Select(c => Task.Run(() => GenerateAsync(c.Name, rates[c.Name], Request(c.Name), requests, clock, startedUnixMs, window))).ToList();
        var activation = options.ActivateAtSeconds > 0 ? RolloutLaterAsync(api, adminToken, options, evaluateBody, clock, log) : Task.FromResult<PackRollout.Report?>(null);
        await Task.WhenAll(generators);
        var elapsed = clock.Elapsed; // the window, not the activation's retries after it
        var rollout = await activation;

        log.WriteLine("  reading back every acknowledged save…");
        var check = await writers.CheckAsync(api, log);
        var kills = KillTimes(options.EventsFile);

        log.WriteLine($"  {"class",-10} {"sent",7} {"ok",7} {"/s",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"failed",7} {"at kill",8} {"skipped",8}");
        var failures = 0;
        foreach (var c in Classes)
        {
            var (summary, failed, atKill, skipped) = requests.Summarise(c.Name, elapsed, kills);
            failures += failed;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Name,-10} {summary.Ok + summary.Errors,7} {summary.Ok,7} {summary.PerSecond,7:F1} {summary.P50,8:F1} {summary.P95,8:F1} {summary.P99,8:F1} {summary.Max,8:F1} {failed,7} {atKill,8} {skipped,8}"));
            foreach (var (kind, count) in requests.FailureKinds(c.Name, kills)) log.WriteLine($"      failed: {kind} × {count}");
        }
        log.WriteLine($"  classes: " + string.Join("; ", Classes.Select(c => $"{c.Name} = {c.What}")));
        log.WriteLine($"  kills logged: {kills.Count}; 'at kill' = started before a SIGTERM and ended after it (not counted as failures)");
        log.WriteLine($"  saves: acknowledged {check.Acknowledged}, found in the audit {check.Found}, lost {check.Lost}; final state wrong for {check.WrongFinal} of {options.Writers} writers; "
            + $"409 after the activation moved the draft (expected, re-read and went on): {writers.MovedConflicts}");

        var ok = failures == 0 && check.Lost == 0 && check.WrongFinal == 0;
        log.WriteLine($"  check: 0 failed requests outside a kill: {Verdict(failures == 0)}");
        log.WriteLine($"  check: 0 lost saves and every final state right: {Verdict(check.Lost == 0 && check.WrongFinal == 0)}");
        if (rollout is not null)
        {
            // An activation that only went through once the saves had stopped did not work under load.
            var inWindow = rollout.Activated && rollout.ActivatedAt < window;
            log.WriteLine($"  check: activation of {rollout.Version} done during the load ({rollout.Attempts} attempt(s) from {options.ActivateAtSeconds:0} s, "
                + $"{(rollout.Activated ? $"active at {rollout.ActivatedAt.TotalSeconds:F1} s" : "never active")}, {rollout.ToMove} drafts to move): {Verdict(inWindow)}");
            foreach (var (instance, seen) in rollout.SeenAfter)
                log.WriteLine($"  check: {instance} evaluates with {rollout.Version} {(seen is { } s ? $"{s.TotalMilliseconds:F0} ms after the activation (or after it answered again)" : "never")}"
                    + $" (cache time {options.CacheSeconds:0.#} s): {Verdict(seen is { } t && t.TotalSeconds <= options.CacheSeconds + 1)}");
            var atEnd = await PackRollout.ActiveOnEveryInstanceAsync(api, adminToken, options, evaluateBody, rollout.Version);
            log.WriteLine($"  check: at the end every instance evaluates with {rollout.Version}: {Verdict(atEnd)}");
            // The drafts move after the answer, in batches that never hold the units' saves: the run must have ended, all moved.
            var moved = rollout.Move is not { } move || move.Status == "done";
            log.WriteLine($"  check: the drafts moved to {rollout.Version} after the activation ({(rollout.Move is { } m
                ? $"{m.Status}, {m.Moved}/{m.Total} dossiers{(m.EndedAfter is { } after ? $", {after.TotalSeconds:F1} s after it" : "")}" : "nothing to move")}): {Verdict(moved)}");
            ok &= inWindow && rollout.SeenAfter.All(s => s.Seen is { } t && t.TotalSeconds <= options.CacheSeconds + 1) && atEnd && moved;
        }
        return ok;
    }

    private static async Task<PackRollout.Report?> RolloutLaterAsync(Api api, string adminToken, LoadOptions options, byte[] evaluateBody, Stopwatch clock, TextWriter log)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.ActivateAtSeconds));
        return await PackRollout.RunAsync(api, adminToken, options, evaluateBody, clock, log);
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    /// <summary>Open-loop arrivals at <paramref name="rate"/> per second, spaced evenly, each request on its own task.</summary>
    private static async Task GenerateAsync(string name, double rate, Func<Task<Outcome>> request, RequestLog requests, Stopwatch clock, long startedUnixMs, TimeSpan window)
    {
        if (rate <= 0) return;
        var inFlight = new List<Task>();
        var sent = 0L;
        var active = 0;
        while (clock.Elapsed < window)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                if (Volatile.Read(ref active) >= MaxInFlightPerClass)
                {
                    requests.Skipped(name);
                    continue;
                }
                Interlocked.Increment(ref active);
                inFlight.Add(Task.Run(async () =>
                {
                    var start = clock.Elapsed;
                    var timer = Latencies.Start();
                    var outcome = await request();
                    requests.Add(name, outcome, timer, startedUnixMs + (long)start.TotalMilliseconds, startedUnixMs + (long)clock.Elapsed.TotalMilliseconds);
                    Interlocked.Decrement(ref active);
                }));
            }
            if (inFlight.Count > 4096) inFlight.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5);
        }
        await Task.WhenAll(inFlight);
    }

    /// <summary>One request whose answer must be 200; its body is read to the end (as a browser would).</summary>
    public static async Task<Outcome> Send(Api api, HttpMethod method, string path, string? token, byte[]? body = null)
    {
        try
        {
            using var response = await api.SendAsync(method, path, token, body);
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode == HttpStatusCode.OK ? Outcome.Ok : Outcome.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (TaskCanceledException) { return Outcome.Failed("timeout"); }
        catch (HttpRequestException e) { return Outcome.Failed("connection: " + e.HttpRequestError); }
    }

    /// <summary>The SIGTERM times the script logged (lines "&lt;unix ms&gt; kill &lt;instance&gt;").</summary>
    private static List<long> KillTimes(string? file) =>
        file is null || !File.Exists(file)
            ? []
            : File.ReadAllLines(file).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length >= 2 && p[1] == "kill" && long.TryParse(p[0], CultureInfo.InvariantCulture, out _))
                .Select(p => long.Parse(p[0], CultureInfo.InvariantCulture)).ToList();
}

/// <summary>What one request came to: success, a failure and its kind, an arrival not sent, or an expected refusal.</summary>
public readonly record struct Outcome(OutcomeKind Kind, string? Failure = null)
{
    public static Outcome Ok => new(OutcomeKind.Ok);
    public static Outcome NotSent => new(OutcomeKind.NotSent);
    public static Outcome Expected => new(OutcomeKind.Expected);
    public static Outcome Failed(string kind) => new(OutcomeKind.Failed, kind);
}

public enum OutcomeKind { Ok, Failed, NotSent, Expected }

/// <summary>Every request of the run by class: latencies of the successes, and each failure with its start and end time.</summary>
public sealed class RequestLog(IEnumerable<string> classes)
{
    private sealed class Part
    {
        public readonly Latencies Timings = new();
        public readonly List<(long Start, long End, string Kind)> Failures = [];
        public int Skipped;
    }

    private readonly Dictionary<string, Part> _parts = classes.ToDictionary(c => c, _ => new Part(), StringComparer.Ordinal);

    public void Add(string name, Outcome outcome, long timer, long startUnixMs, long endUnixMs)
    {
        var part = _parts[name];
        lock (part)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Ok: part.Timings.Success(timer); break;
                case OutcomeKind.NotSent: part.Skipped++; break;
                case OutcomeKind.Failed:
                    part.Timings.Error(outcome.Failure!);
                    part.Failures.Add((startUnixMs, endUnixMs, outcome.Failure!));
                    break;
            }
        }
    }

    public void Skipped(string name)
    {
        var part = _parts[name];
        lock (part) part.Skipped++;
    }

    /// <summary>Throughput and latency of the class, its failures outside any kill, those in flight at a kill, and skipped arrivals.</summary>
    public (Summary Summary, int Failed, int AtKill, int Skipped) Summarise(string name, TimeSpan window, IReadOnlyList<long> kills)
    {
        var part = _parts[name];
        var atKill = part.Failures.Count(f => InFlightAtKill(f.Start, f.End, kills));
        return (Latencies.Merge([part.Timings], window), part.Failures.Count - atKill, atKill, part.Skipped);
    }

    public IEnumerable<(string Kind, int Count)> FailureKinds(string name, IReadOnlyList<long> kills) =>
        _parts[name].Failures.Where(f => !InFlightAtKill(f.Start, f.End, kills)).GroupBy(f => f.Kind).Select(g => (g.Key, g.Count()));

    private static bool InFlightAtKill(long start, long end, IReadOnlyList<long> kills) => kills.Any(k => start <= k && end >= k);
}
