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

    [GeneratedRegex("(?:variable or function|function) `(?<name>[^`]*)` was not found", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex NotFound();
}
