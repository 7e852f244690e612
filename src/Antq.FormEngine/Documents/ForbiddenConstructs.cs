using Scriban.Syntax;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Refuses, by walking the parsed syntax tree, what would run code or read files named by data:
/// <c>include</c> / <c>include_join</c> (load other templates), <c>import</c> (pulls an object's
/// members into scope), <c>object.eval</c> / <c>object.eval_template</c> (run text as a template)
/// and <c>regex.*</c> (documents need none; a pattern can hold the thread). The sandbox also removes
/// these from the builtins, so a spelling this walk misses (<c>object["ev" + "al"]</c>) still fails.
/// </summary>
internal static class ForbiddenConstructs
{
    private static readonly Dictionary<string, string> ForbiddenGlobals = new(StringComparer.Ordinal)
    {
        ["include"] = "Mẫu văn bản không được dùng `include`: mẫu không được nạp tệp hay mẫu khác.",
        ["include_join"] = "Mẫu văn bản không được dùng `include_join`: mẫu không được nạp tệp hay mẫu khác.",
        ["regex"] = "Mẫu văn bản không được dùng `regex`: biểu thức chính quy không cần cho văn bản và có thể treo máy chủ.",
        ["eval"] = EvalMessage,
        ["eval_template"] = EvalMessage,
    };

    private const string EvalMessage = "Mẫu văn bản không được dùng `object.eval` / `object.eval_template`: không chạy mã lấy từ dữ liệu.";
    private const string ImportMessage = "Mẫu văn bản không được dùng `import`.";

    public static IEnumerable<PackError> Find(ScriptNode root, string file)
    {
        // An explicit stack: a deeply nested template must not overflow ours.
        var pending = new Stack<ScriptNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (Check(node) is { } message)
            {
                var start = node.Span.Start;
                yield return new PackError(PackError.AtText(file, start.Line + 1, start.Column + 1), "template.forbidden", message);
            }
            foreach (var child in node.Children)
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static string? Check(ScriptNode node) => node switch
    {
        ScriptImportStatement => ImportMessage,
        ScriptVariableGlobal global when !IsMemberName(global) && ForbiddenGlobals.TryGetValue(global.Name, out var message) => message,
        ScriptMemberExpression { Member.Name: "eval" or "eval_template" } => EvalMessage,
        ScriptIndexerExpression { Index: ScriptLiteral { Value: "eval" or "eval_template" } } => EvalMessage,
        _ => null,
    };

    // In `form.include` the name is a member of the form data, not the builtin: data may use it.
    private static bool IsMemberName(ScriptVariableGlobal variable) =>
        variable.Parent is ScriptMemberExpression member && ReferenceEquals(member.Member, variable);
}
