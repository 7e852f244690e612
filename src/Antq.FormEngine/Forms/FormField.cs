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
        // Read once: every explanation names fields and formats their values, and reading a string out of a
        // schema node backed by the pack's JSON allocates it anew each time.
        Title = schema["title"] is JsonValue v && v.TryGetValue<string>(out var title) ? title : null;
        IsDate = kind == FieldKind.String && schema["format"] is JsonValue f && f.TryGetValue<string>(out var format) && format == "date";
    }

    public int Id { get; }
    public string Name { get; }
    public string Pointer { get; }
    public FormField? Parent { get; }
    public FieldKind Kind { get; }

    /// <summary>The field's own schema object (after local <c>$ref</c> and <c>allOf</c> merging).</summary>
    public JsonObject Schema { get; }

    public string? Title { get; }

    public List<FormField> Children { get; } = [];
    public FormField? Item { get; internal set; }

    /// <summary>The first child of that name (an object's property), or null; a plain loop, the lists are short.</summary>
    internal FormField? Child(ReadOnlySpan<char> name)
    {
        foreach (var child in Children)
            if (name.SequenceEqual(child.Name)) return child;
        return null;
    }

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

    /// <summary>The field's name in explanations (<c>Explanations.Name</c>), built on first use.</summary>
    internal string? NameForPeople;

    /// <summary>The label shown to people: the schema title, else the path.</summary>
    public string Label => Title ?? DisplayPath;

    private bool? _identifier;

    /// <summary>
    /// A number people read as an identifier — a year, a code, a decision number — printed without
    /// digit grouping (2025, never "2.025"). Declared by <c>x-ui.format</c> <c>"year"</c> or
    /// <c>"code"</c>, or <c>x-ui.grouping: false</c>; an integer whose <c>minimum</c>/<c>maximum</c>
    /// both lie in 1000–9999 is taken for a year without a hint (docs/packs.md, "Numbers that are not quantities").
    /// </summary>
    public bool IsIdentifierNumber => _identifier ??= ReadIdentifier();

    private bool ReadIdentifier()
    {
        if (Kind is not (FieldKind.Integer or FieldKind.Number)) return false;
        if (Schema["x-ui"] is JsonObject ui)
        {
            if (ui["format"] is JsonValue f && f.TryGetValue<string>(out var format) && format is "year" or "code") return true;
            if (ui["grouping"] is JsonValue g && g.TryGetValue<bool>(out var grouping)) return !grouping;
        }
        return Kind == FieldKind.Integer && Bound("minimum") is >= 1000 and <= 9999 && Bound("maximum") is >= 1000 and <= 9999;
    }

    private double? Bound(string name) =>
        Schema[name] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;

    /// <summary>A calendar date field (<c>format: date</c>), stored as yyyy-MM-dd and shown as dd/MM/yyyy.</summary>
    public bool IsDate { get; }

    /// <summary>
    /// The title of a choice (<c>oneOf</c> entry with <c>const</c> and <c>title</c>) whose value is
    /// <paramref name="value"/>; null when the field has no such choice.
    /// </summary>
    public string? ChoiceTitle(object? value)
    {
        if (value is null) return null;
        foreach (var choice in _choices ??= ReadChoices())
        {
            var matches = value switch
            {
                string s => choice.Text == s,
                bool b => choice.Flag == b,
                long l => choice.Number == l,
                int i => choice.Number == i,
                double d => choice.Number == d,
                _ => false,
            };
            if (matches) return choice.Title;
        }
        return null;
    }

    /// <summary>A choice's constant as each kind of value compares to it (null where it is not of that kind), and its title.</summary>
    private readonly record struct Choice(string? Text, bool? Flag, double? Number, string? Title);

    private Choice[]? _choices;

    /// <summary>The field's choices, read once (after <see cref="Item"/> is set): the field's own <c>oneOf</c>, else its items'.</summary>
    private Choice[] ReadChoices()
    {
        var schema = Schema["oneOf"] is JsonArray ? Schema : Kind == FieldKind.Array && Item is { } item ? item.Schema : Schema;
        if (schema["oneOf"] is not JsonArray options) return [];
        var choices = new List<Choice>(options.Count);
        foreach (var option in options)
        {
            if (option is not JsonObject o || !o.TryGetPropertyValue("const", out var constant) || constant is not JsonValue c) continue;
            var number = c.GetValueKind() == System.Text.Json.JsonValueKind.Number && c.TryGetValue<double>(out var d) ? d : (double?)null;
            choices.Add(new Choice(c.TryGetValue<string>(out var s) ? s : null, c.TryGetValue<bool>(out var b) ? b : null, number,
                o["title"] is JsonValue t && t.TryGetValue<string>(out var title) ? title : null));
        }
        return [.. choices];
    }
}
