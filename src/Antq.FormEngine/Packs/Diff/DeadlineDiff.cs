using Antq.FormEngine.Deadlines;

namespace Antq.FormEngine.Packs.Diff;

/// <summary>deadlines.json by id: title, due and opening dates, stage, reminder offsets, escalation.</summary>
internal static class DeadlineDiff
{
    public static IEnumerable<PackDiffEntry> Compare(IReadOnlyList<DeadlineDefinition> from, IReadOnlyList<DeadlineDefinition> to)
    {
        var w = new DiffWriter(DiffArea.Deadlines);
        var before = from.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var after = to.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var d in from.Where(d => !after.ContainsKey(d.Id)))
            w.Removed($"deadline:{d.Id}", Summary(d), $"Bỏ thời hạn “{d.Title}” ({d.Id}, trước ngày {Due(d)})");
        foreach (var d in to)
        {
            var key = $"deadline:{d.Id}";
            if (!before.TryGetValue(d.Id, out var old))
            {
                w.Added(key, Summary(d), $"Thêm thời hạn “{d.Title}” ({d.Id}): {Summary(d)}");
                continue;
            }
            var name = $"Thời hạn “{d.Title}” ({d.Id})";
            w.Compare($"{key}#title", old.Title, d.Title, $"Thời hạn {d.Id}: tên");
            Plain(w, $"{key}#due", Due(old), Due(d), $"{name}: hạn (trước ngày)");
            Plain(w, $"{key}#opens", Opens(old), Opens(d), $"{name}: ngày bắt đầu");
            Plain(w, $"{key}#stage", Stage(old.Stage), Stage(d.Stage), $"{name}: việc phải xong");
            Plain(w, $"{key}#remind", Offsets(old.Remind), Offsets(d.Remind), $"{name}: nhắc trước hạn");
            Plain(w, $"{key}#escalateAfter", Duration(old.EscalateAfter), Duration(d.EscalateAfter), $"{name}: báo cấp trên sau hạn");
        }
        return w.Entries;
    }

    // Dates and durations read better unquoted: "15/10 → 20/10".
    private static void Plain(DiffWriter w, string key, string? old, string? now, string what)
    {
        if (old != now) w.Changed(key, old, now, $"{what}: {old ?? "(không có)"} → {now ?? "(không có)"}");
    }

    private static string Due(DeadlineDefinition d) => $"{d.DueDay:00}/{d.DueMonth:00}";

    private static string? Opens(DeadlineDefinition d) => d.OpensMonth is { } m && d.OpensDay is { } day ? $"{day:00}/{m:00}" : null;

    private static string Summary(DeadlineDefinition d) =>
        $"trước ngày {Due(d)}" + (Opens(d) is { } opens ? $", từ ngày {opens}" : "") + $", {Stage(d.Stage)}"
        + (d.Remind.Count > 0 ? $", nhắc trước {Offsets(d.Remind)}" : "")
        + (d.EscalateAfter is { } e ? $", báo cấp trên sau {Duration(e)}" : "");

    public static string Stage(string stage) => stage switch
    {
        "registered" => "đăng ký (registered)",
        "submitted" => "nộp hồ sơ (submitted)",
        "recognised" => "công nhận (recognised)",
        "reported" => "báo cáo kết quả năm (reported)",
        _ when stage.StartsWith("reviewed:", StringComparison.Ordinal) => $"cấp {stage["reviewed:".Length..]} xét xong ({stage})",
        _ => stage,
    };

    private static string? Offsets(IReadOnlyList<TimeSpan> offsets) => offsets.Count == 0 ? null : string.Join(", ", offsets.Select(o => Duration(o)));

    public static string? Duration(TimeSpan? span)
    {
        if (span is not { } s) return null;
        var parts = new List<string>();
        if (s.Days > 0) parts.Add($"{s.Days} ngày");
        if (s.Hours > 0) parts.Add($"{s.Hours} giờ");
        if (s.Minutes > 0) parts.Add($"{s.Minutes} phút");
        return parts.Count == 0 ? "0 phút" : string.Join(" ", parts);
    }
}
