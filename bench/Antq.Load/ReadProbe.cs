using System.Net;

namespace Antq.Load;

/// <summary>
/// (c) `--phase reads`: the pages' API reads at the signed-in account's scope (national for the root administrator,
/// a province for its reviewer with --as), each path N times by C clients, p50/p95 per path against the 500 ms target.
/// Run it on a quiet machine: the figures are the result, the tool only measures.
/// </summary>
public static class ReadProbe
{
    public static async Task<bool> RunAsync(Api api, string token, LoadOptions options, int year, TextWriter output)
    {
        var paths = options.ReadPaths ?? DefaultPaths(year);
        var allMet = true;
        foreach (var path in paths)
        {
            using (var first = await api.SendAsync(HttpMethod.Get, path, token))
                if (first.StatusCode != HttpStatusCode.OK)
                {
                    output.WriteLine($"    {path}: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
                    allMet = false;
                    continue;
                }
            var parts = Enumerable.Range(0, options.ReadClients).Select(_ => new Latencies()).ToArray();
            var remaining = options.ReadRequests;
            var started = Latencies.Start();
            await Task.WhenAll(parts.Select(part => Task.Run(async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var t = Latencies.Start();
                    try
                    {
                        using var response = await api.SendAsync(HttpMethod.Get, path, token);
                        await response.Content.CopyToAsync(Stream.Null);
                        if (response.StatusCode == HttpStatusCode.OK) part.Success(t);
                        else part.Error($"HTTP {(int)response.StatusCode}");
                    }
                    catch (TaskCanceledException) { part.Error("timeout"); }
                    catch (HttpRequestException e) { part.Error("connection: " + e.HttpRequestError); }
                }
            })));
            var summary = Latencies.Merge(parts, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            var met = summary.Errors == 0 && summary.P95 < 500;
            allMet &= met;
            output.WriteLine($"    {path}\n      {summary.Line()} — p95 < 500 ms: {(met ? "met" : "MISSED")}");
        }
        return allMet;
    }

    /// <summary>
    /// Dashboard, lists (first page, a filtered deep page, the review queue), deadlines, an export. The impact preview is
    /// not among them: above ANTQ_IMPACT_INLINE_MAX dossiers it answers 202 with a background run, measured by <see cref="ImpactProbe"/>.
    /// </summary>
    private static IReadOnlyList<string> DefaultPaths(int year) =>
    [
        $"/api/dashboard?year={year}",
        "/api/submissions?take=50",
        $"/api/submissions?packId=tt124.xa&year={year}&status=submitted&skip=500&take=50",
        "/api/submissions?pending=true&take=50",
        $"/api/deadlines?year={year}",
        $"/api/exports/dossiers?format=csv&packId=tt124.xa&year={year}&status=approved",
    ];
}
