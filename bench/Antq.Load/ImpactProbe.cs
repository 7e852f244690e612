using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Antq.Load;

/// <summary>
/// (d) in `--phase reads`: the impact preview of the active tt124.xa as a background run (issue 19). Starts it with
/// <c>POST …/impact-runs</c>, reads its status every 250 ms until it is done, and reports the time to 202, the time to
/// finished, the progress steps seen and the status reads' p95 (a read, so against the 500 ms target). A finished run
/// is reused while the submissions are unchanged: the line says "reused" then, and a cold figure needs the
/// <c>ImpactRuns</c> rows deleted first (bench/README.md, "National scale").
/// </summary>
public static class ImpactProbe
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(10);

    public static async Task<bool> RunAsync(Api api, string token, string packId, TextWriter output)
    {
        var packs = await api.CallAsync(HttpMethod.Get, "/api/packs", token);
        var pack = packs.EnumerateArray().FirstOrDefault(p => p.GetProperty("id").GetString() == packId);
        if (pack.ValueKind != JsonValueKind.Object || pack.GetProperty("activeVersion").GetString() is not { } version)
        {
            output.WriteLine($"    {packId} has no active version: no impact run");
            return false;
        }
        var runs = $"/api/packs/{Uri.EscapeDataString(packId)}/versions/{Uri.EscapeDataString(version)}/impact-runs";
        var clock = Stopwatch.StartNew();
        JsonElement run;
        using (var started = await api.SendAsync(HttpMethod.Post, runs, token))
        {
            var text = await started.Content.ReadAsStringAsync();
            if (started.StatusCode != HttpStatusCode.Accepted)
            {
                output.WriteLine($"    POST {runs}: {(int)started.StatusCode} {text}");
                return false;
            }
            run = JsonDocument.Parse(text).RootElement.Clone();
        }
        var accepted = clock.Elapsed;
        var reused = run.GetProperty("status").GetString() == "done";
        var location = $"{runs}/{run.GetProperty("id").GetString()}";
        var reads = new Latencies();
        var steps = new List<int>();
        while (run.GetProperty("status").GetString() is "queued" or "running" && clock.Elapsed < GiveUpAfter)
        {
            await Task.Delay(PollEvery);
            var t = Latencies.Start();
            using var response = await api.SendAsync(HttpMethod.Get, location, token);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                reads.Error($"HTTP {(int)response.StatusCode}");
                continue;
            }
            reads.Success(t);
            run = JsonDocument.Parse(text).RootElement.Clone();
            var done = run.GetProperty("done").GetInt32();
            if (steps.Count == 0 || steps[^1] != done) steps.Add(done);
        }
        var finished = clock.Elapsed;
        var status = run.GetProperty("status").GetString();
        var summary = Latencies.Merge([reads], finished);
        output.WriteLine($"    POST {runs}: 202 in {accepted.TotalMilliseconds:F0} ms{(reused ? " (reused: a finished run of unchanged submissions)" : "")}");
        output.WriteLine($"      {status} after {finished.TotalSeconds:F2} s, {run.GetProperty("done").GetInt32()}/{run.GetProperty("total").GetInt32()} dossiers"
            + (run.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? $": {error.GetString()}" : "")
            + $"; progress seen: {(steps.Count == 0 ? "—" : string.Join(" → ", steps))}");
        var met = status == "done" && summary.Errors == 0 && (summary.Ok == 0 || summary.P95 < 500);
        output.WriteLine($"      status reads: {(summary.Ok == 0 ? "none (finished at once)" : summary.Line())} — done, status p95 < 500 ms: {(met ? "met" : "MISSED")}");
        return met;
    }
}
