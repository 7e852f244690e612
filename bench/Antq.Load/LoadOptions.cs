using System.Globalization;

namespace Antq.Load;

/// <summary>Command-line settings. Every option has a default, so a bare run tests a local server.</summary>
public sealed class LoadOptions
{
    public Uri Url { get; private set; } = new("http://127.0.0.1:5080");
    public string Email { get; private set; } = Environment.GetEnvironmentVariable("ANTQ_ADMIN_EMAIL") ?? "";
    public string Password { get; private set; } = Environment.GetEnvironmentVariable("ANTQ_ADMIN_PASSWORD") ?? "";
    public string PackId { get; private set; } = "tt124.xa";

    /// <summary>A pack test case (JSON with unit.kind, year and data) used as the form data.</summary>
    public string? CaseFile { get; private set; }

    /// <summary>Dotted path of a string field the writers change on every save (it identifies the save).</summary>
    public string MarkerPath { get; private set; } = "tc02.k2.cach_thuc";

    public string Phases { get; private set; } = "all";
    public double WarmupSeconds { get; private set; } = 3;
    public double EvaluateSeconds { get; private set; } = 20;
    public int EvaluateClients { get; private set; } = 16;
    public double SaveSeconds { get; private set; } = 20;
    public int Writers { get; private set; } = 50;
    public double TimeoutSeconds { get; private set; } = 30;

    /// <summary>`--phase reads`: requests per path, concurrent clients, an account other than the administrator, the paths.</summary>
    public int ReadRequests { get; private set; } = 50;
    public int ReadClients { get; private set; } = 4;
    public string? AsEmail { get; private set; }
    public IReadOnlyList<string>? ReadPaths { get; private set; }

    /// <summary>`--phase mixed` (MixedLoad): length, fraction of the national peak rates, activation time, instances polled, kill log.</summary>
    public double MixedSeconds { get; private set; } = 300;
    public double MixedScale { get; private set; } = 1;
    public double ActivateAtSeconds { get; private set; }
    public double CacheSeconds { get; private set; } = 2;
    public IReadOnlyList<Uri> Instances { get; private set; } = [];
    public string? EventsFile { get; private set; }

    public bool RunEvaluate => Phases is "all" or "evaluate";
    public bool RunSaves => Phases is "all" or "saves";
    public bool RunReads => Phases is "reads";
    public bool RunWarmup => Phases is "warmup";
    public bool RunMixed => Phases is "mixed";

    public const string Usage = """
        Antq.Load — HTTP load against a running Antq.Admin server (it starts nothing itself).

          dotnet run -c Release --project bench/Antq.Load -- [options]

          --url URL              server (default http://127.0.0.1:5080)
          --email E --password P administrator to sign in with (default: ANTQ_ADMIN_EMAIL / ANTQ_ADMIN_PASSWORD)
          --phase all|evaluate|saves|reads|warmup|mixed   what to run (default all = evaluate and saves);
                                 warmup: evaluations for --seconds right after a server start, one line per 5 s;
                                 mixed: the deadline-day model's classes at once (bench/two-instances.sh)
          --pack ID              pack to evaluate and fill in (default tt124.xa)
          --case FILE            pack test case whose unit kind, year and data are used
                                 (default criteria-packs/<pack>/tests/01-dat-tat-ca.json of this repository)
          --marker PATH          string field changed on every save (default tc02.k2.cach_thuc)
          --warmup S             evaluation warm-up, not measured (default 3)
          --seconds S            evaluation run (default 20)
          --clients C            concurrent evaluation clients (default 16)
          --save-seconds S       draft-save run (default 20)
          --writers W            concurrent writers, each its own unit, account and submission (default 50)
          --timeout S            per-request timeout (default 30)
          --requests N           reads: requests per path (default 50)
          --read-clients C       reads: concurrent clients (default 4)
          --as EMAIL             reads: sign in as this account (same password) instead of the administrator
          --mixed-seconds S      mixed: length (default 300)
          --mixed-scale F        mixed: fraction of the model's national peak rates (default 1)
          --activate-at S        mixed: upload and activate the pack's next patch version at S seconds (default: never)
          --cache-seconds S      mixed: how long an instance may take to report the new version (default 2)
          --instances URL,URL    mixed: the instances behind --url, polled directly for the active version
          --events FILE          mixed: kill log of the script ("<unix ms> kill <name>" lines), read at the end
          --paths FILE           reads: one API path per line instead of the default set (dashboard, lists,
                                 review queue, deadlines, an export, the impact preview)

        The save phase creates W units (kind from the case, level "commune") under the administrator's
        unit and one unit account each through the admin API, then each writer saves its own draft in a
        loop; afterwards every submission is read back and every acknowledged save is looked up.
        Exit code: 0 when there were no errors and no lost saves, 1 otherwise, 2 for bad usage.
        """;

    public static LoadOptions? Parse(string[] args, TextWriter error)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") return null;
            if (i + 1 >= args.Length) { error.WriteLine($"{name}: missing value"); return null; }
            var value = args[++i];
            bool ok = true;
            switch (name)
            {
                case "--url": ok = Uri.TryCreate(value, UriKind.Absolute, out var url); if (ok) o.Url = url!; break;
                case "--email": o.Email = value; break;
                case "--password": o.Password = value; break;
                case "--pack": o.PackId = value; break;
                case "--case": o.CaseFile = value; break;
                case "--marker": o.MarkerPath = value; break;
                case "--phase": o.Phases = value; ok = value is "all" or "evaluate" or "saves" or "reads" or "warmup" or "mixed"; break;
                case "--mixed-seconds": ok = Seconds(value, out var ms); o.MixedSeconds = ms; break;
                case "--mixed-scale": ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var sc) && sc is > 0 and <= 100; o.MixedScale = sc; break;
                case "--activate-at": ok = Seconds(value, out var at); o.ActivateAtSeconds = at; break;
                case "--cache-seconds": ok = Seconds(value, out var cs); o.CacheSeconds = cs; break;
                case "--instances": ok = Urls(value, out var urls); o.Instances = urls; break;
                case "--events": o.EventsFile = value; break;
                case "--requests": ok = Count(value, out var rq); o.ReadRequests = rq; break;
                case "--read-clients": ok = Count(value, out var rc); o.ReadClients = rc; break;
                case "--as": o.AsEmail = value; break;
                case "--paths": ok = File.Exists(value); if (ok) o.ReadPaths = File.ReadAllLines(value).Where(l => l.Trim().Length > 0).ToList(); break;
                case "--warmup": ok = Seconds(value, out var w, allowZero: true); o.WarmupSeconds = w; break;
                case "--seconds": ok = Seconds(value, out var s); o.EvaluateSeconds = s; break;
                case "--clients": ok = Count(value, out var c); o.EvaluateClients = c; break;
                case "--save-seconds": ok = Seconds(value, out var ss); o.SaveSeconds = ss; break;
                case "--writers": ok = Count(value, out var wr); o.Writers = wr; break;
                case "--timeout": ok = Seconds(value, out var t); o.TimeoutSeconds = t; break;
                default: error.WriteLine($"unknown option {name}"); return null;
            }
            if (!ok) { error.WriteLine($"{name}: bad value '{value}'"); return null; }
        }
        if (o.Email.Length == 0 || o.Password.Length == 0)
        {
            error.WriteLine("--email and --password (or ANTQ_ADMIN_EMAIL / ANTQ_ADMIN_PASSWORD) are required");
            return null;
        }
        return o;
    }

    // Bounded runs only: a load test must stop by itself.
    private static bool Seconds(string text, out double value, bool allowZero = false) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && (allowZero ? value >= 0 : value > 0) && value <= 3600;

    private static bool Urls(string text, out List<Uri> urls)
    {
        urls = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var url)) return false;
            urls.Add(url);
        }
        return urls.Count > 0;
    }

    private static bool Count(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is > 0 and <= 1000;
}
