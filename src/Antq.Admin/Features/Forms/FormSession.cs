using System.Text.Json;
using System.Text.Json.Nodes;
using Antq.FormEngine;
using Antq.FormEngine.Evaluation;
using Antq.FormEngine.Forms;

namespace Antq.Admin.Features.Forms;

/// <summary>
/// One form being filled in or viewed: its data, and after every change the engine's verdict on it
/// (field errors, criteria, outcome) and which fields are shown. The evaluation runs in memory on the
/// pinned pack version, the same code the server runs when it saves and when it submits.
/// </summary>
public sealed class FormSession
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public FormSession(CompiledPack pack, UnitInfo unit, int year, JsonObject data, bool readOnly, Guid? submissionId = null, PackFacts? facts = null)
    {
        Pack = pack;
        Facts = facts;
        Layout = FormLayout.For(pack);
        Unit = unit;
        Year = year;
        Data = data;
        ReadOnly = readOnly;
        SubmissionId = submissionId;
        if (!readOnly) Normalise(Layout.Sections.SelectMany(s => s.Fields), Data);
        Evaluate();
    }

    public CompiledPack Pack { get; }

    /// <summary>Hierarchy facts computed by the server for this unit and year (docs/packs.md "Facts"); they fill their fields in every evaluation.</summary>
    public PackFacts? Facts { get; }

    /// <summary>The system's value for the field at <paramref name="pointer"/> when a supplied fact fills it (shown read-only).</summary>
    public FactValue? SystemValueAt(string pointer)
    {
        if (Facts is null) return null;
        foreach (var declared in Pack.Manifest.Facts)
            if (declared.Fills == pointer && Facts.Values.TryGetValue(declared.Id, out var value)) return value;
        return null;
    }
    public FormLayout Layout { get; }
    public UnitInfo Unit { get; }
    public int Year { get; }
    public JsonObject Data { get; }
    public bool ReadOnly { get; }

    /// <summary>The submission evidence files are attached to (uploads are refused without one).</summary>
    public Guid? SubmissionId { get; }

    public EvaluationResult Evaluation { get; private set; } = null!;
    public FieldVisibility Visibility { get; private set; } = FieldVisibility.AllVisible;

    /// <summary>Goes up by one with every change, so a saver can tell whether what it saved is still current.</summary>
    public int ChangeCount { get; private set; }

    /// <summary>Errors are shown for fields the user has changed; after a submit attempt, for all.</summary>
    public bool ShowAllErrors { get; set; }

    /// <summary>Raised after a change has been evaluated.</summary>
    public event Action<string>? Changed;

    public bool IsVisible(UiField field) => Visibility.IsVisible(field.Field);

    /// <summary>Records a change at a pointer, re-evaluates and tells the listeners.</summary>
    public void MarkChanged(string pointer)
    {
        _touched.Add(pointer);
        ChangeCount++;
        Evaluate();
        Changed?.Invoke(pointer);
    }

    /// <summary>The messages to show at a field (or at a table / group as a whole).</summary>
    public IReadOnlyList<string> ErrorsAt(string pointer) =>
        _errors.TryGetValue(pointer, out var messages) && (ShowAllErrors || _touched.Contains(pointer)) ? messages : [];

    /// <summary>All current errors with the place people read (section › field › row), for the submit summary.</summary>
    public IReadOnlyList<(string Pointer, string Place, string Message)> AllErrors() =>
        _errors.SelectMany(e => e.Value.Select(m => (e.Key, Describe(e.Key), m))).ToList();

    public JsonElement ToElement() => JsonSerializer.SerializeToElement(Data);

    private void Evaluate()
    {
        // One engine call: the data is validated once for both the verdict and what is shown.
        Evaluation = Pack.Evaluate(Unit, Year, ToElement(), Facts, out var visibility);
        Visibility = visibility;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var error in Evaluation.Errors)
        {
            var at = Placed(error.Field ?? error.Path);
            if (!errors.TryGetValue(at, out var list)) errors[at] = list = [];
            if (!list.Contains(error.Message)) list.Add(error.Message);
        }
        _errors = errors;
    }

    /// <summary>An error inside a file list or checklist (one item's format) is shown at the list.</summary>
    private string Placed(string pointer)
    {
        var field = Pack.Form.FieldAt(pointer);
        while (field is { Name: "*", Parent: { } list } && Layout.UiFor(list) is { Widget: Widget.File or Widget.Checklist })
        {
            pointer = JsonPointer.Parent(pointer);
            field = list;
        }
        return pointer;
    }

    /// <summary>"Section › Field › Dòng 2 › Column" for a data pointer.</summary>
    public string Describe(string pointer)
    {
        var parts = new List<string>();
        var field = Pack.Form.Root;
        foreach (var segment in JsonPointer.Segments(pointer))
        {
            if (field.Kind == FieldKind.Array && field.Item is { } item)
            {
                parts.Add(int.TryParse(segment, out var row) ? $"Dòng {row + 1}" : segment);
                field = item;
                continue;
            }
            var child = field.Children.FirstOrDefault(c => c.Name == segment);
            if (child is null) { parts.Add(segment); break; }
            parts.Add(Layout.UiFor(child)?.Label ?? child.Label);
            field = child;
        }
        return parts.Count == 0 ? "Toàn bộ biểu mẫu" : string.Join(" › ", parts);
    }

    /// <summary>Every evidence file the data refers to, with the place of its field, in form order.</summary>
    public IReadOnlyList<(string Place, string Reference)> EvidenceFiles()
    {
        var found = new List<(string, string)>();
        foreach (var field in Layout.Sections.SelectMany(s => s.Fields)) Collect(field, Data, JsonPointer.Append("", field.Name), found);
        return found;
    }

    private void Collect(UiField field, JsonObject container, string pointer, List<(string, string)> found)
    {
        var value = container[field.Name];
        switch (field.Widget)
        {
            case Widget.File:
                var references = value switch
                {
                    JsonArray items => items.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
                    JsonValue single when single.TryGetValue<string>(out var s) => [s],
                    _ => [],
                };
                foreach (var reference in references) found.Add((Describe(pointer), reference));
                break;
            case Widget.Group when value is JsonObject group:
                foreach (var child in field.Children) Collect(child, group, JsonPointer.Append(pointer, child.Name), found);
                break;
            case Widget.Table when value is JsonArray rows:
                for (var i = 0; i < rows.Count; i++)
                    if (rows[i] is JsonObject row)
                        foreach (var child in field.Children) Collect(child, row, JsonPointer.Append(JsonPointer.Append(pointer, i), child.Name), found);
                break;
        }
    }

    /// <summary>
    /// Makes the data's shape match the form: every group an object (so a missing answer is reported
    /// at its own field) and every checkbox an explicit false. Not a change: nothing is saved for it.
    /// </summary>
    public static void Normalise(IEnumerable<UiField> fields, JsonObject container)
    {
        foreach (var field in fields)
        {
            switch (field.Widget)
            {
                case Widget.Group:
                    if (!container.ContainsKey(field.Name)) container[field.Name] = new JsonObject();
                    if (container[field.Name] is JsonObject group) Normalise(field.Children, group);
                    break;
                case Widget.Checkbox when !container.ContainsKey(field.Name):
                    container[field.Name] = false;
                    break;
                case Widget.Table when container[field.Name] is JsonArray rows:
                    foreach (var row in rows.OfType<JsonObject>()) Normalise(field.Children, row);
                    break;
            }
        }
    }
}
