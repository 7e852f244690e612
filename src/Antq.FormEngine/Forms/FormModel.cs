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
        var field = Root;
        foreach (var segment in PointerSegments(instancePointer))
        {
            if (field.Kind == FieldKind.Object)
                field = field.Children.FirstOrDefault(c => c.Name == segment);
            else if (field.Kind == FieldKind.Array)
                field = field.Item;
            else
                return null;
            if (field is null) return null;
        }
        return field;
    }

    internal static IEnumerable<string> PointerSegments(string pointer)
    {
        if (string.IsNullOrEmpty(pointer)) yield break;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
            yield return raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
