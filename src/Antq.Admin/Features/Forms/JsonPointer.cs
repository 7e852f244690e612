namespace Antq.Admin.Features.Forms;

/// <summary>JSON Pointers (RFC 6901) of the data being edited: <c>/tc01/mo_hinh/0/ten_mo_hinh</c>.</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string name) =>
        $"{pointer}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    public static string Append(string pointer, int index) => $"{pointer}/{index}";

    public static IReadOnlyList<string> Segments(string pointer) =>
        string.IsNullOrEmpty(pointer)
            ? []
            : pointer.TrimStart('/').Split('/')
                .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();

    public static string Parent(string pointer)
    {
        var at = pointer.LastIndexOf('/');
        return at <= 0 ? "" : pointer[..at];
    }

    /// <summary>True when <paramref name="pointer"/> is <paramref name="ancestor"/> or lies under it.</summary>
    public static bool IsWithin(string pointer, string ancestor) =>
        pointer == ancestor || ancestor.Length == 0 || pointer.StartsWith(ancestor + "/", StringComparison.Ordinal);

    /// <summary>An id usable in HTML (<c>f-tc01-mo_hinh-0</c>) for labels and anchors.</summary>
    public static string HtmlId(string pointer) =>
        "f" + string.Concat(pointer.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '-'));
}
