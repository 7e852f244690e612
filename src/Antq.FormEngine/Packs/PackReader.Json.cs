using System.Text.Json;

namespace Antq.FormEngine.Packs;

public static partial class PackReader
{
    /// <summary>
    /// Parses a .json file as strictly as every later reader will: no comments, no trailing commas,
    /// no duplicate property names (a validator and a loader could keep different values) and no
    /// nesting deeper than <see cref="PackLimits.MaxJsonDepth"/>.
    /// </summary>
    private static PackError? CheckJson(string name, ReadOnlyMemory<byte> text, PackLimits limits)
    {
        var options = new JsonDocumentOptions
        {
            MaxDepth = limits.MaxJsonDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            AllowDuplicateProperties = false,
        };
        try
        {
            using var document = JsonDocument.Parse(text, options);
            return null;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            var at = PackError.AtText(name, line, column);
            return Classify(text.Span, limits.MaxJsonDepth) switch
            {
                JsonProblem.TooDeep => new(at, "json.too-deep",
                    $"JSON trong “{name}” lồng sâu quá {limits.MaxJsonDepth} cấp (dòng {line}, cột {column})."),
                JsonProblem.DuplicateProperty => new(at, "json.duplicate-property",
                    $"JSON trong “{name}” có một thuộc tính xuất hiện hai lần trong cùng một đối tượng (dòng {line}, cột {column})."),
                _ => new(at, "json.invalid",
                    $"JSON trong “{name}” không hợp lệ ở dòng {line}, cột {column} (kiểm tra dấu phẩy, ngoặc, dấu nháy; không được có chú thích hay dấu phẩy thừa)."),
            };
        }
    }

    private enum JsonProblem { Syntax, TooDeep, DuplicateProperty }

    /// <summary>
    /// JsonException does not say which rule failed, and its message is not a contract. Re-reading with
    /// one level of headroom tells: the first problem the parser met was the depth if a container opens
    /// past the limit before any syntax error; duplicates are the only thing the reader does not check.
    /// </summary>
    private static JsonProblem Classify(ReadOnlySpan<byte> text, int maxDepth)
    {
        var reader = new Utf8JsonReader(text, new JsonReaderOptions
        {
            MaxDepth = maxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return JsonProblem.TooDeep;
                }
            }
            return JsonProblem.DuplicateProperty;
        }
        catch (JsonException)
        {
            return JsonProblem.Syntax;
        }
    }
}
