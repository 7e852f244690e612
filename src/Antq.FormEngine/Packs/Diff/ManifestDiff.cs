using System.Globalization;

namespace Antq.FormEngine.Packs.Diff;

/// <summary>pack.json: identity, legal basis, who recognises, and the documents; outcome levels are their own area.</summary>
internal static class ManifestDiff
{
    public static IEnumerable<PackDiffEntry> Compare(PackManifest from, PackManifest to)
    {
        var w = new DiffWriter(DiffArea.Manifest);
        w.Compare("pack#version", from.Version, to.Version, "Phiên bản");
        w.Compare("pack#title", from.Title, to.Title, "Tên bộ tiêu chí");
        Items(w, "pack#legalBasis", from.LegalBasis, to.LegalBasis, "căn cứ pháp lý");
        Items(w, "pack#unitKinds", from.UnitKinds, to.UnitKinds, "loại đơn vị áp dụng");
        w.Compare("pack#effectiveFrom", Date(from.EffectiveFrom), Date(to.EffectiveFrom), "Ngày có hiệu lực");
        w.Compare("pack#recognisedBy", from.RecognisedBy, to.RecognisedBy, "Cấp công nhận (recognisedBy)");
        w.Compare("pack#workflow", from.Workflow, to.Workflow, "Workflow tiêu chí");
        Documents(w, from.Documents, to.Documents);
        return w.Entries;
    }

    private static string? Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Lists compared as sets, one entry per item added or removed (a legal basis is one sentence).</summary>
    private static void Items(DiffWriter w, string key, IReadOnlyList<string> from, IReadOnlyList<string> to, string what)
    {
        foreach (var item in from.Except(to, StringComparer.Ordinal))
            w.Removed($"{key}:{item}", item, $"Bỏ {what}: {DiffWriter.Show(item)}");
        foreach (var item in to.Except(from, StringComparer.Ordinal))
            w.Added($"{key}:{item}", item, $"Thêm {what}: {DiffWriter.Show(item)}");
    }

    private static void Documents(DiffWriter w, IReadOnlyList<DocumentRef> from, IReadOnlyList<DocumentRef> to)
    {
        var before = from.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var after = to.ToDictionary(d => d.Id, StringComparer.Ordinal);
        foreach (var d in from.Where(d => !after.ContainsKey(d.Id)))
            w.Removed($"document:{d.Id}", $"{d.Title} (mẫu {d.Template})", $"Bỏ văn bản hồ sơ “{d.Title}” ({d.Id})");
        foreach (var d in to)
        {
            if (!before.TryGetValue(d.Id, out var old))
            {
                w.Added($"document:{d.Id}", $"{d.Title} (mẫu {d.Template})", $"Thêm văn bản hồ sơ “{d.Title}” ({d.Id}), mẫu {d.Template}");
                continue;
            }
            w.Compare($"document:{d.Id}#title", old.Title, d.Title, $"Văn bản {d.Id}: tên");
            w.Compare($"document:{d.Id}#template", old.Template, d.Template, $"Văn bản {d.Id}: mẫu dùng");
        }
    }
}
