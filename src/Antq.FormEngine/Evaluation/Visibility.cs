using System.Text.Json;
using Antq.FormEngine.Forms;
using Antq.FormEngine.Rules;

namespace Antq.FormEngine.Evaluation;

/// <summary>
/// Which fields of a form are shown for some data: the same <c>x-ui.visibleWhen</c> predicates the
/// evaluation uses to drop the errors of hidden fields, so a form renderer and the server agree on
/// what is hidden (and therefore not required).
/// </summary>
public sealed class FieldVisibility
{
    private readonly HashSet<FormField> _hidden;

    internal FieldVisibility(HashSet<FormField> hidden) => _hidden = hidden;

    /// <summary>Everything visible (a form without conditions).</summary>
    public static FieldVisibility AllVisible { get; } = new([]);

    /// <summary>The fields whose own condition is false (their descendants are hidden with them).</summary>
    public IReadOnlyCollection<FormField> Hidden => _hidden;

    /// <summary>False when the field or one of its ancestors is hidden.</summary>
    public bool IsVisible(FormField field)
    {
        if (_hidden.Count == 0) return true;
        for (var f = field; f is not null; f = f.Parent)
            if (_hidden.Contains(f)) return false;
        return true;
    }
}

public static class PackVisibility
{
    /// <summary>
    /// Evaluates every <c>visibleWhen</c> of the pack against the data. A condition whose own inputs
    /// are missing or invalid hides its field, as in <see cref="CompiledPack.Evaluate"/>. Never throws for bad data.
    /// </summary>
    public static FieldVisibility VisibleFields(this CompiledPack pack, UnitInfo unit, int year, JsonElement data)
    {
        if (pack.Visibility.Count == 0) return FieldVisibility.AllVisible;
        var (_, _, typed) = PackEvaluator.Prepare(pack, data);
        return PackEvaluator.Visibility(pack, new EvalContext(), typed, unit, year);
    }
}
