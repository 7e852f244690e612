namespace Antq.Admin.Features.Units;

/// <summary>How a unit that no longer exists is marked on screen and in exports (tree, search results, detail, Excel/CSV).</summary>
public static class UnitStanding
{
    /// <summary>" (đã giải thể từ 01/07/2025)" for a dissolved or merged unit, " (ngừng hoạt động)" for an inactive one, "" for a current one.</summary>
    public static string Suffix(UnitView unit) => unit.Current ? "" : $" ({Ended(unit.DissolvedFrom)})";

    /// <summary>The state as a status column says it: "Đang hoạt động", "Đã giải thể từ 01/07/2025" or "Ngừng hoạt động".</summary>
    public static string State(UnitView unit) => unit.Current ? "Đang hoạt động"
        : unit.DissolvedFrom is { } from ? $"Đã giải thể từ {from:dd/MM/yyyy}" : "Ngừng hoạt động";

    private static string Ended(DateOnly? dissolvedFrom) =>
        dissolvedFrom is { } from ? $"đã giải thể từ {from:dd/MM/yyyy}" : "ngừng hoạt động";
}
