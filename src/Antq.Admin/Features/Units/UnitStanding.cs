namespace Antq.Admin.Features.Units;

/// <summary>How a unit that no longer exists is marked on screen (tree, search results, detail).</summary>
public static class UnitStanding
{
    /// <summary>" (đã giải thể từ 01/07/2025)" for a dissolved or merged unit, " (ngừng hoạt động)" for an inactive one, "" for a current one.</summary>
    public static string Suffix(UnitView unit) => unit.Current ? "" : $" ({Text(unit.DissolvedFrom)})";

    /// <summary>The state of a unit that is not current, as the detail panel says it.</summary>
    public static string Text(DateOnly? dissolvedFrom) =>
        dissolvedFrom is { } from ? $"đã giải thể từ {from:dd/MM/yyyy}" : "ngừng hoạt động";
}
