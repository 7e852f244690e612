using System.Text.RegularExpressions;

namespace Antq.FormEngine.Rules;

/// <summary>
/// Vietnamese for the parser's common messages. Anything else keeps the parser's words without
/// .NET type names (pack authors need the gist, not our internals).
/// </summary>
internal static partial class ParseMessages
{
    private static readonly (Regex Pattern, string Vietnamese)[] Known =
    [
        (new Regex("^Expression expected"), "Thiếu biểu thức"),
        (new Regex("^Syntax error"), "Lỗi cú pháp"),
        (new Regex("^Unterminated string literal"), "Chuỗi chưa đóng dấu nháy"),
        (new Regex("^'(.)' expected"), "Thiếu dấu '$1'"),
        (new Regex("^'(.)' or '(.)' expected"), "Thiếu dấu '$1' hoặc '$2'"),
        (new Regex("^Operator '([^']+)' incompatible with operand types '([^']+)' and '([^']+)'"), "Phép '$1' không dùng được giữa kiểu $2 và $3"),
        (new Regex("^Operator '([^']+)' incompatible with operand type '([^']+)'"), "Phép '$1' không dùng được với kiểu $2"),
        (new Regex("^Expression of type '([^']+)' expected"), "Biểu thức phải có kiểu $1 (ví dụ một phép so sánh cho kết quả đúng/sai)"),
        (new Regex("^No applicable method '([^']+)' exists in type '([^']+)'"), "Không có phương thức '$1' phù hợp cho kiểu $2"),
        (new Regex("^No applicable aggregate method '([^']+)'"), "Không dùng được '$1' ở đây"),
        (new Regex("^Invalid real literal '([^']+)'"), "Số thực không hợp lệ '$1'"),
        (new Regex("^Invalid integer literal '([^']+)'"), "Số nguyên không hợp lệ '$1'"),
        (new Regex("^Character literal must contain exactly one character"), "Ký tự trong dấu nháy đơn phải đúng một ký tự; dùng dấu nháy kép cho chuỗi"),
        (new Regex("^The types of the test and result expressions"), "Hai nhánh của phép điều kiện (? :) phải cùng kiểu"),
    ];

    [GeneratedRegex(@"\b(System|Antq|FastExpressionCompiler)(\.[A-Za-z_`0-9]+)+")]
    private static partial Regex Namespaces();

    public static string Translate(string message)
    {
        foreach (var (pattern, vietnamese) in Known)
            if (pattern.IsMatch(message)) return pattern.Replace(Friendly(message), vietnamese, 1).Split(" (at index")[0];
        return "Lỗi cú pháp: " + Friendly(message);
    }

    /// <summary>For errors the parser reports by throwing something other than a parse error (generic method resolution…).</summary>
    public static string Unusable(string message) =>
        message.Contains("generic method", StringComparison.OrdinalIgnoreCase)
            ? "Biểu thức gọi một phương thức không được phép hoặc sai đối số (ngoài danh sách cho phép)."
            : "Biểu thức không hợp lệ: " + Friendly(message);

    private static string Friendly(string message) =>
        Namespaces().Replace(message, m => m.Value[(m.Value.LastIndexOf('.') + 1)..]).Replace("Int64", "số nguyên").Replace("Double", "số")
            .Replace("Boolean", "đúng/sai").Replace("String", "chuỗi");
}
