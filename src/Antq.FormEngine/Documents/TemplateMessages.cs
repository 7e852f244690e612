using System.Text.RegularExpressions;
using Scriban.Syntax;

namespace Antq.FormEngine.Documents;

/// <summary>
/// Vietnamese messages for the render errors a template author will meet. Scriban's messages are
/// English; the known ones are translated by pattern and any other is kept, after a Vietnamese lead.
/// </summary>
internal static partial class TemplateMessages
{
    public static string ForRender(ScriptRuntimeException error, RenderOptions options) => error switch
    {
        SandboxLimitException => error.OriginalMessage,
        ScriptAbortException => string.Create(SandboxContext.Vietnamese, $"Dựng văn bản quá thời gian cho phép ({options.Timeout.TotalSeconds:0.#} giây)."),
        _ => Translate(error.OriginalMessage),
    };

    public static string Translate(string message)
    {
        if (NotFound().Match(message) is { Success: true } notFound)
        {
            return $"Không có biến hoặc hàm `{notFound.Groups["name"].Value}`.";
        }
        if (message.Contains("iteration limit", StringComparison.Ordinal) || message.Contains("exceeds LoopLimit", StringComparison.Ordinal))
        {
            return string.Create(SandboxContext.Vietnamese, $"Vòng lặp vượt quá giới hạn {SandboxContext.MaxLoopIterations:N0} lần lặp.");
        }
        if (message.Contains("recursive depth limit", StringComparison.Ordinal))
        {
            return $"Hàm gọi đệ quy quá sâu (giới hạn {SandboxContext.MaxRecursion} mức).";
        }
        if (message.Contains("LimitToString", StringComparison.Ordinal))
        {
            return string.Create(SandboxContext.Vietnamese, $"Chuỗi vượt quá giới hạn {SandboxContext.MaxStringChars:N0} ký tự.");
        }
        if (message.Contains("OutputLimit", StringComparison.Ordinal) || message.Contains("output limit", StringComparison.OrdinalIgnoreCase))
        {
            return string.Create(SandboxContext.Vietnamese, $"Văn bản vượt quá giới hạn {SandboxContext.MaxOutputChars:N0} ký tự.");
        }
        if (message.Contains("object cycle", StringComparison.Ordinal))
        {
            return "Dữ liệu lồng nhau vòng tròn hoặc quá sâu, không chuyển được thành JSON.";
        }
        if (message.Contains("readonly", StringComparison.OrdinalIgnoreCase))
        {
            return "Mẫu văn bản không được ghi vào dữ liệu của văn bản hay vào hàm có sẵn; hãy đặt giá trị vào biến mới.";
        }
        return $"Lỗi khi dựng văn bản: {message}";
    }

    /// <summary>
    /// A parser message in Vietnamese (Issue 18, item 5): the common ones by pattern; any other after
    /// a Vietnamese lead, its English kept only as the technical detail in brackets.
    /// </summary>
    public static string ForParse(string message)
    {
        var statement = StatementName().Match(message) is { Success: true } s ? s.Groups["what"].Value : null;
        var where = statement is null ? "" : $" trong câu lệnh `{statement}`";
        if (message.Contains("without a corresponding beginning", StringComparison.OrdinalIgnoreCase))
            return "Lỗi cú pháp mẫu: có `end` nhưng không có khối nào (if, for, capture…) đang mở.";
        if (message.Contains("<end> statement was not found", StringComparison.OrdinalIgnoreCase))
            return $"Lỗi cú pháp mẫu{where}: khối chưa được đóng — thiếu `{{{{ end }}}}`.";
        if (message.Contains("<EOF>", StringComparison.Ordinal) || message.Contains("end of file", StringComparison.OrdinalIgnoreCase)
            || message.Contains("`end`", StringComparison.Ordinal) && message.Contains("missing", StringComparison.OrdinalIgnoreCase))
            return $"Lỗi cú pháp mẫu{where}: khối chưa được đóng bằng `end` trước khi hết mẫu.";
        if (InvalidToken().Match(message) is { Success: true } token)
            return $"Lỗi cú pháp mẫu{where}: ký hiệu `{token.Groups["token"].Value}` không đúng chỗ.";
        if (message.Contains("Expecting", StringComparison.OrdinalIgnoreCase) && Expecting().Match(message) is { Success: true } expecting)
            return $"Lỗi cú pháp mẫu{where}: thiếu {Words(expecting.Groups["what"].Value)}.";
        if (message.Contains("}}", StringComparison.Ordinal) || message.Contains("code exit", StringComparison.OrdinalIgnoreCase))
            return $"Lỗi cú pháp mẫu{where}: thiếu `}}}}` để đóng đoạn lệnh.";
        return $"Lỗi cú pháp mẫu{where}: câu lệnh viết chưa đúng (chi tiết kỹ thuật: {message})";
    }

    private static string Words(string expected) => expected
        .Replace("<EOL>", "xuống dòng", StringComparison.Ordinal)
        .Replace("end of line", "xuống dòng", StringComparison.OrdinalIgnoreCase)
        .Replace("identifier", "tên biến", StringComparison.OrdinalIgnoreCase)
        .Replace("expression", "biểu thức", StringComparison.OrdinalIgnoreCase)
        .Replace(" or ", " hoặc ", StringComparison.Ordinal)
        .Trim(' ', '.');

    [GeneratedRegex(@"parsing (?<what>[a-z_]+) statement", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex StatementName();

    [GeneratedRegex(@"(?:Invalid|Unexpected) token(?: found)? `?(?<token>[^`\s]+)`?", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex InvalidToken();

    [GeneratedRegex(@"Expecting (?<what>[^.]+)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex Expecting();

    [GeneratedRegex("(?:variable or function|function) `(?<name>[^`]*)` was not found", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex NotFound();
}
