using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine;
using Antq.FormEngine.Forms;

namespace Antq.Admin.Features.Forms;

public enum Widget
{
    Text,
    Textarea,
    Number,
    Percent,
    Date,
    Select,
    Radio,
    Checkbox,
    Checklist,
    File,
    Table,
    Group,
    /// <summary>A schema shape the renderer cannot edit (shown read-only as JSON).</summary>
    Unsupported,
}

/// <summary>A labelled value of a select, radio or checklist: <see cref="Key"/> is the value's JSON text.</summary>
public sealed record Choice(string Key, string Title, JsonNode? Value);

/// <summary>Evidence rules of a file field (additive x-ui hints of docs/packs.md).</summary>
public sealed record FileRules(IReadOnlyList<string> Accept, int MaxSizeMb, int MaxFiles, bool Multiple)
{
    public const int DefaultMaxSizeMb = 20;
    public const int DefaultMaxFiles = 10;
    public long MaxBytes => MaxSizeMb * 1024L * 1024L;
}

/// <summary>One field as the renderer draws it. <see cref="Field"/> is the engine's field (for visibility).</summary>
public sealed class UiField
{
    public required FormField Field { get; init; }
    public required string Name { get; init; }
    public required Widget Widget { get; init; }
    public required string Label { get; init; }
    public string? Description { get; init; }
    public string? Help { get; init; }
    public bool Required { get; init; }
    public string? Section { get; init; }
    public int Order { get; init; }
    public bool IsInteger { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public int? MaxLength { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    public IReadOnlyList<Choice> Choices { get; init; } = [];
    public FileRules? Files { get; init; }
    public bool HasCondition { get; init; }

    /// <summary>Group: its fields; table: the fields of one row.</summary>
    public IReadOnlyList<UiField> Children { get; init; } = [];

    public FieldKind Kind => Field.Kind;
}

public sealed record UiSection(string Id, string Title, string? Description, IReadOnlyList<UiField> Fields);

/// <summary>
/// The renderable shape of a pack's form, read once per pack version from the engine's field tree
/// (local <c>$ref</c> and <c>allOf</c> already merged): sections in <c>x-ui.sections</c> order,
/// fields by <c>x-ui.order</c>, widgets from <c>x-ui.widget</c> or a default by type.
/// </summary>
public sealed class FormLayout
{
    private static readonly ConditionalWeakTable<CompiledPack, FormLayout> Cache = new();

    // The compiled pack is shared by every request; its schema nodes are read once, here, one pack at a time.
    private static readonly Lock BuildLock = new();

    private FormLayout(string title, string? description, IReadOnlyList<UiSection> sections)
    {
        Title = title;
        Description = description;
        Sections = sections;
        _byField = new Dictionary<FormField, UiField>(ReferenceEqualityComparer.Instance);
        foreach (var field in AllFields) _byField[field.Field] = field;
    }

    private readonly Dictionary<FormField, UiField> _byField;

    /// <summary>The renderer's field for an engine field, or null when it is not drawn on its own (an array item).</summary>
    public UiField? UiFor(FormField field) => _byField.GetValueOrDefault(field);

    public string Title { get; }
    public string? Description { get; }
    public IReadOnlyList<UiSection> Sections { get; }

    public IEnumerable<UiField> AllFields => Sections.SelectMany(s => s.Fields).SelectMany(Flatten);

    public static FormLayout For(CompiledPack pack)
    {
        if (Cache.TryGetValue(pack, out var layout)) return layout;
        lock (BuildLock)
        {
            if (Cache.TryGetValue(pack, out layout)) return layout;
            layout = Build(pack);
            Cache.AddOrUpdate(pack, layout);
            return layout;
        }
    }

    private static IEnumerable<UiField> Flatten(UiField field) => new[] { field }.Concat(field.Children.SelectMany(Flatten));

    private static FormLayout Build(CompiledPack pack)
    {
        var root = pack.Form.Root;
        var fields = Children(root);
        var declared = new List<(string Id, string Title, string? Description)>();
        if (Ui(root.Schema)?["sections"] is JsonArray sections)
            foreach (var section in sections.OfType<JsonObject>())
                if (Text(section, "id") is { } id)
                    declared.Add((id, Text(section, "title") ?? id, Text(section, "description")));

        var result = new List<UiSection>();
        // Fields without a section come first, as the form's own preamble.
        var loose = fields.Where(f => f.Section is null).ToList();
        if (loose.Count > 0) result.Add(new UiSection("chung", declared.Count > 0 ? "Thông tin chung" : "", null, loose));
        foreach (var (id, title, description) in declared)
        {
            var own = fields.Where(f => f.Section == id).ToList();
            if (own.Count > 0) result.Add(new UiSection(id, title, description, own));
        }
        // Section ids used but not declared: their id is their title, in order of first use.
        foreach (var id in fields.Select(f => f.Section).OfType<string>().Distinct())
            if (declared.All(d => d.Id != id))
                result.Add(new UiSection(id, id, null, fields.Where(f => f.Section == id).ToList()));
        return new FormLayout(Text(root.Schema, "title") ?? pack.Manifest.Title, Text(root.Schema, "description"), result);
    }

    private static List<UiField> Children(FormField parent)
    {
        var required = RequiredNames(parent.Schema);
        return parent.Children
            .Select((child, index) => (Field: Describe(child, required.Contains(child.Name)), Index: index))
            .OrderBy(c => c.Field.Order).ThenBy(c => c.Index)
            .Select(c => c.Field)
            .ToList();
    }

    private static UiField Describe(FormField field, bool required)
    {
        var schema = field.Schema;
        var ui = Ui(schema);
        var widget = WidgetOf(field, ui);
        var item = field.Item;
        var children = widget switch
        {
            Widget.Group => Children(field),
            Widget.Table when item is not null => Children(item),
            _ => [],
        };
        var choiceSchema = widget == Widget.Checklist && item is not null ? item.Schema : schema;
        return new UiField
        {
            Field = field,
            Name = field.Name,
            Widget = widget,
            Label = field.Title ?? field.Name,
            Description = Text(schema, "description"),
            Help = ui is null ? null : Text(ui, "help"),
            Required = required,
            Section = ui is null ? null : Text(ui, "section"),
            Order = ui?["order"] is JsonValue order && order.TryGetValue<double>(out var o) ? (int)Math.Round(o) : int.MaxValue,
            IsInteger = field.Kind == FieldKind.Integer,
            Minimum = Number(schema, "minimum") ?? Number(schema, "exclusiveMinimum"),
            Maximum = Number(schema, "maximum") ?? Number(schema, "exclusiveMaximum") ?? (widget == Widget.Percent ? 100 : null),
            MaxLength = (int?)Number(schema, "maxLength"),
            MinItems = (int?)Number(schema, "minItems"),
            MaxItems = (int?)Number(schema, "maxItems"),
            Choices = widget is Widget.Select or Widget.Radio or Widget.Checklist ? ChoicesOf(choiceSchema, field.Kind) : [],
            Files = widget == Widget.File ? FileRulesOf(field, ui) : null,
            HasCondition = ui?["visibleWhen"] is not null,
            Children = children,
        };
    }

    private static Widget WidgetOf(FormField field, JsonObject? ui)
    {
        var declared = ui is null ? null : Text(ui, "widget");
        var item = field.Item;
        var isFile = field.Kind == FieldKind.String && Text(field.Schema, "format") == "uri-reference"
            || field.Kind == FieldKind.Array && item is { Kind: FieldKind.String } && Text(item.Schema, "format") == "uri-reference";
        var hasChoices = ChoicesOf(field.Schema, field.Kind).Count > 0;
        var requested = declared switch
        {
            "text" => Widget.Text,
            "textarea" => Widget.Textarea,
            "number" => Widget.Number,
            "percent" => Widget.Percent,
            "date" => Widget.Date,
            "select" => Widget.Select,
            "radio" => Widget.Radio,
            "checkbox" => Widget.Checkbox,
            "checklist" => Widget.Checklist,
            "file" => Widget.File,
            "table" => Widget.Table,
            _ => (Widget?)null,
        };
        // A hint that does not fit the field's type falls back to the default for the type.
        if (requested is { } w && Fits(w, field, isFile)) return w;
        return field.Kind switch
        {
            FieldKind.Boolean => Widget.Radio,
            FieldKind.Integer or FieldKind.Number => hasChoices ? Widget.Select : Widget.Number,
            FieldKind.String when isFile => Widget.File,
            FieldKind.String when hasChoices => Widget.Select,
            FieldKind.String when Text(field.Schema, "format") == "date" => Widget.Date,
            FieldKind.String when Number(field.Schema, "maxLength") is > 300.0 => Widget.Textarea,
            FieldKind.String => Widget.Text,
            FieldKind.Object => Widget.Group,
            FieldKind.Array when isFile => Widget.File,
            FieldKind.Array when item is { Kind: FieldKind.Object } => Widget.Table,
            FieldKind.Array when item is not null && ChoicesOf(item.Schema, item.Kind).Count > 0 => Widget.Checklist,
            _ => Widget.Unsupported,
        };
    }

    private static bool Fits(Widget widget, FormField field, bool isFile) => widget switch
    {
        Widget.Text or Widget.Textarea or Widget.Date => field.Kind == FieldKind.String,
        Widget.Number or Widget.Percent => field.Kind is FieldKind.Integer or FieldKind.Number,
        Widget.Select or Widget.Radio => field.Kind == FieldKind.Boolean || ChoicesOf(field.Schema, field.Kind).Count > 0,
        Widget.Checkbox => field.Kind == FieldKind.Boolean,
        Widget.Checklist => field.Kind == FieldKind.Array && field.Item is { } item && ChoicesOf(item.Schema, item.Kind).Count > 0,
        Widget.File => isFile,
        Widget.Table => field.Kind == FieldKind.Array && field.Item is { Kind: FieldKind.Object },
        _ => false,
    };

    private static List<Choice> ChoicesOf(JsonObject schema, FieldKind kind)
    {
        var choices = new List<Choice>();
        if (schema["oneOf"] is JsonArray oneOf)
            foreach (var option in oneOf.OfType<JsonObject>())
                if (option.TryGetPropertyValue("const", out var value))
                    choices.Add(new Choice(Key(value), Text(option, "title") ?? Display(value), value?.DeepClone()));
        if (choices.Count == 0 && schema["enum"] is JsonArray values)
            foreach (var value in values)
                choices.Add(new Choice(Key(value), Display(value), value?.DeepClone()));
        if (choices.Count == 0 && kind == FieldKind.Boolean)
        {
            choices.Add(new Choice("true", "Có", JsonValue.Create(true)));
            choices.Add(new Choice("false", "Không", JsonValue.Create(false)));
        }
        return choices;
    }

    private static FileRules FileRulesOf(FormField field, JsonObject? ui)
    {
        var accept = ui?["accept"] is JsonArray list
            ? list.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s.Trim().ToLowerInvariant() : null)
                .OfType<string>().Where(s => s.StartsWith('.') && s.Length > 1).ToList()
            : [];
        var maxSize = ui is null ? null : Number(ui, "maxSizeMb");
        var maxFiles = ui is null ? null : Number(ui, "maxFiles");
        var multiple = field.Kind == FieldKind.Array;
        return new FileRules(accept,
            maxSize is > 0.0 and <= 100.0 ? (int)maxSize : FileRules.DefaultMaxSizeMb,
            multiple ? (maxFiles is >= 1.0 and <= 50.0 ? (int)maxFiles : FileRules.DefaultMaxFiles) : 1,
            multiple);
    }

    /// <summary>The JSON text of a value: the key that tells choices apart whatever their type.</summary>
    public static string Key(JsonNode? value) => value?.ToJsonString() ?? "null";

    private static string Display(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";

    private static HashSet<string> RequiredNames(JsonObject schema) =>
        schema["required"] is JsonArray names
            ? names.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];

    private static JsonObject? Ui(JsonObject schema) => schema["x-ui"] as JsonObject;

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static double? Number(JsonObject node, string name) =>
        node[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;
}
