namespace Antq.FormEngine.Forms;

/// <summary>The typed field tree of a form schema, with the CLR types expressions are compiled against.</summary>
public sealed class FormModel
{
    internal FormModel(FormField root, IReadOnlyList<FormField> fields)
    {
        Root = root;
        Fields = fields;
    }

    public FormField Root { get; }

    /// <summary>Every field, indexed by <see cref="FormField.Id"/>.</summary>
    public IReadOnlyList<FormField> Fields { get; }

    public Type FormType => Root.ClrType!;

    /// <summary>The field at a data pointer (array indices allowed: <c>/hoat_dong/2/ten</c>), or null.</summary>
    public FormField? FieldAt(string instancePointer)
    {
        // Walked over spans: this runs for every schema error of every evaluation.
        var field = Root;
        var rest = instancePointer.AsSpan();
        if (rest.IsEmpty) return field;
        rest = rest.TrimStart('/'); // as PointerSegments: "//a" is "a"

        while (true)
        {
            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            if (field.Kind == FieldKind.Object)
                field = field.Child(segment.Contains('~') ? Unescape(segment.ToString()) : segment);
            else if (field.Kind == FieldKind.Array)
                field = field.Item;
            else
                return null;
            if (field is null) return null;
            if (end < 0) return field;
            rest = rest[(end + 1)..];
        }
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    internal static IEnumerable<string> PointerSegments(string pointer)
    {
        if (string.IsNullOrEmpty(pointer)) yield break;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
            yield return Unescape(raw);
    }
}
