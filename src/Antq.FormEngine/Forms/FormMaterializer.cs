using System.Collections;
using System.Text.Json;

namespace Antq.FormEngine.Forms;

/// <summary>
/// Turns submitted JSON into the typed objects of a <see cref="FormModel"/>. A property that is
/// missing, null or of the wrong type is left at its default and flagged in the owner's
/// <c>__absent</c> mask, so a rule that reads it becomes "cannot be evaluated" instead of seeing a
/// silent 0 or false. An array with an unusable item is flagged as a whole.
/// </summary>
internal static class FormMaterializer
{
    public static object Materialize(FormModel model, JsonElement data)
    {
        var root = model.Root;
        if (data.ValueKind == JsonValueKind.Object) return Object(root, data);
        var empty = root.Create!();
        root.SetAbsent!(empty, AllAbsent(root));
        return empty;
    }

    /// <summary>Flags the value at an instance pointer (from a schema error) as unusable.</summary>
    public static void MarkInvalid(FormModel model, object form, string instancePointer)
    {
        var segments = FormModel.PointerSegments(instancePointer).ToList();
        object owner = form;
        var field = model.Root;
        for (var i = 0; i < segments.Count; i++)
        {
            var child = field.Child(segments[i]);
            if (child?.Getter is null) return;
            var last = i == segments.Count - 1;
            if (last || IsAbsent(field, owner, child)) { if (last) Flag(field, owner, child); return; }
            var value = child.Getter(owner);
            if (child.Kind == FieldKind.Object && value is not null) { owner = value; field = child; continue; }
            if (child.Kind != FieldKind.Array || value is not IList list || i + 1 >= segments.Count) return;
            // An invalid array item makes the array unusable; a deeper error stays with its item.
            if (i + 1 == segments.Count - 1 || child.Item!.Kind != FieldKind.Object) { Flag(field, owner, child); return; }
            if (!int.TryParse(segments[i + 1], out var index) || index < 0 || index >= list.Count) return;
            owner = list[index]!;
            field = child.Item;
            i++;
        }
    }

    private static bool IsAbsent(FormField owner, object instance, FormField child) =>
        owner.GetAbsent!(instance) is { } mask && mask[child.ChildIndex];

    private static void Flag(FormField owner, object instance, FormField child)
    {
        var mask = owner.GetAbsent!(instance);
        if (mask is null) { mask = new bool[owner.Children.Count]; owner.SetAbsent!(instance, mask); }
        mask[child.ChildIndex] = true;
    }

    private static bool[] AllAbsent(FormField field)
    {
        var mask = new bool[field.Children.Count];
        Array.Fill(mask, true);
        return mask;
    }

    private static object Object(FormField field, JsonElement element)
    {
        var instance = field.Create!();
        bool[]? absent = null;
        foreach (var child in field.Children)
        {
            object? value = null;
            if (element.TryGetProperty(child.Name, out var childElement)) value = Value(child, childElement);
            if (value is null)
            {
                absent ??= new bool[field.Children.Count];
                absent[child.ChildIndex] = true;
            }
            else
            {
                child.Setter?.Invoke(instance, value);
            }
        }
        if (absent is not null) field.SetAbsent!(instance, absent);
        return instance;
    }

    /// <summary>The typed value, or null when the element is null or of the wrong type.</summary>
    private static object? Value(FormField field, JsonElement element)
    {
        switch (field.Kind)
        {
            case FieldKind.Integer:
                // Only numbers that are exactly safe integers (1E-400 is not 0): the validator refuses the rest.
                return ExactIntegers.TryGet(element, out var l) ? Boxes.Of(l) : null;
            case FieldKind.Number:
                return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null;
            case FieldKind.Boolean:
                return element.ValueKind switch { JsonValueKind.True => Boxes.Of(true), JsonValueKind.False => Boxes.Of(false), _ => null };
            case FieldKind.String:
                return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            case FieldKind.Object:
                return element.ValueKind == JsonValueKind.Object && field.Create is not null ? Object(field, element) : null;
            case FieldKind.Array:
                if (element.ValueKind != JsonValueKind.Array || field.CreateList is null) return null;
                var list = field.CreateList();
                foreach (var itemElement in element.EnumerateArray())
                {
                    var item = Value(field.Item!, itemElement);
                    if (item is null) return null;
                    list.Add(item);
                }
                return list;
            default:
                return null;
        }
    }
}
