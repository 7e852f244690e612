using System.Text;

namespace Antq.FormEngine.Packs;

public static partial class PackReader
{
    /// <summary>Where files come from; codes and messages name the origin (<c>zip.link</c>, <c>dir.link</c>).</summary>
    private sealed record Source(string Prefix, string Noun)
    {
        public static Source Zip { get; } = new("zip", "Mục");
        public static Source Dir { get; } = new("dir", "Tệp");

        public PackError Error(string path, string code, string message) => new(path, $"{Prefix}.{code}", message);
    }

    /// <summary>
    /// Checks one relative path. Keys must be canonical: any other spelling of a name (<c>./a</c>,
    /// <c>a//b</c>, <c>a\b</c>) could let two entries reach the same file once someone extracts them.
    /// </summary>
    private static PackError? CheckPath(string name, Source source)
    {
        var n = source.Noun;
        if (name.Length == 0)
        {
            return source.Error(name, "empty-segment", $"{n} có tên rỗng.");
        }
        if (name[0] is '/' or '\\')
        {
            return source.Error(name, "absolute-path", $"{n} “{name}” dùng đường dẫn tuyệt đối; trong gói chỉ được dùng đường dẫn tương đối.");
        }
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':')
        {
            return source.Error(name, "drive-letter", $"{n} “{name}” có ký tự ổ đĩa (như “C:”); trong gói chỉ được dùng đường dẫn tương đối.");
        }
        // Split on both separators so "..\x" is reported as what it is, not just as a backslash.
        if (name.Split('/', '\\').Contains(".."))
        {
            return source.Error(name, "traversal", $"{n} “{name}” chứa “..”, có thể trỏ ra ngoài thư mục của gói.");
        }
        if (name.Contains('\\'))
        {
            return source.Error(name, "backslash", $"{n} “{name}” dùng dấu “\\”; đường dẫn trong gói phải dùng dấu “/”.");
        }
        if (name.Any(c => char.IsControl(c) || c == ':'))
        {
            return source.Error(name, "bad-path", $"{n} “{name}” có ký tự không được phép trong tên (ký tự điều khiển hoặc “:”).");
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0)
            {
                return source.Error(name, "empty-segment", $"{n} “{name}” có đoạn đường dẫn rỗng (“//”).");
            }
            if (segment == ".")
            {
                return source.Error(name, "bad-path", $"{n} “{name}” có đoạn đường dẫn “.”; hãy viết đường dẫn không có “./”.");
            }
        }
        return null;
    }

    /// <summary>
    /// Hidden files (<c>.git/</c>, <c>.DS_Store</c>), build output (<c>bin/</c>, <c>obj/</c>) and the
    /// <c>__MACOSX/</c> folder that macOS adds to zips are not part of a pack, so a folder and its zip
    /// read the same.
    /// </summary>
    private static bool IsIgnored(string name)
    {
        var segments = name.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('.'))
            {
                return true;
            }
            if (i < segments.Length - 1 && IsIgnoredFolder(segments[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsIgnoredFolder(string name) =>
        name is "bin" or "obj" or "__MACOSX" || name.StartsWith('.');

    /// <summary>
    /// Refuses names that are equal after case folding and Unicode normalisation: on Windows and
    /// macOS they are the same file, so which one "wins" would depend on where the pack is opened.
    /// A name that is both a file and a folder (<c>templates</c>, <c>templates/a.scriban</c>) is refused
    /// too. Returns the names to leave out (the second and later of each clash).
    /// </summary>
    private static HashSet<string> CheckDuplicates(IEnumerable<string> names, Source source, List<PackError> errors)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = source.Noun;
        foreach (var name in names)
        {
            var key = Fold(name);
            if (seen.TryGetValue(key, out var first))
            {
                var message = first == name
                    ? $"{n} “{name}” xuất hiện nhiều lần."
                    : $"{n} “{name}” trùng tên với “{first}” (tên không phân biệt chữ hoa, chữ thường).";
                errors.Add(source.Error(name, "duplicate", message));
                skipped.Add(name);
                continue;
            }
            seen[key] = name;
            for (var slash = name.IndexOf('/'); slash >= 0; slash = name.IndexOf('/', slash + 1))
            {
                folders.TryAdd(Fold(name[..slash]), name);
            }
        }
        foreach (var (key, name) in seen)
        {
            if (folders.TryGetValue(key, out var inside))
            {
                errors.Add(source.Error(name, "duplicate", $"“{name}” vừa là tệp vừa là thư mục (chứa “{inside}”)."));
                skipped.Add(name);
            }
        }
        return skipped;
    }

    private static string Fold(string name)
    {
        try
        {
            name = name.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 cannot be normalised; the ordinal fold below still catches case clashes.
        }
        return name.ToUpperInvariant();
    }
}
