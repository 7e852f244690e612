using System.Diagnostics;
using System.Text.Json.Nodes;
using Antq.FormEngine.Packs;
using Antq.FormEngine.Studio;

namespace Antq.Bench;

/// <summary>
/// `studio [edits]`: the studio's feedback time after an edit on qd9745.xa (warm): the full
/// verification of the draft with its tests (what the studio shows after each change), and the
/// as-you-type check of one expression. Prints min / median / p95 in milliseconds.
/// </summary>
public static class StudioProbe
{
    public static int Run(string[] args)
    {
        var edits = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 30;
        var read = PackReader.Read(Path.Combine(BenchData.RepoRoot, "criteria-packs", "qd9745.xa"));
        if (!read.Ok) { Console.Error.WriteLine(string.Join("\n", read.Errors)); return 1; }
        var draft = PackDocument.FromFiles(read.Files!);
        // As the studio verifies: with its cache of what an edit leaves unchanged.
        var options = new PackLoadOptions { TemplateDirectory = Path.Combine(BenchData.RepoRoot, "templates"), Cache = new PackCheckCache() };
        var schema = draft.Text(PackDocument.Schema)!;

        for (var i = 0; i < 3; i++) Edit(draft, i);
        var warm = StudioCheck.Verify(draft, options);
        if (!warm.Ok) { Console.Error.WriteLine(string.Join("\n", warm.Errors)); return 1; }

        var verify = new List<double>();
        var typing = new List<double>();
        for (var i = 0; i < edits; i++)
        {
            var clock = Stopwatch.StartNew();
            Edit(draft, i);
            var verdict = StudioCheck.Verify(draft, options);
            verify.Add(clock.Elapsed.TotalMilliseconds);
            if (!verdict.Ok) { Console.Error.WriteLine(string.Join("\n", verdict.Errors)); return 1; }
            clock.Restart();
            StudioCheck.CheckExpression(schema, $"form.tc03.dat == true && form.tt124.dieu_4.k3.so_vu_kich_dong <= {i}", "rules.json#/0/Rules/4/Expression", options.Cache);
            typing.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"qd9745.xa, {edits} edits, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine($"verify draft (schema, {CriteriaCount(draft)} criteria, tests): {Summary(verify)}");
        Console.WriteLine($"check one expression as typed: {Summary(typing)}");
        return 0;
    }

    // An edit the studio makes: a criterion's wording changes, the rules file is rewritten.
    private static void Edit(PackDocument draft, int i)
    {
        var rules = (JsonArray)draft.Json(PackDocument.Rules)!;
        var tc03 = ((JsonArray)rules[0]!["Rules"]!).First(r => r!["RuleName"]!.ToString() == "TC03")!;
        tc03["ErrorMessage"] = $"Tiêu chí 3: đơn vị tự đánh giá chưa đạt (lần sửa {i})";
        draft.SetJson(PackDocument.Rules, rules);
    }

    private static int CriteriaCount(PackDocument draft) => ((JsonArray)draft.Json(PackDocument.Rules)![0]!["Rules"]!).Count;

    private static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return $"min {sorted[0]:F0} ms, median {At(0.5):F0} ms, p95 {At(0.95):F0} ms";
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }
}
