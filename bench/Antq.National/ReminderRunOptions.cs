using System.Globalization;

namespace Antq.National;

/// <summary>Command-line settings of <c>reminders</c>: the real reminder planner at a chosen moment, rolled back afterwards.</summary>
public sealed class ReminderRunOptions
{
    public string ConnectionString { get; private set; } = Environment.GetEnvironmentVariable("ConnectionStrings__Antq") ?? "";

    /// <summary>Default: 17/10/2025 09:00 Vietnam time — the day after 15/10 (escalations of the 15/10 deadlines) and
    /// the 14-day reminder of the areas' 31/10 self-assessment, the largest reminder moment of the year.</summary>
    public DateTimeOffset At { get; private set; } = new(2025, 10, 17, 9, 0, 0, TimeSpan.FromHours(7));

    public int Runs { get; private set; } = 1;
    public bool Accounts { get; private set; }

    public const string Usage = """
        Antq.National reminders — runs the server's ReminderPlanner once (or --runs times) at a chosen moment on a
        national database, inside a transaction that is rolled back, so the data set stays as it was.

          dotnet run -c Release --project bench/Antq.National -- reminders --connection "Host=…;Database=antq_national;…" [options]

          --at TIME        the planner's clock, ISO 8601 with offset (default 2025-10-17T09:00:00+07:00)
          --runs N         runs at the same moment, one after the other (default 1; the second finds everything sent)
          --accounts       first add (in the same transaction) one unit account for every unit and a reviewer for every
                           commune and province, as a country in use would have; without it only the generator's 68

        E-mail is on (an SMTP host is set, so each e-mail is rendered and queued) but nothing is sent: the queue only counts.
        Prints, per run, the time, notifications, dispatch rows, SQL commands, allocations and the peak working set.
        """;

    public static ReminderRunOptions? Parse(string[] args, TextWriter error)
    {
        var o = new ReminderRunOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") return null;
            if (name == "--accounts") { o.Accounts = true; continue; }
            if (i + 1 >= args.Length) { error.WriteLine($"{name}: missing value"); return null; }
            var value = args[++i];
            var ok = true;
            switch (name)
            {
                case "--connection": o.ConnectionString = value; break;
                case "--at": ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at); o.At = at; break;
                case "--runs": ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs is >= 1 and <= 10; o.Runs = runs; break;
                default: error.WriteLine($"unknown option {name}"); return null;
            }
            if (!ok) { error.WriteLine($"{name}: bad value '{value}'"); return null; }
        }
        if (o.ConnectionString.Length == 0)
        {
            error.WriteLine("--connection (or ConnectionStrings__Antq) is required");
            return null;
        }
        return o;
    }
}
