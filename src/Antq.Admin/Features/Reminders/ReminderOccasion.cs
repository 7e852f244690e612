using System.Globalization;
using System.Text;
using Antq.FormEngine.Deadlines;

namespace Antq.Admin.Features.Reminders;

/// <summary>
/// The moment of a deadline that applies now: a reminder offset (<c>P14D</c> before the due time) or
/// the escalation (<c>escalateAfter</c> past it). A moment applies from its time for one day (the
/// planner runs every 15 minutes; a day lets a server that was down catch up), and never past the
/// next moment or, for reminders, the due time. So whoever must act when a moment comes is told
/// then, and someone who only has to act later (a submission that arrives afterwards) waits for
/// the next moment. A reminder that would fall before the deadline's window opens is not sent.
/// The escalation is different: whoever is late stays late, so it applies from its moment until the
/// same deadline falls due the next year. A server started (or a planner first run) weeks after a
/// deadline still tells the level above once — the dispatch rows keep it to once per unit and recipient.
/// </summary>
public sealed record ReminderOccasion(string Key, bool IsEscalation, DateTimeOffset At)
{
    public const string EscalationKey = "escalation";

    /// <summary>How long after its time a reminder is still sent.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromDays(1);

    public static ReminderOccasion? Current(DeadlineDefinition deadline, int year, DateTimeOffset now)
    {
        var due = deadline.DueAt(year);
        var opens = deadline.OpensAt(year);
        var moments = deadline.Remind
            .Select(offset => new ReminderOccasion(Iso(offset), false, due - offset))
            .Where(m => opens is null || m.At >= opens)
            .OrderBy(m => m.At)
            .ToList();
        for (var i = 0; i < moments.Count; i++)
        {
            var end = Min(moments[i].At + CatchUp, i + 1 < moments.Count ? moments[i + 1].At : due);
            if (now >= moments[i].At && now < end) return moments[i];
        }
        if (deadline.EscalateAfter is { } after && due + after is var at && now >= at && now < deadline.DueAt(year + 1))
            return new ReminderOccasion(EscalationKey, true, at);
        return null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>An offset as ISO 8601 (<c>P14D</c>, <c>PT36H</c>, <c>P1DT12H</c>): stable keys and readable in the API.</summary>
    public static string Iso(TimeSpan span)
    {
        var text = new StringBuilder("P");
        if (span.Days > 0) text.Append(span.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        if (span.Hours > 0 || span.Minutes > 0)
        {
            text.Append('T');
            if (span.Hours > 0) text.Append(span.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            if (span.Minutes > 0) text.Append(span.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }
        return text.Length == 1 ? "PT0M" : text.ToString();
    }
}
