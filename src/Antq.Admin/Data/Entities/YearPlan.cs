namespace Antq.Admin.Data.Entities;

/// <summary>
/// A province's plan for a year (e.g. "Kế hoạch số 91/KH-UBND ngày 07/4/2023 của UBND tỉnh Đồng Nai"):
/// the packs it runs, its deadlines per stage overriding the packs' defaults, its quotas, and the names
/// of the bodies that head documents. Administrators edit it; documents cite it in their "Căn cứ" lines.
/// </summary>
public sealed class YearPlan
{
    public int Id { get; set; }
    public int ProvinceUnitId { get; set; }
    public int Year { get; set; }
    public required string Number { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string Title { get; set; }
    /// <summary>Who issued it, e.g. "Ủy ban nhân dân tỉnh Đồng Nai".</summary>
    public required string IssuedBy { get; set; }
    /// <summary>The province steering committee that heads the plan's documents.</summary>
    public string? SteeringCommitteeName { get; set; }
    /// <summary>Ids of the packs the plan runs, comma-separated; empty: every active pack.</summary>
    public string PackIds { get; set; } = "";
    /// <summary>A dossier of the year can be sent only after the unit's registration was accepted (TT124 Điều 9 khoản 2 điểm a).</summary>
    public bool RequiresRegistration { get; set; }

    /// <summary>Whether the plan runs the pack (an empty <see cref="PackIds"/>: every pack).</summary>
    public bool Runs(string packId) =>
        PackIds.Length == 0 || PackIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(packId);

    /// <summary>
    /// Whether only an accepted registration makes a unit registered for the pack this year: the plan requires registration
    /// and runs the pack. Otherwise (years before the registration step) a dossier of the year also counts.
    /// </summary>
    public bool RegistrationRequired(string packId) => RequiresRegistration && Runs(packId);

    public List<YearPlanDeadline> Deadlines { get; set; } = [];
    public List<YearPlanQuota> Quotas { get; set; } = [];

    /// <summary>The citation of a "Căn cứ" line: "Kế hoạch số 91/KH-UBND ngày 07/4/2023 của Ủy ban nhân dân tỉnh Đồng Nai về …".</summary>
    public string Citation() => $"Kế hoạch số {Number} ngày {IssuedOn:dd/MM/yyyy} của {IssuedBy}" + (Title.Length > 0 ? " " + Title : "");
}

/// <summary>A deadline of the plan for a stage (and optionally one pack), overriding the pack's date that year.</summary>
public sealed class YearPlanDeadline
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    /// <summary>Null: every pack of the plan that has this stage.</summary>
    public string? PackId { get; set; }
    public required string Stage { get; set; }
    public int DueMonth { get; set; }
    public int DueDay { get; set; }
    /// <summary>Provisional (e.g. KH 91's 15/10 and 05/11 in a two-level year), to be confirmed by the province.</summary>
    public bool Provisional { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A quota: "mỗi &lt;AppliesToLevel&gt; đăng ký ít nhất &lt;Minimum&gt; &lt;kinds&gt;" — each unit of the level
/// must have at least that many registered units of the kinds below it (<see cref="Features.Plans.PlanQuotas"/>).
/// </summary>
public sealed class YearPlanQuota
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public required string AppliesToLevel { get; set; }
    /// <summary>Unit kinds counted, comma-separated (e.g. "xa,phuong,dac-khu").</summary>
    public required string UnitKinds { get; set; }
    public int Minimum { get; set; }
    /// <summary>The plan's words, e.g. "mỗi huyện đăng ký ít nhất 01 xã, phường, thị trấn".</summary>
    public required string Text { get; set; }
}
