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
        var ok = CommandLine.Walk(args, error,
            flag => flag == "--accounts" && (o.Accounts = true),
            (name, value) =>
            {
                switch (name)
                {
                    case "--connection": o.ConnectionString = value; return true;
                    case "--at": var at = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment); o.At = moment; return at;
                    case "--runs": var runs = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10; o.Runs = n; return runs;
                    default: return null;
                }
            });
        return ok && CommandLine.HasConnection(o.ConnectionString, error) ? o : null;
    }
}
