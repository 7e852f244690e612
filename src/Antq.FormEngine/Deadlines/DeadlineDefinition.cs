namespace Antq.FormEngine.Deadlines;

/// <summary>
/// One entry of deadlines.json. <see cref="Remind"/> lists how long before the due time reminders go
/// out; <see cref="EscalateAfter"/> how long after it the parent level is told. The optional opening
/// date starts a window (e.g. an evaluation period) that ends at the due date.
/// </summary>
public sealed record DeadlineDefinition(
    string Id,
    string Title,
    int DueMonth,
    int DueDay,
    string Stage,
    IReadOnlyList<TimeSpan> Remind,
    TimeSpan? EscalateAfter,
    int? OpensMonth,
    int? OpensDay)
{
    /// <summary>
    /// The start (00:00, Vietnam time) of the due day in <paramref name="year"/>: the plans say
    /// "before 15/10", so work is late once 15/10 begins.
    /// </summary>
    public DateTimeOffset DueAt(int year) => StartOfDay(year, DueMonth, DueDay);

    /// <summary>
    /// The start of the opening day, or null without one. An opening date later in the year than the
    /// due date (opens 12-01, due 01-15) belongs to the previous year.
    /// </summary>
    public DateTimeOffset? OpensAt(int year)
    {
        if (OpensMonth is not { } month || OpensDay is not { } day)
        {
            return null;
        }
        var opensLater = (month, day).CompareTo((DueMonth, DueDay)) > 0;
        return StartOfDay(opensLater ? year - 1 : year, month, day);
    }

    private static DateTimeOffset StartOfDay(int year, int month, int day)
    {
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local));
    }
}
