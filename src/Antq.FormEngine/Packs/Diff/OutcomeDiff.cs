namespace Antq.FormEngine.Packs.Diff;

/// <summary>Outcome levels by id: title, condition, and their order (the first level that holds wins).</summary>
internal static class OutcomeDiff
{
    public static IEnumerable<PackDiffEntry> Compare(IReadOnlyList<OutcomeLevel> from, IReadOnlyList<OutcomeLevel> to)
    {
        var w = new DiffWriter(DiffArea.Outcome);
        var before = from.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var after = to.ToDictionary(o => o.Id, StringComparer.Ordinal);
        foreach (var o in from.Where(o => !after.ContainsKey(o.Id)))
            w.Removed($"outcome:{o.Id}", $"{o.Title} — khi {o.When}", $"Bỏ mức kết quả “{o.Title}” ({o.Id})");
        foreach (var o in to)
        {
            if (!before.TryGetValue(o.Id, out var old))
            {
                w.Added($"outcome:{o.Id}", $"{o.Title} — khi {o.When}", $"Thêm mức kết quả “{o.Title}” ({o.Id}), khi {o.When}");
                continue;
            }
            w.Compare($"outcome:{o.Id}#title", old.Title, o.Title, $"Mức kết quả {o.Id}: tên");
            w.Compare($"outcome:{o.Id}#when", old.When, o.When, $"Mức kết quả {o.Id}: điều kiện");
        }
        var orderBefore = from.Select(o => o.Id).Where(after.ContainsKey).ToList();
        var orderAfter = to.Select(o => o.Id).Where(before.ContainsKey).ToList();
        if (!orderBefore.SequenceEqual(orderAfter, StringComparer.Ordinal))
            w.Changed("outcome#order", string.Join(" → ", orderBefore), string.Join(" → ", orderAfter),
                "Thứ tự xét các mức kết quả thay đổi (mức đầu tiên thỏa mãn là kết quả)");
        return w.Entries;
    }
}
