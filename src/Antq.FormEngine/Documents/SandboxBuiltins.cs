using Scriban.Functions;
using Scriban.Runtime;

namespace Antq.FormEngine.Documents;

/// <summary>
/// The builtins a document template gets: <c>string</c>, <c>math</c>, <c>date</c>, <c>array</c>,
/// <c>html</c>, <c>object</c> without <c>eval</c>/<c>eval_template</c>, and <c>empty</c>/<c>blank</c>.
/// Built once and shared by every render: each object is read-only, so no template can change a
/// builtin (<c>date.format = …</c>) for the renders after it.
/// </summary>
internal static class SandboxBuiltins
{
    private static readonly string[] Kept = ["string", "math", "date", "array", "html", "object", "empty", "blank"];

    public static ScriptObject Shared { get; } = Create();

    private static ScriptObject Create()
    {
        var all = new BuiltinFunctions();
        var builtins = new ScriptObject();
        foreach (var name in Kept)
        {
            builtins.SetValue(name, all[name], readOnly: true);
        }
        var objectFunctions = builtins["object"] as ScriptObject
            ?? throw new InvalidOperationException("Scriban has no `object` builtin.");
        objectFunctions.Remove("eval");
        objectFunctions.Remove("eval_template");
        foreach (var value in builtins.Values)
        {
            if (value is ScriptObject functions)
            {
                functions.IsReadOnly = true;
            }
        }
        builtins.IsReadOnly = true;
        return builtins;
    }
}
