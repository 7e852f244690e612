using System.Diagnostics;
using System.Globalization;

namespace Antq.Load;

/// <summary>Per-worker request timings and outcomes, merged after the run (no locks while measuring).</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = new(capacity: 64 * 1024);
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);

    public int Ok => _ms.Count;
    public int Errors => _errors.Values.Sum();

    public static long Start() => Stopwatch.GetTimestamp();

    public void Success(long started) => _ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    public void Error(string kind) => _errors[kind] = _errors.GetValueOrDefault(kind) + 1;

    public static Summary Merge(IEnumerable<Latencies> parts, TimeSpan window)
    {
        var all = new List<double>();
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            all.AddRange(part._ms);
            foreach (var (kind, count) in part._errors) errors[kind] = errors.GetValueOrDefault(kind) + count;
        }
        all.Sort();
        return new Summary(all.Count, errors, window, Percentile(all, 50), Percentile(all, 95), Percentile(all, 99), all.Count > 0 ? all[^1] : 0);
    }

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

public sealed record Summary(int Ok, IReadOnlyDictionary<string, int> ErrorKinds, TimeSpan Window, double P50, double P95, double P99, double Max)
{
    public int Errors => ErrorKinds.Values.Sum();
    public double PerSecond => Ok / Window.TotalSeconds;

    public string Line()
    {
        var kinds = Errors > 0 ? " (" + string.Join(", ", ErrorKinds.Select(e => $"{e.Key}: {e.Value}")) + ")" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Ok} ok in {Window.TotalSeconds:F1} s = {PerSecond:F1}/s; latency p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms; errors {Errors}{kinds}");
    }
}
