using Scriban.Runtime;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Copies a model for one render: a template that writes <c>unit.name = "x"</c> changes nothing
/// outside that render, and objects are read-only so such a write is an error, not a silent
/// change of the printed value. Refuses anything that is not plain data (a live .NET object
/// would leak its members to the template).
/// </summary>
internal static class PlainData
{
    private const int MaxDepth = 64;

    public static ScriptObject FrozenCopy(ScriptObject model) => (ScriptObject)Copy(model, 0)!;

    private static object? Copy(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"The template model is nested deeper than {MaxDepth} (a cycle?).");
        }
        switch (value)
        {
            case null or string or bool or int or long or double or decimal:
                return value;
            case ScriptObject source:
                var copy = new ScriptObject(source.Count);
                foreach (var (key, item) in source)
                {
                    copy[key] = Copy(item, depth + 1);
                }
                copy.IsReadOnly = true;
                return copy;
            case ScriptArray array:
                var items = new ScriptArray(array.Count);
                foreach (var item in array)
                {
                    items.Add(Copy(item, depth + 1));
                }
                items.IsReadOnly = true;
                return items;
            default:
                throw new ArgumentException(
                    $"The template model holds a {value.GetType().Name}; only strings, numbers, booleans, ScriptObject and ScriptArray are allowed.");
        }
    }
}
