using System.Diagnostics;
using System.Globalization;
using System.Text;
using Antq.Documents;
using Antq.Documents.Pdf;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;

namespace Antq.Bench;

/// <summary>
/// PDF throughput of the warm printer: the Tờ trình of criteria-packs/qd9745.xa with its first two
/// criteria (the default: two A4 pages in Tinos), the first four (<c>four</c>, three pages) or the
/// whole pack (<c>full</c>, six pages), printed by one <see cref="ChromiumPdf"/> from N concurrent requests for
/// a few seconds after a warm-up. Prints PDFs/s and p50/p95/max latency.
/// Run: <c>dotnet run -c Release --project bench/Antq.Bench -- pdf [seconds=10] [concurrency=8] [criteria: 2 (two pages)|four|full] [tabs=4]</c>.
/// </summary>
public static class PdfProbe
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var size = args.Length > 2 ? args[2] : "2";
        var tabs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
        return RunAsync(seconds, concurrency, size, tabs).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(double seconds, int concurrency, string size, int tabs)
    {
        var html = ToTrinh(size);
        await using var printer = new ChromiumPdf(new ChromiumPdfOptions { Concurrency = tabs });
        var first = Stopwatch.StartNew();
        var sample = await printer.ConvertAsync(html);
        if (!sample.Ok)
        {
            Console.Error.WriteLine("PDF failed: " + string.Join("; ", sample.Errors));
            return 1;
        }
        Console.WriteLine(Invariant($"Tờ trình ({size}): {Pages(sample.Content)} page(s), {sample.Content.Length:N0} bytes; first PDF (browser start) {first.ElapsedMilliseconds} ms"));

        await Measure(printer, html, concurrency, TimeSpan.FromSeconds(Math.Min(3, seconds / 2)), report: false);
        var cpuBefore = TreeCpu(printer.BrowserProcess?.Id) + Process.GetCurrentProcess().TotalProcessorTime;
        var (count, failed, latencies, elapsed) = await Measure(printer, html, concurrency, TimeSpan.FromSeconds(seconds), report: true);
        var cpu = TreeCpu(printer.BrowserProcess?.Id) + Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(Invariant($"{concurrency} concurrent requests, {tabs} tabs, {elapsed.TotalSeconds:F1} s: {count} PDFs ({failed} failed), {count / elapsed.TotalSeconds:F1} PDFs/s; latency p50 {Percentile(0.50):F0} ms, p95 {Percentile(0.95):F0} ms, max {Percentile(1):F0} ms"));
        Console.WriteLine(Invariant($"CPU (this process + the browser's process tree): {cpu.TotalMilliseconds / Math.Max(1, count):F0} ms per PDF, so at most {Environment.ProcessorCount * 1000 / (cpu.TotalMilliseconds / Math.Max(1, count)):F0} PDFs/s on {Environment.ProcessorCount} idle cores"));
        Console.WriteLine("load average: " + (File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?"));
        return failed == 0 ? 0 : 1;
    }

    private static async Task<(int Count, int Failed, List<double> Latencies, TimeSpan Elapsed)> Measure(
        ChromiumPdf printer, string html, int concurrency, TimeSpan window, bool report)
    {
        var latencies = new List<double>();
        var count = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < window)
            {
                var one = Stopwatch.StartNew();
                var result = await printer.ConvertAsync(html);
                var ms = one.Elapsed.TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(ms);
                    if (result.Ok) count++;
                    else
                    {
                        failed++;
                        if (report) Console.Error.WriteLine(string.Join("; ", result.Errors));
                    }
                }
            }
        }));
        return (count, failed, latencies, clock.Elapsed);
    }

    private static string ToTrinh(string size) =>
        ToTrinhSample.Build(size switch { "full" => int.MaxValue, "four" => 4, _ => int.Parse(size, CultureInfo.InvariantCulture) }).Html;

    /// <summary>Page objects in the PDF (Chromium writes one "/Type /Page" dictionary per page, uncompressed).</summary>
    private static int Pages(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var count = 0;
        for (var at = text.IndexOf("/Type /Page", StringComparison.Ordinal); at >= 0; at = text.IndexOf("/Type /Page", at + 1, StringComparison.Ordinal))
        {
            if (at + 11 >= text.Length || text[at + 11] != 's') count++;
        }
        return count;
    }

    /// <summary>User + system time of a process and its descendants, from /proc (Linux; zero elsewhere).</summary>
    private static TimeSpan TreeCpu(int? root)
    {
        if (root is null || !Directory.Exists("/proc")) return TimeSpan.Zero;
        var stats = new List<(int Pid, int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // after the name: state(0) ppid(1) … utime(11) stime(12)
                stats.Add((pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }
        var tree = new HashSet<int> { root.Value };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent, _) in stats)
                if (tree.Contains(parent) && tree.Add(pid)) grew = true;
        }
        var ticks = stats.Where(s => tree.Contains(s.Pid)).Sum(s => s.Ticks);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
