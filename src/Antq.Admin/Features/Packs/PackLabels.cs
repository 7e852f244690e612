using Antq.FormEngine.Packs.Diff;

namespace Antq.Admin.Features.Packs;

/// <summary>The Vietnamese words the pack pages use for statuses, areas and kinds of change.</summary>
public static class PackLabels
{
    public static string VersionStatus(string status) => status switch
    {
        PackVersionStatus.Active => "Đang áp dụng",
        PackVersionStatus.Previous => "Đã từng áp dụng",
        _ => "Chưa kích hoạt",
    };

    /// <summary>Who uploaded or activated: shipped packs are imported at start-up by "system".</summary>
    public static string Actor(string? name) => name switch
    {
        null or "" => "—",
        "system" => "Hệ thống (gói có sẵn)",
        _ => name,
    };

    public static string CriterionStatus(string? status) => status switch
    {
        "met" => "Đạt",
        "notMet" => "Chưa đạt",
        "notEvaluable" => "Chưa đánh giá được",
        null => "(không có)",
        _ => status,
    };

    public static string Area(DiffArea area) => area switch
    {
        DiffArea.Manifest => "Thông tin chung của gói",
        DiffArea.Form => "Biểu mẫu (các trường dữ liệu)",
        DiffArea.Criteria => "Tiêu chí, quy tắc và ngưỡng",
        DiffArea.Outcome => "Mức kết quả",
        DiffArea.Templates => "Mẫu văn bản",
        DiffArea.Deadlines => "Thời hạn",
        _ => area.ToString(),
    };

    public static string Kind(DiffKind kind) => kind switch
    {
        DiffKind.Added => "Thêm",
        DiffKind.Removed => "Bỏ",
        _ => "Sửa",
    };
}

/// <summary>One row of the impact table, with outcome and criterion titles resolved from the versions involved.</summary>
public sealed record ImpactRow(Guid SubmissionId, string UnitName, int Year, string PackVersion, string From, string To, bool OutcomeChanged,
    IReadOnlyList<ImpactCriterion> Criteria, string Status, bool Moves);

public sealed record ImpactCriterion(string Id, string Title, string From, string To);

/// <summary>The impact preview of a candidate version as the page shows it.</summary>
public sealed record ImpactTable(string Version, IReadOnlyList<ImpactRow> Rows, int Unchanged)
{
    /// <summary>Drafts and returned dossiers: moved to the version when it is activated.</summary>
    public IReadOnlyList<ImpactRow> Moving => Rows.Where(r => r.Moves).ToList();

    /// <summary>Dossiers pinned to their version whose verdict would differ if they were re-evaluated.</summary>
    public IReadOnlyList<ImpactRow> Pinned => Rows.Where(r => !r.Moves).ToList();

    /// <summary>Builds the table: outcome titles from each submission's own version and from the candidate.</summary>
    public static async Task<ImpactTable> BuildAsync(PackImpactView impact, PackCatalog catalog, CancellationToken ct)
    {
        var candidate = await catalog.GetAsync(impact.PackId, impact.Version, ct);
        var titles = candidate?.CriteriaList.ToDictionary(c => c.Id, c => c.Title, StringComparer.Ordinal) ?? [];
        var outcomes = new Dictionary<string, IReadOnlyList<FormEngine.Packs.OutcomeLevel>>(StringComparer.Ordinal);
        foreach (var version in impact.Changed.Select(c => c.PackVersion).Append(impact.Version).Distinct())
            if (await catalog.GetAsync(impact.PackId, version, ct) is { } pack) outcomes[version] = pack.Manifest.Outcome;
        string Outcome(string version, string? id) =>
            id is null ? "(chưa có kết quả)" : outcomes.GetValueOrDefault(version)?.FirstOrDefault(o => o.Id == id)?.Title ?? id;
        var rows = impact.Changed.Select(c => new ImpactRow(c.SubmissionId, c.UnitName, c.Year, c.PackVersion,
            Outcome(c.PackVersion, c.From), Outcome(impact.Version, c.To), c.From != c.To,
            c.Criteria.Select(k => new ImpactCriterion(k.Id, titles.GetValueOrDefault(k.Id) ?? "", PackLabels.CriterionStatus(k.From), PackLabels.CriterionStatus(k.To))).ToList(),
            Submissions.SubmissionStates.Label(c.Status), c.Moves))
            .ToList();
        return new ImpactTable(impact.Version, rows, impact.Unchanged);
    }
}
