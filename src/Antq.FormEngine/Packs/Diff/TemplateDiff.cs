using System.Text;

namespace Antq.FormEngine.Packs.Diff;

/// <summary>The pack's own templates (<c>templates/*.scriban</c>): added, removed, or changed with a line diff summary.</summary>
internal static class TemplateDiff
{
    /// <summary>Lines of a change shown in before/after; the count says how many there are in all.</summary>
    private const int ShownLines = 12;

    public static IEnumerable<PackDiffEntry> Compare(PackFiles from, PackFiles to)
    {
        var w = new DiffWriter(DiffArea.Templates);
        var before = Templates(from);
        var after = Templates(to);
        foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(name);
            var key = $"template:{id}";
            if (!after.TryGetValue(name, out var now))
            {
                w.Removed(key, Head(before[name]), $"Bỏ mẫu văn bản “{id}” của gói ({Lines(before[name]).Length} dòng); văn bản dùng mẫu cùng tên của máy chủ nếu có");
                continue;
            }
            if (!before.TryGetValue(name, out var old))
            {
                w.Added(key, Head(now), $"Thêm mẫu văn bản “{id}” ({Lines(now).Length} dòng)");
                continue;
            }
            if (old == now) continue;
            var diff = LineDiff.Compute(Lines(old), Lines(now));
            w.Changed(key, Show(diff.Removed, '-'), Show(diff.Added, '+'),
                $"Mẫu văn bản “{id}” thay đổi: thêm {diff.Added.Count} dòng, bỏ {diff.Removed.Count} dòng");
        }
        return w.Entries;
    }

    private static Dictionary<string, string> Templates(PackFiles files) =>
        files.Names.Where(n => n.StartsWith("templates/", StringComparison.Ordinal) && n.EndsWith(".scriban", StringComparison.Ordinal))
            .ToDictionary(n => n, n => Encoding.UTF8.GetString(files.Get(n)!), StringComparer.Ordinal);

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private static string Head(string text) => Show(Lines(text).Select((l, i) => (i + 1, l)).ToList(), ' ');

    private static string Show(IReadOnlyList<(int Line, string Text)> lines, char mark)
    {
        if (lines.Count == 0) return "";
        var shown = lines.Take(ShownLines).Select(l => $"{mark} {l.Line}: {DiffWriter.Shorten(l.Text, 200)}");
        var more = lines.Count > ShownLines ? [$"… và {lines.Count - ShownLines} dòng nữa"] : Array.Empty<string>();
        return string.Join('\n', shown.Concat(more));
    }
}

/// <summary>A line diff (longest common subsequence after trimming the common head and tail).</summary>
internal static class LineDiff
{
    /// <summary>Beyond this many cells the middle counts as replaced whole, to bound time and memory.</summary>
    private const long MaxCells = 4_000_000;

    public sealed record Result(IReadOnlyList<(int Line, string Text)> Removed, IReadOnlyList<(int Line, string Text)> Added);

    public static Result Compute(string[] a, string[] b)
    {
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start]) start++;
        var (endA, endB) = (a.Length, b.Length);
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1]) { endA--; endB--; }
        var (n, m) = (endA - start, endB - start);
        var removed = new List<(int, string)>();
        var added = new List<(int, string)>();
        if ((long)(n + 1) * (m + 1) > MaxCells)
        {
            for (var i = start; i < endA; i++) removed.Add((i + 1, a[i]));
            for (var j = start; j < endB; j++) added.Add((j + 1, b[j]));
            return new Result(removed, added);
        }
        // lcs[i, j]: length of the LCS of a[start+i..endA) and b[start+j..endB).
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var (x, y) = (0, 0);
        while (x < n || y < m)
        {
            if (x < n && y < m && a[start + x] == b[start + y]) { x++; y++; }
            else if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y])) { added.Add((start + y + 1, b[start + y])); y++; }
            else { removed.Add((start + x + 1, a[start + x])); x++; }
        }
        return new Result(removed, added);
    }
}
