namespace Antq.Admin.Features.Dashboard;

/// <summary>
/// <c>GET /api/dashboard</c>: one unit of the caller's scope (its own unit by default) seen for one
/// year — per active pack, how many concerned units are in each status, row by row for the units
/// one level down; the deadlines of its subtree that are not met yet; the criteria its submissions
/// most often miss; what the account has to do next; the year plan's quotas for the units of their level
/// in the subtree, with those short of them ("Chỉ tiêu đăng ký"). Without a year: this year, or for reviewers
/// the latest year with submissions while this year has none yet.
/// </summary>
public sealed record DashboardView(
    int Year,
    int CurrentYear,
    DateTimeOffset Now,
    DashboardUnit Unit,
    IReadOnlyList<DashboardUnit> Breadcrumb,
    IReadOnlyList<int> Years,
    IReadOnlyList<PackBoard> Packs,
    IReadOnlyList<DeadlineSummary> Deadlines,
    IReadOnlyList<UnmetCriterion> Unmet,
    IReadOnlyList<NextStep> NextSteps,
    int WaitingForYou,
    IReadOnlyList<Plans.QuotaStatus> Quotas);

public sealed record DashboardUnit(int Id, string Code, string Name, string Level, string LevelName);

/// <summary>Concerned units by status; <c>NotStarted</c> have no submission for the pack and year.</summary>
public sealed record StatusCounts(int NotStarted, int Draft, int Submitted, int Returned, int Approved, int Recognised, int NotRecognised)
{
    public int Total => NotStarted + Draft + Submitted + Returned + Approved + Recognised + NotRecognised;

    public int Of(string status) => status switch
    {
        DashboardStatuses.NotStarted => NotStarted,
        Data.Entities.SubmissionStatus.Draft => Draft,
        Data.Entities.SubmissionStatus.Submitted => Submitted,
        Data.Entities.SubmissionStatus.Returned => Returned,
        Data.Entities.SubmissionStatus.Approved => Approved,
        Data.Entities.SubmissionStatus.Recognised => Recognised,
        Data.Entities.SubmissionStatus.NotRecognised => NotRecognised,
        _ => 0,
    };
}

/// <summary>One active pack: totals over the whole subtree and one row per unit one level down (or the unit itself).</summary>
public sealed record PackBoard(string PackId, string Title, string Version, StatusCounts Totals, IReadOnlyList<UnitRow> Rows);

/// <summary>
/// A row of the drill-down: a child of the unit shown (or the unit itself, <c>Self</c>), with the
/// counts of its subtree. <c>Drillable</c>: it has concerned units below it. <c>SubmissionId</c> and
/// <c>Status</c>: the row's own unit's submission when that unit is itself concerned.
/// </summary>
public sealed record UnitRow(DashboardUnit Unit, bool Self, bool Drillable, Guid? SubmissionId, string? Status, StatusCounts Counts);

/// <summary>A deadline of the subtree that some unit has not met: overdue ones list their late units.</summary>
public sealed record DeadlineSummary(
    string PackId, string PackTitle, string DeadlineId, string Title, string StageText, DateTimeOffset DueAt, DateOnly DueDate,
    bool Overdue, int Done, int Pending, int Late, IReadOnlyList<LateUnit> LateUnits);

public sealed record LateUnit(int UnitId, string Name, Guid? SubmissionId, string? WaitingOn);

/// <summary>A (leaf) criterion found not met in <c>Count</c> of the <c>Evaluated</c> non-draft submissions of its pack.</summary>
public sealed record UnmetCriterion(string PackId, string PackTitle, string CriterionId, string Title, int Count, int Evaluated);

/// <summary>What the unit shown has to do for one pack (for a unit's own dashboard).</summary>
public sealed record NextStep(string PackId, string PackTitle, string Status, Guid? SubmissionId, string Text, string Link, DateTimeOffset? DueAt, string? DueTitle);

public static class DashboardStatuses
{
    public const string NotStarted = "notStarted";

    /// <summary>Columns of the board, in the order of the procedure.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> All =
    [
        (NotStarted, "Chưa bắt đầu"),
        (Data.Entities.SubmissionStatus.Draft, "Đang soạn"),
        (Data.Entities.SubmissionStatus.Submitted, "Đã nộp"),
        (Data.Entities.SubmissionStatus.Returned, "Bị trả lại"),
        (Data.Entities.SubmissionStatus.Approved, "Đã thông qua"),
        (Data.Entities.SubmissionStatus.Recognised, "Đã công nhận"),
        (Data.Entities.SubmissionStatus.NotRecognised, "Không công nhận"),
    ];
}
