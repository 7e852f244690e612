namespace Antq.FormEngine.Rules;

/// <summary>
/// A raw-text check run before any parse: the parser recurses once per bracket, unary operator,
/// conditional and lambda, and a deep enough expression overflows the stack — which no catch
/// survives. Bounding the text first keeps every later step shallow.
/// </summary>
internal static class ExpressionPreCheck
{
    public const int MaxLength = 2000;
    public const int MaxBracketDepth = 32;
    public const int MaxUnaryRun = 8;
    public const int MaxConditionals = 32;
    public const int MaxLambdas = 16;

    /// <summary>A Vietnamese reason the text is refused, or null.</summary>
    public static string? Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Biểu thức trống.";
        if (text.Length > MaxLength) return $"Biểu thức dài {text.Length} ký tự, vượt giới hạn {MaxLength}.";
        int depth = 0, unaryRun = 0, conditionals = 0, lambdas = 0;
        var inString = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return "Biểu thức chứa ký tự điều khiển không hợp lệ.";
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == quote) inString = false;
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    inString = true; quote = c; unaryRun = 0; continue;
                case '(' or '[' or '{':
                    if (++depth > MaxBracketDepth) return $"Biểu thức lồng ngoặc quá {MaxBracketDepth} cấp.";
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case '?':
                    if (++conditionals > MaxConditionals) return $"Biểu thức có quá {MaxConditionals} phép điều kiện.";
                    break;
                case '=' when i + 1 < text.Length && text[i + 1] == '>':
                    if (++lambdas > MaxLambdas) return $"Biểu thức có quá {MaxLambdas} hàm lambda.";
                    break;
            }
            if (c is '!' or '-' or '+' or '~')
            {
                if (++unaryRun > MaxUnaryRun) return $"Biểu thức có quá {MaxUnaryRun} toán tử một ngôi liên tiếp.";
            }
            else if (!char.IsWhiteSpace(c) && c != '(')
            {
                unaryRun = 0;
            }
        }
        if (inString) return "Chuỗi trong biểu thức chưa đóng dấu nháy.";
        if (depth != 0) return "Ngoặc trong biểu thức không cân đối.";
        return null;
    }
}
