namespace Antq.Admin.Features.Deadlines;

/// <summary><c>GET /api/deadlines</c>: the caller's deadlines of one year, each with its units' status.</summary>
public sealed record DeadlineCalendarView(int Year, DateTimeOffset Now, IReadOnlyList<DeadlineView> Deadlines);

/// <summary>
/// One deadline of an active pack. <c>dueDate</c> is the "before" day ("trước ngày 15/10"): work is late
/// from 00:00 of that day, Vietnam time (<c>dueAt</c>).
/// </summary>
public sealed record DeadlineView(
    string PackId,
    string PackTitle,
    string PackVersion,
    string Id,
    string Title,
    string Stage,
    string StageText,
    DateTimeOffset? OpensAt,
    DateTimeOffset DueAt,
    DateOnly DueDate,
    IReadOnlyList<string> Remind,
    string? EscalateAfter,
    DateTimeOffset? EscalatesAt,
    DeadlineCounts Counts,
    int UnitsTotal,
    IReadOnlyList<DeadlineUnitView> Units);

/// <summary>
/// Which unit rows a deadline lists: only deadlines of <see cref="Stage"/> (all when null), and of the rows that match
/// the status filter (<see cref="DeadlineView.UnitsTotal"/>) those from <see cref="Skip"/>, at most <see cref="Take"/>
/// (all when null: the deadlines page and the exports). Nationally a deadline concerns up to 100,000 units; the API
/// answered every row of every deadline (138 MB), so it pages them; the counts always cover every unit.
/// </summary>
public sealed record DeadlineRows(string? Stage = null, int Skip = 0, int? Take = null)
{
    public static readonly DeadlineRows All = new();
}

public sealed record DeadlineCounts(int Done, int Pending, int Overdue);

/// <summary>One unit against a deadline: <c>status</c> is <c>done</c>, <c>pending</c> or <c>overdue</c>.</summary>
public sealed record DeadlineUnitView(
    int UnitId,
    string UnitCode,
    string UnitName,
    string Status,
    string StatusText,
    string Situation,
    Guid? SubmissionId,
    string? SubmissionStatus,
    DeadlineActorView? WaitingOn);

/// <summary>Who must act while the unit is not done: the unit's own accounts (<c>unit</c>) or the reviewers (<c>reviewer</c>) of a unit.</summary>
public sealed record DeadlineActorView(int UnitId, string UnitName, string Role);

