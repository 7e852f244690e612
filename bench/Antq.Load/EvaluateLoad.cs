using System.Diagnostics;
using System.Net;

namespace Antq.Load;

/// <summary>(a) POST /api/packs/{id}/evaluate by C clients in closed loops for a fixed time.</summary>
public static class EvaluateLoad
{
    public static async Task<Summary> RunAsync(Api api, string token, string packId, byte[] body, int clients, TimeSpan warmup, TimeSpan window)
    {
        var path = $"/api/packs/{Uri.EscapeDataString(packId)}/evaluate";
        using (var first = await api.SendAsync(HttpMethod.Post, path, token, body))
        {
            var text = await first.Content.ReadAsStringAsync();
            if (first.StatusCode != HttpStatusCode.OK || !text.Contains("\"outcome\"", StringComparison.Ordinal))
                throw new LoadSetupException($"POST {path}: {(int)first.StatusCode} {text}");
        }
        if (warmup > TimeSpan.Zero) await MeasureAsync(api, token, path, body, clients, warmup);
        return await MeasureAsync(api, token, path, body, clients, window);
    }

    /// <summary>
    /// `--phase warmup`: right after a server start, consecutive windows of <paramref name="step"/> over
    /// <paramref name="total"/>, one line each, to see how long the JIT takes to reach warm throughput.
    /// </summary>
    public static async Task TimelineAsync(Api api, string token, string packId, byte[] body, int clients, TimeSpan step, TimeSpan total, TextWriter output)
    {
        var path = $"/api/packs/{Uri.EscapeDataString(packId)}/evaluate";
        for (var at = TimeSpan.Zero; at < total; at += step)
            output.WriteLine($"    {at.TotalSeconds,3:0}–{(at + step).TotalSeconds:0} s: {(await MeasureAsync(api, token, path, body, clients, step)).Line()}");
    }

    private static async Task<Summary> MeasureAsync(Api api, string token, string path, byte[] body, int clients, TimeSpan window)
    {
        var parts = Enumerable.Range(0, clients).Select(_ => new Latencies()).ToArray();
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(window.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(parts.Select(part => Task.Run(() => LoopAsync(api, token, path, body, part, stopAt))));
        return Latencies.Merge(parts, Stopwatch.GetElapsedTime(started));
    }

    private static async Task LoopAsync(Api api, string token, string path, byte[] body, Latencies part, long stopAt)
    {
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var t = Latencies.Start();
            try
            {
                using var response = await api.SendAsync(HttpMethod.Post, path, token, body);
                if (response.StatusCode == HttpStatusCode.OK) part.Success(t);
                else part.Error($"HTTP {(int)response.StatusCode}");
            }
            catch (TaskCanceledException) { part.Error("timeout"); }
            catch (HttpRequestException e) { part.Error("connection: " + e.HttpRequestError); }
        }
    }
}
