using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace Antq.FormEngine.Forms;

/// <summary>
/// <c>pattern</c> evaluated with .NET's non-backtracking regex engine: matching time is linear in
/// the input whatever the pattern, so a pack author's <c>^(a+)+$</c> cannot stall a save (the
/// backtracking engine that JsonSchema.Net uses by default has no timeout unless the whole
/// process sets one). Patterns the linear engine cannot run (backreferences, lookarounds) are
/// refused when the pack is loaded (<see cref="FormSchemaCheck"/>).
/// </summary>
internal sealed class SafePatternKeyword : IKeywordHandler
{
    public static readonly SafePatternKeyword Instance = new();

    public const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    public string Name => "pattern";

    public object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) throw new JsonSchemaException("'pattern' must be a string.");
        return Compile(value.GetString()!);
    }

    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String) return KeywordEvaluation.Ignore;
        var regex = (Regex)keyword.Value!;
        var valid = regex.IsMatch(context.Instance.GetString()!);
        return new KeywordEvaluation { Keyword = Name, IsValid = valid, Error = valid ? null : "The string value is not a match for the indicated regular expression" };
    }

    /// <summary>The compiled pattern, or an exception whose message says why it cannot run in linear time.</summary>
    public static Regex Compile(string pattern) => new(pattern, Options, MatchTimeout);

    /// <summary>The 2020-12 dialect with this keyword in place of the backtracking one.</summary>
    public static Dialect Dialect { get; } = Dialect.Draft202012.Without([PatternKeyword.Instance]).With([Instance], Dialect.Draft202012.Id);
}
