using System.Text;
using Antq.FormEngine;
using Antq.FormEngine.Documents;
using Antq.Documents;
using Antq.Documents.Docx;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Packs;
using BenchmarkDotNet.Attributes;
using Scriban.Runtime;

namespace Antq.Bench;

/// <summary>
/// Dossier documents, single thread: the Tờ trình of criteria-packs/qd9745.xa (the repository's
/// templates/to-trinh.scriban) for a commune, as HTML (the sandboxed template render) and as DOCX
/// (the same render, then HtmlToDocx and the .docx package). <c>full</c> is the whole pack (every
/// criterion and sub-criterion of its first test case, about six A4 pages); <c>four</c> keeps the
/// first four criteria (a two-page letter, the size of the unit tests' sample). Op/s is documents
/// per second. The setup of RenderDocx also prints a processor-time probe ("// CPU-time probe"
/// in the output), the figure to read when the machine is busy.
/// Run: <c>dotnet run -c Release --project bench/Antq.Bench -- --filter '*DocumentBenchmarks*'</c>.
/// </summary>
[Config(typeof(NoisyMachineConfig))]
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private ParsedTemplate template = null!;
    private ScriptObject model = null!;
    private string html = "";
    private DocumentStamp stamp = null!;

    [Params("full", "four")]
    public string Size { get; set; } = "full";

    [GlobalSetup(Targets = [nameof(RenderHtml), nameof(ConvertHtmlToDocx)])]
    public void Setup()
    {
        var sample = ToTrinhSample.Build(Size == "four" ? 4 : int.MaxValue);
        (template, model, html) = (sample.Template, sample.Model, sample.Html);
        stamp = DocumentStamp.FromModel(model);
        if (!DocumentOutput.RenderDocx(template, model).Ok)
            throw new InvalidOperationException("to-trinh did not convert to DOCX.");
    }

    /// <summary>
    /// Setup of <see cref="RenderDocx"/>, which also prints a CPU-time probe: documents per second of
    /// processor time, single thread. On a busy machine the wall-clock figures of BenchmarkDotNet
    /// mostly measure the wait for a core; processor time does not count that wait.
    /// </summary>
    [GlobalSetup(Target = nameof(RenderDocx))]
    public void SetupWithCpuProbe()
    {
        Setup();
        var line = new StringBuilder($"// CPU-time probe (Size={Size}, single thread, documents per CPU-second):");
        foreach (var (name, run) in new (string, Func<int>)[] { (nameof(RenderHtml), RenderHtml), (nameof(RenderDocx), RenderDocx), (nameof(ConvertHtmlToDocx), ConvertHtmlToDocx) })
        {
            var warm = System.Diagnostics.Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(3))
                run(); // past tiered compilation, whose background work is not this thread's
            var cpuBefore = ThreadCpu.Now();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var count = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(3))
            {
                run();
                count++;
            }
            var cpu = (ThreadCpu.Now() - cpuBefore).TotalSeconds;
            line.Append(System.Globalization.CultureInfo.InvariantCulture, $" {name} {count / cpu:F0}/s ({cpu * 1000 / count:F2} ms);");
        }
        Console.WriteLine(line.ToString());
    }

    /// <summary>Template → print-ready HTML (UTF-8 bytes).</summary>
    [Benchmark(Baseline = true)]
    public int RenderHtml() => DocumentOutput.RenderHtml(template, model).Content!.Length;

    /// <summary>Template → HTML → DOCX bytes: the whole job of a DOCX download.</summary>
    [Benchmark]
    public int RenderDocx() => DocumentOutput.RenderDocx(template, model).Content!.Length;

    /// <summary>The conversion alone, from HTML already rendered.</summary>
    [Benchmark]
    public int ConvertHtmlToDocx() => HtmlToDocx.Convert(html, stamp).Length;
}

/// <summary>Processor time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; elsewhere the whole process's).</summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var time) == 0)
            return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
