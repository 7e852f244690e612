using System.Reflection;
using System.Text.Json.Nodes;

namespace Antq.FormEngine.Forms;

/// <summary>
/// One field of the form, typed from the schema. Objects have <see cref="Children"/>, arrays an
/// <see cref="Item"/>. <see cref="Pointer"/> is the field's place in the data with <c>*</c> for
/// array items (<c>/hoat_dong/*/hieu_qua</c>).
/// </summary>
public sealed class FormField
{
    internal FormField(int id, string name, string pointer, FormField? parent, FieldKind kind, JsonObject schema)
    {
        Id = id;
        Name = name;
        Pointer = pointer;
        Parent = parent;
        Kind = kind;
        Schema = schema;
    }

    public int Id { get; }
    public string Name { get; }
    public string Pointer { get; }
    public FormField? Parent { get; }
    public FieldKind Kind { get; }

    /// <summary>The field's own schema object (after local <c>$ref</c> and <c>allOf</c> merging).</summary>
    public JsonObject Schema { get; }

    public string? Title => Schema["title"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public List<FormField> Children { get; } = [];
    public FormField? Item { get; internal set; }

    /// <summary>Index among the parent's children (the slot in the parent's absence mask).</summary>
    public int ChildIndex { get; internal set; } = -1;

    /// <summary>The CLR type expressions see; null for <see cref="FieldKind.Unknown"/>.</summary>
    public Type? ClrType { get; internal set; }

    internal PropertyInfo? Property { get; set; }
    internal Func<object, object?>? Getter { get; set; }
    internal Action<object, object?>? Setter { get; set; }

    // For object fields: how to create the instance and reach its absence mask.
    internal Func<object>? Create { get; set; }
    internal Func<object, bool[]?>? GetAbsent { get; set; }
    internal Action<object, bool[]?>? SetAbsent { get; set; }

    // For array fields: how to create the list.
    internal Func<System.Collections.IList>? CreateList { get; set; }

    public bool IsContainer => Kind is FieldKind.Object or FieldKind.Array;

    private string? _displayPath;

    /// <summary>A path people read: <c>ho_gia_dinh.tong</c>, <c>hoat_dong[].hieu_qua</c>.</summary>
    public string DisplayPath => _displayPath ??= BuildDisplayPath();

    private string BuildDisplayPath()
    {
        if (Parent is null) return "form";
        var parts = new List<string>();
        for (var f = this; f.Parent is not null; f = f.Parent)
            parts.Add(f.Name == "*" ? "[]" : f.Name);
        parts.Reverse();
        return string.Join('.', parts).Replace(".[]", "[]", StringComparison.Ordinal);
    }

    /// <summary>The label shown to people: the schema title, else the path.</summary>
    public string Label => Title ?? DisplayPath;
}
